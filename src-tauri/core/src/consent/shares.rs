//! The shares the young person agreed to, and which of them an export may go to.

use std::str::FromStr;

use time::OffsetDateTime;
use uuid::Uuid;

use super::text::{line, optional, prose};
use super::{change, find_share, history, NewShare, ShareStatus, NOT_KEPT};
use crate::document::{Disclosure, MapDocument, Recipient, Share};
use crate::events::HistoryEvent;
use crate::{Error, Result};

/// Add a share the young person agreed to, on a kept map, and return its new id.
/// History: `share_added`.
pub fn add_share(doc: &mut MapDocument, share: NewShare, now: OffsetDateTime) -> Result<String> {
    if !doc.consent.is_kept() {
        return Err(Error::ConsentRequired(NOT_KEPT.into()));
    }
    let role = line(
        &share.role,
        80,
        "Give the recipient's role in 1 to 80 characters, on one line.",
    )?;
    let team = line(
        &share.team,
        80,
        "Give the recipient's team in 1 to 80 characters, on one line.",
    )?;
    let purpose = prose(
        &share.purpose,
        500,
        "Give the purpose of the share in 1 to 500 characters.",
    )?;
    let age_recipient = optional(share.age_recipient.as_deref())
        .map(|key| {
            age::x25519::Recipient::from_str(key)
                .map(|r| r.to_string())
                .map_err(|_| {
                    Error::InvalidInput(
                        "That is not a valid age public key. It should start with age1 and be \
                         copied exactly as the recipient gave it."
                            .into(),
                    )
                })
        })
        .transpose()?;
    if share.expires_at.is_some_and(|end| end <= now) {
        return Err(Error::InvalidInput(
            "The date a share ends must be in the future.".into(),
        ));
    }
    let id = Uuid::new_v4().simple().to_string();
    change(doc, now, |next| {
        next.consent.shares.push(Share {
            id: id.clone(),
            recipient: Recipient {
                role,
                team,
                age_recipient,
            },
            purpose,
            agreed_at: now,
            expires_at: share.expires_at,
            withdrawn_at: None,
        });
        history(next, now, HistoryEvent::ShareAdded, Some(&id));
        Ok(())
    })?;
    Ok(id)
}

/// Withdraw a share at once and return the exports already made under it, so the practitioner
/// can ask those recipients to delete their copies. History: `share_withdrawn`.
pub fn withdraw_share(
    doc: &mut MapDocument,
    share_id: &str,
    now: OffsetDateTime,
) -> Result<Vec<Disclosure>> {
    let share = find_share(doc, share_id)?;
    if share.withdrawn_at.is_some() {
        return Err(Error::InvalidInput(
            "This share has already been withdrawn.".into(),
        ));
    }
    change(doc, now, |next| {
        if let Some(share) = next.consent.shares.iter_mut().find(|s| s.id == share_id) {
            share.withdrawn_at = Some(now);
        }
        history(next, now, HistoryEvent::ShareWithdrawn, Some(share_id));
        Ok(())
    })?;
    Ok(doc
        .disclosures
        .iter()
        .filter(|d| d.share_id == share_id)
        .cloned()
        .collect())
}

/// Where `share` stands at `now`.
pub fn share_status(share: &Share, now: OffsetDateTime) -> ShareStatus {
    if share.withdrawn_at.is_some() {
        ShareStatus::Withdrawn
    } else if share.expires_at.is_some_and(|end| end <= now) {
        ShareStatus::Expired
    } else {
        ShareStatus::Active
    }
}

/// The share an export may go to: [`Error::ConsentRequired`] unless the map is kept and the
/// share exists, is not withdrawn and has not ended.
pub fn active_share<'a>(
    doc: &'a MapDocument,
    share_id: &str,
    now: OffsetDateTime,
) -> Result<&'a Share> {
    if !doc.consent.is_kept() {
        return Err(Error::ConsentRequired(
            "This map hasn't been agreed to keep yet, so it can't be shared. Finish the \
             consent step with the young person first."
                .into(),
        ));
    }
    let share = doc
        .consent
        .shares
        .iter()
        .find(|s| s.id == share_id)
        .ok_or_else(|| {
            Error::ConsentRequired(
                "The young person hasn't agreed to share this map with that recipient.".into(),
            )
        })?;
    match share_status(share, now) {
        ShareStatus::Active => Ok(share),
        ShareStatus::Withdrawn => Err(Error::ConsentRequired(
            "The young person withdrew this share: they have taken back their agreement, so \
             nothing can go to that recipient."
                .into(),
        )),
        ShareStatus::Expired => Err(Error::ConsentRequired(
            "The agreement to this share has reached its end date, so nothing can go to that \
             recipient. Ask the young person whether they would like to agree again."
                .into(),
        )),
    }
}
