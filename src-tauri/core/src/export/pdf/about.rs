//! The sentences written about the copy: the map figure's text alternative and
//! "About this copy".

use super::super::content::Content;
use super::super::wording::{date, sentences};

/// The text alternative for the map figure.
pub(super) fn map_description(content: &Content) -> String {
    let placed = content
        .people
        .iter()
        .filter(|p| p.token.ring.is_some())
        .count();
    format!(
        "The peer map: the young person in the centre with {} rings around them and {placed} \
         {} placed on the rings. Every person is described in words in the legend that follows.",
        content.doc.rings.len(),
        if placed == 1 { "person" } else { "people" },
    )
}

/// "About this copy" for the young person's own copy: what it is, and that it is theirs.
pub(super) fn about_own_copy(content: &Content) -> Vec<String> {
    let doc = content.doc;
    let mut out = Vec::new();
    if !doc.purpose.trim().is_empty() {
        out.push(format!("Why the map was made: {}", doc.purpose.trim()));
    }
    out.push(format!(
        "This copy shows session {} of {}, held on {}. It was made on {}.",
        content.session_number,
        doc.versions.len(),
        date(content.session.session_at),
        date(content.now)
    ));
    out.extend(sentences::OWN_COPY_ABOUT.iter().map(|s| (*s).to_owned()));
    out
}

pub(super) fn about(content: &Content, share: &crate::document::Share) -> Vec<String> {
    let doc = content.doc;
    let mut out = Vec::new();
    if !doc.purpose.trim().is_empty() {
        out.push(format!("Why the map was made: {}", doc.purpose.trim()));
    }
    out.push(format!(
        "Why it is shared with you: {}",
        share.purpose.trim()
    ));
    out.push(format!(
        "Shared with: {}, {}.",
        share.recipient.role.trim(),
        share.recipient.team.trim()
    ));
    if let Some(keep) = &doc.consent.keep_copy {
        let who = match keep.by {
            crate::document::ConsentBy::YoungPerson => "The young person",
            crate::document::ConsentBy::ParentCarer => "A parent or carer",
        };
        out.push(format!(
            "{who} agreed to the map being kept on {}.",
            date(keep.at)
        ));
    }
    out.push(format!(
        "The young person agreed to share it with you on {}.",
        date(share.agreed_at)
    ));
    out.push(match share.expires_at {
        Some(end) => format!(
            "That agreement ends on {}, and the young person can take it back sooner.",
            date(end)
        ),
        None => {
            "That agreement has no end date, and the young person can take it back at any time."
                .to_owned()
        }
    });
    if let Some(basis) = doc.consent.lawful_basis.as_deref() {
        if !basis.trim().is_empty() {
            out.push(format!("Lawful basis recorded: {}", basis.trim()));
        }
    }
    out.push(format!(
        "This copy shows session {} of {}, held on {}. It was made on {}.",
        content.session_number,
        doc.versions.len(),
        date(content.session.session_at),
        date(content.now)
    ));
    out.push(format!(
        "Please delete this copy by {}. (A copy is kept no longer than the agreement lasts, \
         and never more than {} days.)",
        date(content.destroy_by.unwrap_or(content.now)),
        super::super::content::MAX_COPY_DAYS
    ));
    out.push(sentences::LEFT_OUT.to_owned());
    out
}
