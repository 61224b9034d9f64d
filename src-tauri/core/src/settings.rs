//! The vault's settings: organisation choices, kept in clear in the index (they hold no map
//! content), validated on the way in and on the way out.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The `vault_state` key the settings live under.
pub(crate) const KEY: &str = "settings";

/// Settings a practitioner (or their organisation) can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Lock the vault after this many minutes with no input (1 to 60).
    pub idle_lock_minutes: u32,
    /// A kept map is destroyed this many months after its last session (1 to 120).
    pub default_retention_months: u32,
    /// Extensions may not go beyond this many months after the last session (up to 120, and
    /// at least the default).
    pub max_retention_months: u32,
}

/// The longest retention a setting may allow: ten years.
pub const RETENTION_MONTHS_LIMIT: u32 = 120;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_lock_minutes: 5,
            default_retention_months: 12,
            max_retention_months: 36,
        }
    }
}

impl Settings {
    /// Refuse values outside the allowed ranges, with a plain message.
    pub fn validate(&self) -> Result<()> {
        if !(1..=60).contains(&self.idle_lock_minutes) {
            return Err(Error::InvalidInput(
                "The automatic lock must be between 1 and 60 minutes.".into(),
            ));
        }
        if !(1..=RETENTION_MONTHS_LIMIT).contains(&self.default_retention_months) {
            return Err(Error::InvalidInput(
                "The usual time a map is kept must be between 1 and 120 months.".into(),
            ));
        }
        if !(1..=RETENTION_MONTHS_LIMIT).contains(&self.max_retention_months) {
            return Err(Error::InvalidInput(
                "The longest time a map can be kept must be between 1 and 120 months.".into(),
            ));
        }
        if self.max_retention_months < self.default_retention_months {
            return Err(Error::InvalidInput(
                "The longest time a map can be kept cannot be shorter than the usual time.".into(),
            ));
        }
        Ok(())
    }

    /// Read stored settings; anything missing or unreadable falls back to the defaults, so a
    /// damaged settings row can never keep the vault from opening.
    pub(crate) fn from_stored(text: Option<&str>) -> Settings {
        text.and_then(|t| serde_json::from_str::<Settings>(t).ok())
            .filter(|s| s.validate().is_ok())
            .unwrap_or_default()
    }

    pub(crate) fn to_stored(self) -> Result<String> {
        self.validate()?;
        serde_json::to_string(&self).map_err(|_| Error::Internal("settings_serialise"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_lock_after_five_minutes() {
        assert_eq!(Settings::default().idle_lock_minutes, 5);
        assert_eq!(Settings::from_stored(None), Settings::default());
    }

    #[test]
    fn out_of_range_values_are_refused() {
        for m in [0, 61, 10_000] {
            let s = Settings {
                idle_lock_minutes: m,
                ..Settings::default()
            };
            assert!(matches!(s.validate(), Err(Error::InvalidInput(_))));
            assert!(s.to_stored().is_err());
        }
    }

    #[test]
    fn damaged_or_out_of_range_stored_values_fall_back_to_defaults() {
        assert_eq!(
            Settings::from_stored(Some("{not json")),
            Settings::default()
        );
        assert_eq!(
            Settings::from_stored(Some(r#"{"idleLockMinutes":0}"#)),
            Settings::default()
        );
        let s = Settings {
            idle_lock_minutes: 15,
            ..Settings::default()
        };
        let stored = s.to_stored().expect("store");
        assert_eq!(Settings::from_stored(Some(&stored)), s);
    }

    #[test]
    fn retention_defaults_are_twelve_and_thirty_six_months() {
        let s = Settings::default();
        assert_eq!(s.default_retention_months, 12);
        assert_eq!(s.max_retention_months, 36);
        assert!(s.validate().is_ok());
        // Settings stored before these fields existed keep their lock time and gain defaults.
        let old = Settings::from_stored(Some(r#"{"idleLockMinutes":15}"#));
        assert_eq!(old.idle_lock_minutes, 15);
        assert_eq!(old.default_retention_months, 12);
        assert_eq!(old.max_retention_months, 36);
    }

    #[test]
    fn retention_settings_out_of_range_are_refused() {
        let bad = [(0, 36), (121, 121), (12, 0), (12, 121), (24, 12)];
        for (default, max) in bad {
            let s = Settings {
                default_retention_months: default,
                max_retention_months: max,
                ..Settings::default()
            };
            assert!(
                matches!(s.validate(), Err(Error::InvalidInput(_))),
                "{default}/{max}"
            );
        }
        for (default, max) in [(1, 1), (12, 12), (120, 120), (6, 120)] {
            let s = Settings {
                default_retention_months: default,
                max_retention_months: max,
                ..Settings::default()
            };
            assert!(s.validate().is_ok(), "{default}/{max}");
            let stored = s.to_stored().expect("store");
            assert_eq!(Settings::from_stored(Some(&stored)), s);
        }
        assert_eq!(
            Settings::from_stored(Some(
                r#"{"idleLockMinutes":5,"defaultRetentionMonths":40,"maxRetentionMonths":20}"#
            )),
            Settings::default()
        );
    }
}
