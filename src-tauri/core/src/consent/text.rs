//! Checks of the plain text fields the practitioner types in.

use crate::{Error, Result};

/// `None` for a missing or blank value, else the value trimmed.
pub(super) fn optional(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Trimmed, 1 to `max` characters, one line, no control characters.
pub(super) fn line(value: &str, max: usize, message: &str) -> Result<String> {
    checked(value, max, false, message)
}

/// Trimmed, 1 to `max` characters; newlines allowed, other control characters not.
pub(super) fn prose(value: &str, max: usize, message: &str) -> Result<String> {
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
