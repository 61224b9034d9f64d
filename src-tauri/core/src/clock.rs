//! Time is passed in, never read inside business logic.
//!
//! The shell reads the system clock once per command ([`SystemClock`]) and passes the instant
//! down; tests pass fixed instants ([`FixedClock`]). Because retention depends on the clock,
//! the vault also remembers the latest instant it has seen, so that turning the computer's
//! clock back cannot postpone a destruction: see [`effective_now`].

use time::{Duration, OffsetDateTime};

/// How far past the latest instant the vault has seen (`latest_seen`) the clock may be before
/// Peer Map stops believing it. A daily scheduled sweep (docs/SCHEDULING.md) keeps real gaps
/// far smaller than this.
///
/// Past this limit the clock is *suspect*, and because destruction is irreversible:
/// - no sweep destroys a map that was not already due at `latest_seen` (a clock that jumps to
///   2052 cannot destroy every kept map); the maps it would have destroyed are *held* and
///   reported, so `peermap sweep` and `peermap status` can say "check the clock";
/// - the suspect instant is never recorded as `latest_seen`, so it cannot date everything after
///   it either.
///
/// The consequence of a genuine gap longer than this (a vault nobody opened or swept for
/// months): its overdue maps are kept, not destroyed, until the clock is confirmed.
pub const CLOCK_JUMP_LIMIT: Duration = Duration::days(45);

/// A source of "now", used only at the edges (the Tauri shell, the headless sweep).
pub trait Clock {
    /// The current instant.
    fn now(&self) -> OffsetDateTime;
}

/// The computer's clock, in UTC.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that always says the same instant (tests, benchmarks, fixtures).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// The instant business logic should use: the later of the clock and the latest instant the
/// vault has already seen. A clock set backwards therefore never makes a map live longer.
pub fn effective_now(now: OffsetDateTime, latest_seen: Option<OffsetDateTime>) -> OffsetDateTime {
    match latest_seen {
        Some(seen) if seen > now => seen,
        _ => now,
    }
}

/// Whether `now` is too far past the latest instant the vault has seen to be believed
/// (see [`CLOCK_JUMP_LIMIT`]). A vault that has seen nothing yet believes any clock.
pub fn clock_suspect(now: OffsetDateTime, latest_seen: Option<OffsetDateTime>) -> bool {
    latest_seen.is_some_and(|seen| now - seen > CLOCK_JUMP_LIMIT)
}

/// The instant a destruction by retention date may act on, and whether the clock was suspect:
/// [`effective_now`] normally; the latest instant seen when `now` is suspect, so nothing that
/// only became due because of the jump is destroyed.
pub fn destruction_instant(
    now: OffsetDateTime,
    latest_seen: Option<OffsetDateTime>,
) -> (OffsetDateTime, bool) {
    match latest_seen {
        Some(seen) if clock_suspect(now, latest_seen) => (seen, true),
        _ => (effective_now(now, latest_seen), false),
    }
}

/// Format an instant the way the index stores it: RFC 3339 in UTC, so strings sort by time.
pub(crate) fn to_rfc3339(at: OffsetDateTime) -> crate::Result<String> {
    at.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|_| crate::Error::Internal("time-format"))
}

/// Parse an instant stored by [`to_rfc3339`].
pub(crate) fn from_rfc3339(text: &str) -> crate::Result<OffsetDateTime> {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).map_err(|_| {
        crate::Error::Corrupt(
            "The vault's catalogue holds a date Peer Map cannot read. It may be damaged.".into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn clock_set_back_does_not_move_time_back() {
        let seen = datetime!(2031-05-01 12:00 UTC);
        let earlier = datetime!(2024-01-01 00:00 UTC);
        assert_eq!(effective_now(earlier, Some(seen)), seen);
        let later = datetime!(2032-01-01 00:00 UTC);
        assert_eq!(effective_now(later, Some(seen)), later);
        assert_eq!(effective_now(earlier, None), earlier);
    }

    #[test]
    fn a_clock_jumped_forward_is_suspect_and_destroys_nothing_new() {
        let seen = datetime!(2026-12-01 00:00 UTC);
        let jumped = datetime!(2052-12-01 00:00 UTC);
        assert!(clock_suspect(jumped, Some(seen)));
        assert_eq!(destruction_instant(jumped, Some(seen)), (seen, true));
        let in_limit = seen + CLOCK_JUMP_LIMIT;
        assert!(!clock_suspect(in_limit, Some(seen)));
        assert_eq!(destruction_instant(in_limit, Some(seen)), (in_limit, false));
        assert!(!clock_suspect(jumped, None));
        // A clock set back is not suspect: the latest instant seen is used, as before.
        let back = datetime!(2020-01-01 00:00 UTC);
        assert_eq!(destruction_instant(back, Some(seen)), (seen, false));
    }

    #[test]
    fn stored_form_is_utc_and_round_trips() {
        let t = datetime!(2030-01-01 01:00 +01:00);
        let s = to_rfc3339(t).expect("format");
        assert_eq!(s, "2030-01-01T00:00:00Z");
        assert_eq!(from_rfc3339(&s).expect("parse"), t);
        assert_eq!(FixedClock(t).now(), t);
    }
}
