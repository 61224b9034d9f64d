//! The codes of the consent history. The document stores them as text (so an older app can
//! read a newer file); the map page gets them as [`HistoryEvent`], and the UI words each one
//! from `history-<code>` in the Fluent file.

use serde::Serialize;

/// One kind of consent event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum HistoryEvent {
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

impl HistoryEvent {
    /// Every event this version writes.
    pub const KNOWN: [HistoryEvent; 6] = [
        HistoryEvent::Explained,
        HistoryEvent::KeepAgreed,
        HistoryEvent::KeepDeclined,
        HistoryEvent::KeepWithdrawn,
        HistoryEvent::ShareAdded,
        HistoryEvent::ShareWithdrawn,
    ];

    /// The code as stored in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryEvent::Explained => "explained",
            HistoryEvent::KeepAgreed => "keep_agreed",
            HistoryEvent::KeepDeclined => "keep_declined",
            HistoryEvent::KeepWithdrawn => "keep_withdrawn",
            HistoryEvent::ShareAdded => "share_added",
            HistoryEvent::ShareWithdrawn => "share_withdrawn",
            HistoryEvent::Other => "other",
        }
    }

    /// The event for a stored code; [`HistoryEvent::Other`] for one this version does not know.
    pub fn from_code(code: &str) -> HistoryEvent {
        Self::KNOWN
            .into_iter()
            .find(|e| e.as_str() == code)
            .unwrap_or(HistoryEvent::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_words_in_the_ui() {
        for event in HistoryEvent::KNOWN.into_iter().chain([HistoryEvent::Other]) {
            let id = format!("history-{}", event.as_str().replace('_', "-"));
            assert_ne!(
                crate::export::ui_text(&id),
                id,
                "{id} is missing from main.ftl"
            );
        }
    }

    #[test]
    fn an_unknown_code_from_a_newer_app_is_other_not_an_error() {
        assert_eq!(
            HistoryEvent::from_code("keep_agreed"),
            HistoryEvent::KeepAgreed
        );
        assert_eq!(
            HistoryEvent::from_code("something_new"),
            HistoryEvent::Other
        );
    }
}
