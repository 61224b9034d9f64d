//! What the UI is given of a map, and how an edit from the UI is applied to it.
//!
//! The decrypted document stays in Rust. The drawing screen gets a [`MapView`]: the label,
//! the rings, the dates of its sessions and the content of the current (latest) session.
//! Consent records, disclosures and the audit trail are not sent to the WebView.

use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::document::{AuditEntry, MapDocument, Ring, SessionVersion};
use crate::{Error, Result};

/// One session's date, for the timeline.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionDate {
    /// 0 is the first session.
    pub index: usize,
    /// When it happened (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub session_at: OffsetDateTime,
}

/// The drawing screen's view of one map.
#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MapView {
    /// The map's id.
    pub id: Uuid,
    /// The pseudonymous label.
    pub label: String,
    /// Why the map is being made.
    pub purpose: String,
    /// The closeness rings, innermost first.
    pub rings: Vec<Ring>,
    /// Every session, oldest first.
    pub sessions: Vec<SessionDate>,
    /// The latest session's content: this is what is being drawn.
    pub current: SessionVersion,
    /// True until the young person agrees to the map being kept.
    pub is_draft: bool,
    /// When the map will be destroyed (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub retain_until: OffsetDateTime,
}

impl MapView {
    /// The view of `doc`.
    pub fn of(doc: &MapDocument) -> MapView {
        MapView {
            id: doc.id,
            label: doc.label.clone(),
            purpose: doc.purpose.clone(),
            rings: doc.rings.clone(),
            sessions: doc
                .versions
                .iter()
                .enumerate()
                .map(|(index, v)| SessionDate {
                    index,
                    session_at: v.session_at,
                })
                .collect(),
            current: doc.latest().clone(),
            is_draft: doc.is_draft(),
            retain_until: doc.retention.until,
        }
    }
}

/// Replace the latest session's content and the rings with what the UI drew.
///
/// The session keeps its own date whatever the UI sent: the date of a session is set when it
/// starts, not by the drawing. The result is validated; on error `doc` is unchanged.
pub fn apply_drawing(
    doc: &mut MapDocument,
    rings: Vec<Ring>,
    mut session: SessionVersion,
    now: OffsetDateTime,
) -> Result<()> {
    let Some(latest) = doc.versions.last() else {
        return Err(Error::Internal("map_without_session"));
    };
    session.session_at = latest.session_at;
    let mut next = doc.clone();
    next.rings = rings;
    if let Some(last) = next.versions.last_mut() {
        *last = session;
    }
    next.updated_at = now.max(doc.updated_at);
    next.validate()?;
    *doc = next;
    Ok(())
}

/// Start a new dated session that begins as a copy of the latest one.
pub fn start_session(doc: &mut MapDocument, now: OffsetDateTime) -> Result<()> {
    let mut session = doc.latest().clone();
    session.session_at = now;
    let mut next = doc.clone();
    next.versions.push(session);
    next.updated_at = now.max(doc.updated_at);
    next.audit.push(AuditEntry {
        at: now,
        event: "session_started".to_owned(),
    });
    next.validate()?;
    *doc = next;
    Ok(())
}

/// An earlier session, read-only.
pub fn session(doc: &MapDocument, index: usize) -> Result<&SessionVersion> {
    doc.versions.get(index).ok_or(Error::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Token, TokenKind};
    use time::macros::datetime;

    fn doc() -> MapDocument {
        MapDocument::new(
            Uuid::new_v4(),
            "JS",
            "Who helps J feel safe.",
            datetime!(2026-01-05 10:00 UTC),
            datetime!(2026-01-19 10:00 UTC),
        )
        .expect("new doc")
    }

    fn token(id: &str, ring: Option<u8>) -> Token {
        Token {
            id: id.into(),
            kind: TokenKind::Peer,
            ring,
            angle: 90.0,
            colour: "orange".into(),
            shape: "star".into(),
            initials: Some("AB".into()),
            descriptor: Some("best friend".into()),
            badges: vec![],
            private: false,
        }
    }

    #[test]
    fn view_holds_the_latest_session_and_no_consent_records() {
        let d = doc();
        let json = serde_json::to_value(MapView::of(&d)).expect("json");
        assert_eq!(json["label"], "JS");
        assert_eq!(json["sessions"].as_array().map(Vec::len), Some(1));
        assert_eq!(json["isDraft"], true);
        assert!(json.get("consent").is_none());
        assert!(json.get("audit").is_none());
        assert!(json["current"]["tokens"].is_array());
    }

    #[test]
    fn drawing_replaces_the_latest_session_but_keeps_its_date() {
        let mut d = doc();
        let mut s = d.latest().clone();
        s.tokens.push(token("t1", Some(0)));
        s.session_at = datetime!(2001-01-01 0:00 UTC);
        let rings = d.rings.clone();
        apply_drawing(&mut d, rings, s, datetime!(2026-01-05 10:05 UTC)).expect("apply");
        assert_eq!(d.latest().tokens.len(), 1);
        assert_eq!(d.latest().session_at, datetime!(2026-01-05 10:00 UTC));
        assert_eq!(d.updated_at, datetime!(2026-01-05 10:05 UTC));
    }

    #[test]
    fn a_bad_drawing_changes_nothing() {
        let mut d = doc();
        let before = d.clone();
        let mut s = d.latest().clone();
        s.tokens.push(token("t1", Some(9)));
        let rings = d.rings.clone();
        let err = apply_drawing(&mut d, rings, s, datetime!(2026-01-05 10:05 UTC));
        assert!(matches!(err, Err(Error::InvalidInput(_))));
        assert!(d == before);
    }

    #[test]
    fn a_new_session_starts_from_the_last_and_the_old_one_stays() {
        let mut d = doc();
        let mut s = d.latest().clone();
        s.tokens.push(token("t1", Some(1)));
        let rings = d.rings.clone();
        apply_drawing(&mut d, rings, s, datetime!(2026-01-05 10:05 UTC)).expect("apply");
        start_session(&mut d, datetime!(2026-01-12 10:00 UTC)).expect("start");
        assert_eq!(d.versions.len(), 2);
        assert_eq!(d.latest().tokens.len(), 1);
        let mut s2 = d.latest().clone();
        s2.tokens[0].ring = Some(0);
        let rings = d.rings.clone();
        apply_drawing(&mut d, rings, s2, datetime!(2026-01-12 10:05 UTC)).expect("apply");
        assert_eq!(session(&d, 0).expect("first").tokens[0].ring, Some(1));
        assert_eq!(session(&d, 1).expect("second").tokens[0].ring, Some(0));
        assert!(matches!(session(&d, 2), Err(Error::NotFound)));
    }
}
