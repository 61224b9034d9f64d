//! Retention rules: how long a map is kept before it is destroyed.

use time::{Date, Duration, OffsetDateTime};

use crate::consent::add_months;

/// How long a draft (a map the young person has not yet agreed to keep) lives. Short on
/// purpose: an abandoned draft destroys itself within days, not months.
pub const DRAFT_RETENTION: Duration = Duration::days(7);

/// The destroy-by date of a draft started or saved at `now`.
pub fn draft_retain_until(now: OffsetDateTime) -> OffsetDateTime {
    now + DRAFT_RETENTION
}

/// The steps offered when a practitioner keeps a map longer, in months after its current
/// destroy date (the latest the settings allow is always offered too).
pub const EXTENSION_STEPS_MONTHS: [u32; 5] = [1, 3, 6, 12, 24];

/// The lengths offered for a share, in months from today ("no end date" is offered too).
pub const SHARE_LENGTHS_MONTHS: [u32; 4] = [1, 3, 6, 12];

/// The days a map destroyed at `until` can be extended to: whole months after it, each read
/// as the start of its day (UTC) and so within `latest_allowed`, then `latest_allowed`'s own
/// day last. None for a map that cannot be extended (a draft: `latest_allowed` is `None`).
pub fn extension_choices(
    until: OffsetDateTime,
    latest_allowed: Option<OffsetDateTime>,
) -> Vec<Date> {
    let Some(cap) = latest_allowed else {
        return Vec::new();
    };
    let mut days: Vec<Date> = EXTENSION_STEPS_MONTHS
        .iter()
        .filter_map(|&months| add_months(until, months))
        .map(|at| at.date())
        .filter(|day| day.midnight().assume_utc() <= cap)
        .collect();
    let cap_day = cap.date();
    if cap_day.midnight().assume_utc() > until && !days.contains(&cap_day) {
        days.push(cap_day);
    }
    days
}

/// Whole days from `now` until `until` (0 = within a day; negative = overdue), as the map
/// list and the map page both show it.
pub fn days_left(until: OffsetDateTime, now: OffsetDateTime) -> i64 {
    (until - now).whole_seconds().div_euclid(86_400)
}

/// Which warning a map's card shows as its destroy date nears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RetentionWarning {
    /// Within a week.
    Week,
    /// Within a month (30 days).
    Month,
}

/// The warning for a map with `days_left` whole days to go, if any.
pub fn retention_warning(days_left: i64) -> Option<RetentionWarning> {
    if days_left <= 7 {
        Some(RetentionWarning::Week)
    } else if days_left <= 30 {
        Some(RetentionWarning::Month)
    } else {
        None
    }
}

/// The last day of a share agreed at `now` for `months` (it lasts to the end of that day).
pub fn share_end_day(now: OffsetDateTime, months: u32) -> Option<Date> {
    add_months(now, months).map(|at| at.date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn extension_choices_are_whole_months_within_the_cap_then_the_cap() {
        let until = datetime!(2027-01-31 10:00 UTC);
        let cap = datetime!(2028-01-05 10:00 UTC);
        assert_eq!(
            extension_choices(until, Some(cap)),
            vec![
                date!(2027 - 02 - 28),
                date!(2027 - 04 - 30),
                date!(2027 - 07 - 31),
                date!(2028 - 01 - 05),
            ]
        );
    }

    #[test]
    fn extension_months_clamp_the_day_to_the_end_of_a_shorter_month() {
        assert_eq!(
            add_months(datetime!(2026-01-31 10:00 UTC), 1).map(|d| d.date()),
            Some(date!(2026 - 02 - 28))
        );
        assert_eq!(
            add_months(datetime!(2028-01-31 10:00 UTC), 1).map(|d| d.date()),
            Some(date!(2028 - 02 - 29))
        );
        assert_eq!(
            add_months(datetime!(2026-11-15 10:00 UTC), 3).map(|d| d.date()),
            Some(date!(2027 - 02 - 15))
        );
    }

    #[test]
    fn extension_choices_offer_whole_months_up_to_the_latest_allowed_date_and_that_date() {
        let days = extension_choices(
            datetime!(2027-01-05 10:00 UTC),
            Some(datetime!(2028-01-05 10:00 UTC)),
        );
        assert_eq!(
            days,
            vec![
                date!(2027 - 02 - 05),
                date!(2027 - 04 - 05),
                date!(2027 - 07 - 05),
                date!(2028 - 01 - 05)
            ]
        );
    }

    #[test]
    fn extension_choices_never_offer_a_day_whose_start_is_past_the_limit() {
        let cap = datetime!(2027-02-05 09:00 UTC);
        let days = extension_choices(datetime!(2027-01-05 10:00 UTC), Some(cap));
        assert_eq!(days, vec![date!(2027 - 02 - 05)]);
        assert!(days.iter().all(|d| d.midnight().assume_utc() <= cap));
    }

    #[test]
    fn warnings_come_a_month_ahead_then_a_week_ahead() {
        assert_eq!(retention_warning(31), None);
        assert_eq!(retention_warning(30), Some(RetentionWarning::Month));
        assert_eq!(retention_warning(7), Some(RetentionWarning::Week));
    }

    #[test]
    fn a_draft_cannot_be_extended() {
        assert!(extension_choices(datetime!(2027-01-31 10:00 UTC), None).is_empty());
    }

    #[test]
    fn a_cap_already_reached_offers_nothing() {
        let until = datetime!(2027-01-31 10:00 UTC);
        assert!(extension_choices(until, Some(until)).is_empty());
    }

    #[test]
    fn a_share_for_a_month_from_the_31st_ends_on_the_last_day_of_a_short_month() {
        assert_eq!(
            share_end_day(datetime!(2027-01-31 09:00 UTC), 1),
            Some(date!(2027 - 02 - 28))
        );
    }

    #[test]
    fn drafts_last_days_not_months() {
        let now = datetime!(2026-03-01 12:00 UTC);
        assert_eq!(draft_retain_until(now), datetime!(2026-03-08 12:00 UTC));
    }
}
