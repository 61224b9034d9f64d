//! The codes of the consent history. The document stores them as text (so an older app can
//! read a newer file); the map page gets them as [`ConsentEvent`], and the UI words each one
//! from `history-<code>` in the Fluent file.

use serde::Serialize;

/// One kind of consent event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentEvent {
    /// Confidentiality and storage were explained before drawing.
    Explained,
    /// The young person agreed to the map being kept.
    KeepAgreed,
    /// The young person decided not to keep it.
    KeepDeclined,
    /// The young person took back the agreement to keep it.
    KeepWithdrawn,
    /// A share was agreed.
    ShareAdded,
    /// A share was withdrawn.
    ShareWithdrawn,
    /// A code this version does not know (written by a newer one).
    Other,
}

impl ConsentEvent {
    /// Every event this version writes.
    pub const KNOWN: [ConsentEvent; 6] = [
        ConsentEvent::Explained,
        ConsentEvent::KeepAgreed,
        ConsentEvent::KeepDeclined,
        ConsentEvent::KeepWithdrawn,
        ConsentEvent::ShareAdded,
        ConsentEvent::ShareWithdrawn,
    ];

    /// The code as stored in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentEvent::Explained => "explained",
            ConsentEvent::KeepAgreed => "keep_agreed",
            ConsentEvent::KeepDeclined => "keep_declined",
            ConsentEvent::KeepWithdrawn => "keep_withdrawn",
            ConsentEvent::ShareAdded => "share_added",
            ConsentEvent::ShareWithdrawn => "share_withdrawn",
            ConsentEvent::Other => "other",
        }
    }

    /// The event for a stored code; [`ConsentEvent::Other`] for one this version does not know.
    pub fn from_code(code: &str) -> ConsentEvent {
        Self::KNOWN
            .into_iter()
            .find(|e| e.as_str() == code)
            .unwrap_or(ConsentEvent::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_words_in_the_ui() {
        for event in ConsentEvent::KNOWN.into_iter().chain([ConsentEvent::Other]) {
            let id = format!("history-{}", event.as_str().replace('_', "-"));
            assert_ne!(crate::export::ui_text(&id), id, "{id} is missing from main.ftl");
        }
    }

    #[test]
    fn an_unknown_code_from_a_newer_app_is_other_not_an_error() {
        assert_eq!(ConsentEvent::from_code("keep_agreed"), ConsentEvent::KeepAgreed);
        assert_eq!(ConsentEvent::from_code("something_new"), ConsentEvent::Other);
    }
}
