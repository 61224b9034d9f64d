//! The vault's settings: organisation choices, kept in clear in the index (they hold no map
//! content), validated on the way in and on the way out.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The `vault_state` key the settings live under.
pub(crate) const KEY: &str = "settings";

/// Settings a practitioner (or their organisation) can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Lock the vault after this many minutes with no input (1 to 60).
    pub idle_lock_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_lock_minutes: 5,
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
        };
        let stored = s.to_stored().expect("store");
        assert_eq!(Settings::from_stored(Some(&stored)), s);
    }
}
