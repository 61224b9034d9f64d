//! How long a map is kept: extensions, the date after a new session, calendar months.

use time::{Date, Month, OffsetDateTime};

use super::text::prose;
use super::{change, BAD_DATE, NOT_KEPT};
use crate::document::{AuditEntry, Extension, MapDocument};
use crate::settings::Settings;
use crate::{Error, Result};

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
}
