//! Consent and retention, as pure operations on a [`MapDocument`] (DESIGN.md §1, issue 5).
//!
//! Every function takes "now" as a parameter (the caller passes the vault's rollback-guarded
//! clock), works on a copy of the document, validates it and only then replaces the caller's
//! document: on error the document is unchanged. Nothing here saves or destroys anything;
//! when the young person says no, or withdraws, the caller gets a [`KeepOutcome::Destroy`] and
//! destroys the map through the vault.
//!
//! Every consent change appends one event code to `consent.history`; every message is a
//! plain sentence that never contains map content.

use std::str::FromStr;

use time::{Date, Month, OffsetDateTime};
use uuid::Uuid;

use crate::document::{
    AuditEntry, ConsentBy, ConsentEvent, Disclosure, Explained, Extension, KeepCopy, MapDocument,
    Recipient, Share,
};
use crate::index::DestroyReason;
use crate::settings::Settings;
use crate::{Error, Result};

/// The retention policy code of a kept map on the organisation's default.
pub const POLICY_DEFAULT: &str = "default";

/// The young person's decision at the end of a session about a copy being kept.
#[derive(Clone, PartialEq, Eq)]
pub struct KeepDecision {
    /// Yes or no.
    pub agreed: bool,
    /// Who decided.
    pub by: ConsentBy,
    /// Why a parent or carer decided; required then, refused otherwise.
    pub by_reason: Option<String>,
    /// The practitioner's note on the young person's understanding.
    pub understanding_note: Option<String>,
}

/// What the caller must do after a keep decision or a withdrawal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepOutcome {
    /// The map is kept until this instant; save it.
    Kept {
        /// The new retention date.
        until: OffsetDateTime,
    },
    /// Destroy the map through the vault with this reason (after offering the young person
    /// their own copy, for [`DestroyReason::NotKept`]).
    Destroy(DestroyReason),
}

/// A share the young person agreed to, as entered.
#[derive(Clone, PartialEq, Eq)]
pub struct NewShare {
    /// The recipient's role, for example "Social worker". Never a person's name.
    pub role: String,
    /// The recipient's team.
    pub team: String,
    /// The recipient's age public key (`age1…`), if exports are encrypted to them.
    pub age_recipient: Option<String>,
    /// Why the map is shared, in plain words.
    pub purpose: String,
    /// When the agreement lapses, if it does.
    pub expires_at: Option<OffsetDateTime>,
}

/// Where a share stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareStatus {
    /// Exports to this recipient are allowed.
    Active,
    /// Its end date has passed.
    Expired,
    /// The young person withdrew it.
    Withdrawn,
}

impl ShareStatus {
    /// The code the UI reads: `active`, `expired` or `withdrawn`.
    pub fn as_str(self) -> &'static str {
        match self {
            ShareStatus::Active => "active",
            ShareStatus::Expired => "expired",
            ShareStatus::Withdrawn => "withdrawn",
        }
    }
}

macro_rules! redacted_debug {
    ($($ty:ident),*) => {
        $(impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty)).finish_non_exhaustive()
            }
        })*
    };
}
redacted_debug!(KeepDecision, NewShare);

const NOT_KEPT: &str =
    "The young person has not agreed to this map being kept, so this cannot be done yet.";
const BAD_DATE: &str = "That date is outside the range Peer Map can store.";

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
        history(next, now, "explained", None);
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
            history(next, now, "keep_declined", None);
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
        history(next, now, "keep_agreed", None);
        Ok(())
    })?;
    Ok(KeepOutcome::Kept { until })
}

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
        history(next, now, "share_added", Some(&id));
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
        history(next, now, "share_withdrawn", Some(share_id));
        Ok(())
    })?;
    Ok(doc
        .disclosures
        .iter()
        .filter(|d| d.share_id == share_id)
        .cloned()
        .collect())
}

/// Withdraw the agreement to keep the map: every active share is withdrawn with it, and the
/// caller destroys the map at once. History: `keep_withdrawn`, then `share_withdrawn` each.
pub fn withdraw_keep(doc: &mut MapDocument, now: OffsetDateTime) -> Result<KeepOutcome> {
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
        history(next, now, "keep_withdrawn", None);
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
            history(next, now, "share_withdrawn", Some(&id));
        }
        Ok(())
    })?;
    Ok(KeepOutcome::Destroy(DestroyReason::ConsentWithdrawn))
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

/// Extend a kept map's retention to `until`, with a reason, up to the maximum in settings
/// (counted from the last session). Logged as an extension and audit `retention_extended`.
pub fn extend_retention(
    doc: &mut MapDocument,
    until: OffsetDateTime,
    reason: &str,
    settings: &Settings,
    now: OffsetDateTime,
) -> Result<()> {
    settings.validate()?;
    if !doc.consent.is_kept() {
        return Err(Error::ConsentRequired(NOT_KEPT.into()));
    }
    let reason = prose(
        reason,
        500,
        "Give a reason for keeping the map longer, in 1 to 500 characters.",
    )?;
    if until <= doc.retention.until || until <= now {
        return Err(Error::InvalidInput(
            "The new date must be later than the date the map is now due to be destroyed.".into(),
        ));
    }
    let max_months = settings.max_retention_months;
    let cap = add_months(doc.latest().session_at, max_months)
        .ok_or_else(|| Error::InvalidInput(BAD_DATE.into()))?;
    if until > cap {
        return Err(Error::InvalidInput(format!(
            "A map can be kept for at most {max_months} months after its last session."
        )));
    }
    change(doc, now, |next| {
        next.retention.until = until;
        next.retention.extensions.push(Extension {
            at: now,
            until,
            reason,
        });
        next.audit.push(AuditEntry {
            at: now,
            event: "retention_extended".to_owned(),
        });
        Ok(())
    })
}

/// For a kept map, the default destroy date: the latest session plus the default months.
/// `None` for a draft (drafts keep their short retention).
pub fn retention_after_session(doc: &MapDocument, settings: &Settings) -> Option<OffsetDateTime> {
    if !doc.consent.is_kept() {
        return None;
    }
    add_months(doc.latest().session_at, settings.default_retention_months)
}

/// After a new session of a kept map, move its destroy date to [`retention_after_session`]
/// if that is later; an extension already granted is never shortened. Drafts are unchanged.
pub fn apply_retention_after_session(
    doc: &mut MapDocument,
    settings: &Settings,
    now: OffsetDateTime,
) -> Result<()> {
    settings.validate()?;
    match retention_after_session(doc, settings) {
        Some(until) if until > doc.retention.until => change(doc, now, |next| {
            next.retention.until = until;
            Ok(())
        }),
        _ => Ok(()),
    }
}

/// `at` plus whole calendar months, the day clamped to the end of a shorter month
/// (31 January + 1 month = 28 or 29 February). `None` past the representable range.
pub fn add_months(at: OffsetDateTime, months: u32) -> Option<OffsetDateTime> {
    let date = at.date();
    let index = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1;
    let index = index.checked_add(i64::from(months))?;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
    let day = date.day().min(month.length(year));
    let date = Date::from_calendar_date(year, month, day).ok()?;
    Some(at.replace_date(date))
}

/// Apply `edit` to a copy, stamp `updated_at`, validate, then replace `doc`.
fn change(
    doc: &mut MapDocument,
    now: OffsetDateTime,
    edit: impl FnOnce(&mut MapDocument) -> Result<()>,
) -> Result<()> {
    let mut next = doc.clone();
    edit(&mut next)?;
    next.updated_at = now.max(doc.updated_at);
    next.validate()?;
    *doc = next;
    Ok(())
}

fn history(doc: &mut MapDocument, now: OffsetDateTime, event: &str, share_id: Option<&str>) {
    doc.consent.history.push(ConsentEvent {
        at: now,
        event: event.to_owned(),
        share_id: share_id.map(str::to_owned),
    });
}

fn find_share<'a>(doc: &'a MapDocument, share_id: &str) -> Result<&'a Share> {
    doc.consent
        .shares
        .iter()
        .find(|s| s.id == share_id)
        .ok_or_else(|| Error::InvalidInput("That share could not be found.".into()))
}

/// `None` for a missing or blank value, else the value trimmed.
fn optional(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Trimmed, 1 to `max` characters, one line, no control characters.
fn line(value: &str, max: usize, message: &str) -> Result<String> {
    checked(value, max, false, message)
}

/// Trimmed, 1 to `max` characters; newlines allowed, other control characters not.
fn prose(value: &str, max: usize, message: &str) -> Result<String> {
    checked(value, max, true, message)
}

fn checked(value: &str, max: usize, multiline: bool, message: &str) -> Result<String> {
    let value = value.trim();
    let ok = (1..=max).contains(&value.chars().count())
        && value
            .chars()
            .all(|c| !c.is_control() || (multiline && c == '\n'));
    if ok {
        Ok(value.to_owned())
    } else {
        Err(Error::InvalidInput(message.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn months_are_calendar_months_with_the_day_clamped() {
        let cases = [
            (
                datetime!(2026-01-31 10:00 UTC),
                1,
                datetime!(2026-02-28 10:00 UTC),
            ),
            (
                datetime!(2028-01-31 10:00 UTC),
                1,
                datetime!(2028-02-29 10:00 UTC),
            ),
            (
                datetime!(2026-03-02 10:00 UTC),
                12,
                datetime!(2027-03-02 10:00 UTC),
            ),
            (
                datetime!(2026-11-30 23:59 UTC),
                3,
                datetime!(2027-02-28 23:59 UTC),
            ),
            (
                datetime!(2026-03-02 10:00 UTC),
                120,
                datetime!(2036-03-02 10:00 UTC),
            ),
            (
                datetime!(2026-03-02 10:00 UTC),
                0,
                datetime!(2026-03-02 10:00 UTC),
            ),
        ];
        for (at, months, want) in cases {
            assert_eq!(add_months(at, months), Some(want), "{at} + {months}");
        }
        assert_eq!(add_months(datetime!(9999-12-01 0:00 UTC), 1), None);
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            line("  Social worker ", 80, "x").ok().as_deref(),
            Some("Social worker")
        );
        assert!(line("   ", 80, "x").is_err());
        assert!(line("a\nb", 80, "x").is_err());
        assert!(prose("a\nb", 80, "x").is_ok());
        assert!(prose("a\u{7}b", 80, "x").is_err());
        assert!(line(&"é".repeat(81), 80, "x").is_err());
        assert!(line(&"é".repeat(80), 80, "x").is_ok());
        assert_eq!(optional(Some("  ")), None);
    }
}
