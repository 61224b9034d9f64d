//! Commands about maps and their drawing: list, create, open, save, sessions.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;
use uuid::Uuid;

use super::{App, MapId, NoInput, Shell};
use crate::document::{Ring, SessionVersion};
use crate::vault::MapSummary;
use crate::view::{self, MapView};
use crate::{consent, lifecycle, Result};

/// A new map's label (a pseudonym, never a full name) and why it is being made.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CreateMapInput {
    /// The pseudonymous label.
    pub label: String,
    /// Why the map is being made.
    pub purpose: String,
}

/// Text to check for something that looks like a full name.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TextInput {
    /// The text as typed.
    pub text: String,
}

/// The drawing to store as the latest session's content.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SaveMapInput {
    /// The map's id.
    pub id: Uuid,
    /// The closeness rings, innermost first.
    pub rings: Vec<Ring>,
    /// The latest session's content.
    pub session: SessionVersion,
}

/// When a save was durably on disk.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    /// The instant of the save (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub saved_at: OffsetDateTime,
}

/// One earlier session of a map.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    /// The map's id.
    pub id: Uuid,
    /// 0 is the first session.
    pub index: usize,
}

pub fn list_maps(app: &App, _: &dyn Shell, _: NoInput) -> Result<Vec<MapSummary>> {
    let now = app.now();
    app.with_vault(|v| v.list_maps(now))
}

/// A new draft map, kept only for the draft period until the young person decides.
pub fn create_map(app: &App, _: &dyn Shell, input: CreateMapInput) -> Result<MapView> {
    let now = app.now();
    app.with_vault(|v| {
        let at = v.effective_now(now);
        let doc = v.create_map(
            &input.label,
            &input.purpose,
            at,
            lifecycle::draft_retain_until(at),
        )?;
        Ok(MapView::of(&doc))
    })
}

pub fn looks_like_name(_: &App, _: &dyn Shell, input: TextInput) -> Result<bool> {
    Ok(crate::document::looks_like_full_name(&input.text))
}

pub fn open_map(app: &App, _: &dyn Shell, input: MapId) -> Result<MapView> {
    app.with_vault(|v| Ok(MapView::of(&v.open_map(input.id)?)))
}

/// Save the drawing. Returns only after the encrypted file is durably on disk.
pub fn save_map(app: &App, _: &dyn Shell, input: SaveMapInput) -> Result<Saved> {
    app.edit_map(input.id, |doc, at| {
        view::apply_drawing(doc, input.rings, input.session, at)?;
        Ok(Saved { saved_at: at })
    })
}

/// A new dated session, copied from the latest. A new session of a kept map moves its
/// destroy date on (never earlier).
pub fn start_session(app: &App, _: &dyn Shell, input: MapId) -> Result<MapView> {
    let settings = app.with_vault(|v| v.settings())?;
    app.edit_map(input.id, |doc, at| {
        view::start_session(doc, at)?;
        consent::apply_retention_after_session(doc, &settings, at)?;
        Ok(MapView::of(doc))
    })
}

/// An earlier session, for looking back (read-only).
pub fn get_session(app: &App, _: &dyn Shell, input: SessionInput) -> Result<SessionVersion> {
    app.with_vault(|v| Ok(view::session(&v.open_map(input.id)?, input.index)?.clone()))
}
