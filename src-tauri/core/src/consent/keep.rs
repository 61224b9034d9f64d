//! Before and after drawing: what was explained, and whether the map is kept.

use time::OffsetDateTime;

use super::retention::add_months;
use super::text::{optional, prose};
use super::{change, history, KeepDecision, KeepOutcome, BAD_DATE, POLICY_DEFAULT};
use crate::document::{ConsentBy, Explained, KeepCopy, MapDocument};
use crate::events::HistoryEvent;
use crate::index::DestroyReason;
use crate::settings::Settings;
use crate::{Error, Result};

/// Record that confidentiality and its limits, and where the map is kept and who can see it,
/// were both explained before drawing. History: `explained`.
pub fn record_explained(
    doc: &mut MapDocument,
    confidentiality: bool,
    storage_and_access: bool,
    now: OffsetDateTime,
) -> Result<()> {
    if !confidentiality || !storage_and_access {
        return Err(Error::InvalidInput(
            "Explain both the limits of confidentiality and where the map is kept and who can \
             see it before drawing."
                .into(),
        ));
    }
    change(doc, now, |next| {
        next.consent.explained = Some(Explained {
            confidentiality,
            storage_and_access,
            at: now,
        });
        history(next, now, HistoryEvent::Explained, None);
        Ok(())
    })
}

/// Record the end-of-session decision. Yes: the map is kept with the default retention
/// (history `keep_agreed`). No: the caller destroys the draft (history `keep_declined`).
///
/// Agreeing needs the explanation recorded first; saying no never needs anything. The lawful
/// basis is the organisation's and is recorded separately from the young person's agreement.
pub fn decide_keep(
    doc: &mut MapDocument,
    decision: KeepDecision,
    lawful_basis: Option<&str>,
    settings: &Settings,
    now: OffsetDateTime,
) -> Result<KeepOutcome> {
    settings.validate()?;
    if doc.consent.is_kept() {
        return Err(Error::InvalidInput(
            "The young person has already agreed to this map being kept.".into(),
        ));
    }
    if doc.consent.keep_withdrawn() {
        return Err(Error::ConsentRequired(
            "The young person took back their agreement to keep this map, so it is being \
             destroyed and cannot be kept again. Start a new map if they want one."
                .into(),
        ));
    }
    let by_reason = match (decision.by, optional(decision.by_reason.as_deref())) {
        (ConsentBy::ParentCarer, None) => {
            return Err(Error::InvalidInput(
                "Say why a parent or carer gave the answer instead of the young person.".into(),
            ))
        }
        (ConsentBy::ParentCarer, Some(reason)) => Some(prose(
            reason,
            500,
            "The reason a parent or carer answered must be at most 500 characters.",
        )?),
        (ConsentBy::YoungPerson, None) => None,
        (ConsentBy::YoungPerson, Some(_)) => {
            return Err(Error::InvalidInput(
                "A reason is only recorded when a parent or carer gave the answer.".into(),
            ))
        }
    };
    let understanding_note = optional(decision.understanding_note.as_deref())
        .map(|note| {
            prose(
                note,
                1000,
                "The note about the young person's understanding must be at most 1000 characters.",
            )
        })
        .transpose()?;
    let keep = KeepCopy {
        agreed: decision.agreed,
        by: decision.by,
        by_reason,
        understanding_note,
        at: now,
    };

    if !decision.agreed {
        change(doc, now, |next| {
            next.consent.keep_copy = Some(keep);
            history(next, now, HistoryEvent::KeepDeclined, None);
            Ok(())
        })?;
        return Ok(KeepOutcome::Destroy(DestroyReason::NotKept));
    }

    let explained = doc
        .consent
        .explained
        .as_ref()
        .is_some_and(|e| e.confidentiality && e.storage_and_access);
    if !explained {
        return Err(Error::ConsentRequired(
            "Record that confidentiality and storage were explained before the map is kept.".into(),
        ));
    }
    let lawful_basis = optional(lawful_basis)
        .map(|basis| {
            prose(
                basis,
                500,
                "The lawful basis must be at most 500 characters.",
            )
        })
        .transpose()?;
    let until = add_months(now, settings.default_retention_months)
        .ok_or_else(|| Error::InvalidInput(BAD_DATE.into()))?;
    change(doc, now, |next| {
        next.consent.keep_copy = Some(keep);
        if lawful_basis.is_some() {
            next.consent.lawful_basis = lawful_basis;
        }
        next.retention.until = until;
        next.retention.policy = POLICY_DEFAULT.to_owned();
        history(next, now, HistoryEvent::KeepAgreed, None);
        Ok(())
    })?;
    Ok(KeepOutcome::Kept { until })
}

/// Withdraw the agreement to keep the map: every active share is withdrawn with it, the map is
/// due at once, and the caller destroys it. History: `keep_withdrawn`, then `share_withdrawn`
/// each. Calling it again on a withdrawn map (a destruction that was interrupted) changes
/// nothing and asks for the destruction again.
pub fn withdraw_keep(doc: &mut MapDocument, now: OffsetDateTime) -> Result<KeepOutcome> {
    if doc.consent.keep_withdrawn() {
        // Already withdrawn: a destruction that was interrupted is simply tried again.
        return Ok(KeepOutcome::Destroy(DestroyReason::ConsentWithdrawn));
    }
    if !doc.consent.is_kept() {
        return Err(Error::InvalidInput(
            "This map has not been kept, so there is no agreement to withdraw.".into(),
        ));
    }
    change(doc, now, |next| {
        if let Some(keep) = next.consent.keep_copy.as_mut() {
            keep.agreed = false;
            keep.at = now;
        }
        // Due at once, so if the destruction is interrupted the next sweep finishes it.
        next.retention.until = now;
        history(next, now, HistoryEvent::KeepWithdrawn, None);
        let active: Vec<String> = next
            .consent
            .shares
            .iter()
            .filter(|s| s.withdrawn_at.is_none())
            .map(|s| s.id.clone())
            .collect();
        for id in active {
            if let Some(share) = next.consent.shares.iter_mut().find(|s| s.id == id) {
                share.withdrawn_at = Some(now);
            }
            history(next, now, HistoryEvent::ShareWithdrawn, Some(&id));
        }
        Ok(())
    })?;
    Ok(KeepOutcome::Destroy(DestroyReason::ConsentWithdrawn))
}
