//! Retention rules: how long a map is kept before it is destroyed.

use time::{Duration, OffsetDateTime};

/// How long a draft (a map the young person has not yet agreed to keep) lives. Short on
/// purpose: an abandoned draft destroys itself within days, not months.
pub const DRAFT_RETENTION: Duration = Duration::days(7);

/// The destroy-by date of a draft started or saved at `now`.
pub fn draft_retain_until(now: OffsetDateTime) -> OffsetDateTime {
    now + DRAFT_RETENTION
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn drafts_last_days_not_months() {
        let now = datetime!(2026-03-01 12:00 UTC);
        assert_eq!(draft_retain_until(now), datetime!(2026-03-08 12:00 UTC));
    }
}
