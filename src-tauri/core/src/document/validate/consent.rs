//! The rules for what was agreed and shared: consent, shares, recipients and disclosures.

use super::fields::{age_recipient, code, date, id, sha256_hex, text};
use super::rules::rules;
use super::{unique_ids, Check, Problem, BAD_CODE, BAD_DATE, BAD_ID};
use crate::document::{Consent, Disclosure, Recipient};

pub(super) fn check_consent(consent: &Consent) -> Check {
    let (limits, say) = (&rules().limits.consent, &rules().say);
    if let Some(explained) = &consent.explained {
        ensure!(date(&explained.at), BAD_DATE);
    }
    if let Some(keep) = &consent.keep_copy {
        ensure!(date(&keep.at), BAD_DATE);
        ensure!(
            keep.by_reason
                .as_deref()
                .is_none_or(|r| text(r, 1, limits.reason_max, true)),
            &say.keep_reason
        );
        ensure!(
            keep.understanding_note.as_deref().is_none_or(|n| text(
                n,
                1,
                limits.understanding_note_max,
                true
            )),
            &say.understanding
        );
    }
    ensure!(
        consent
            .lawful_basis
            .as_deref()
            .is_none_or(|b| text(b, 1, limits.lawful_basis_max, true)),
        &say.lawful_basis
    );
    ensure!(consent.shares.len() <= limits.shares_max, &say.shares);
    unique_ids(consent.shares.iter().map(|s| s.id.as_str()))?;
    for share in &consent.shares {
        check_recipient(&share.recipient)?;
        ensure!(
            text(&share.purpose, 1, limits.share_purpose_max, true),
            &say.share_purpose
        );
        ensure!(date(&share.agreed_at), BAD_DATE);
        ensure!(share.expires_at.as_ref().is_none_or(date), BAD_DATE);
        ensure!(share.withdrawn_at.as_ref().is_none_or(date), BAD_DATE);
    }
    for event in &consent.history {
        ensure!(date(&event.at), BAD_DATE);
        ensure!(code(&event.event), BAD_CODE);
        ensure!(
            event
                .share_id
                .as_deref()
                .is_none_or(|share_id| has_share(consent, share_id)),
            "The consent history mentions a share that does not exist."
        );
    }
    Ok(())
}

pub(super) fn check_disclosure(disclosure: &Disclosure, consent: &Consent) -> Check {
    ensure!(date(&disclosure.at), BAD_DATE);
    ensure!(
        has_share(consent, &disclosure.share_id),
        "An export is recorded for a share that does not exist."
    );
    check_recipient(&disclosure.recipient)?;
    ensure!(
        disclosure.included.len() <= rules().limits.consent.disclosure_items_max,
        BAD_ID
    );
    ensure!(disclosure.included.iter().all(|item| id(item)), BAD_ID);
    ensure!(
        disclosure.export_sha256.as_deref().is_none_or(sha256_hex),
        "An export's checksum is malformed."
    );
    ensure!(code(&disclosure.status), BAD_CODE);
    Ok(())
}

fn check_recipient(recipient: &Recipient) -> Check {
    let max = rules().limits.consent.recipient_field_max;
    ensure!(
        text(&recipient.role, 1, max, false) && text(&recipient.team, 1, max, false),
        &rules().say.recipient
    );
    ensure!(
        recipient.age_recipient.as_deref().is_none_or(age_recipient),
        "A recipient's encryption key is malformed."
    );
    Ok(())
}

fn has_share(consent: &Consent, share_id: &str) -> bool {
    consent.shares.iter().any(|share| share.id == share_id)
}
