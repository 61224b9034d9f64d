//! IPC commands for consent, retention and destruction (issue 5). Each calls one core function
//! on a blocking thread, like those in `commands.rs`.

use peermap_core::consent::{self, KeepDecision, KeepOutcome, NewShare};
use peermap_core::document::{ConsentBy, MapDocument};
use peermap_core::record::{DisclosureView, MapRecord};
use peermap_core::settings::Settings;
use peermap_core::vault::DestroyReason;
use peermap_core::{Error, Result};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::commands::{blocking, now, AppState, CmdResult, Shared};

/// Destroy one map at the practitioner's request (the UI confirms first).
#[tauri::command]
pub async fn delete_map(state: tauri::State<'_, AppState>, id: Uuid) -> CmdResult<()> {
    blocking(&state, move |s| {
        s.with_vault(|v| v.destroy_map(id, DestroyReason::DeletedByPractitioner, now()))
    })
    .await
}

/// Destroy every map at once (emergencies; the UI counts down first and can be cancelled).
/// Returns how many were destroyed.
#[tauri::command]
pub async fn delete_everything(state: tauri::State<'_, AppState>) -> CmdResult<usize> {
    blocking(&state, |s| {
        s.with_vault(|v| v.destroy_all(DestroyReason::DeletedByPractitioner, now()))
    })
    .await
}

/// The map's page: consent, shares, retention and exports.
#[tauri::command]
pub async fn map_record(state: tauri::State<'_, AppState>, id: Uuid) -> CmdResult<MapRecord> {
    blocking(&state, move |s| {
        s.with_vault(|v| {
            let at = v.effective_now(now());
            let settings = v.settings()?;
            Ok(MapRecord::of(&v.open_map(id)?, &settings, at))
        })
    })
    .await
}

/// Change a map's consent or retention with `f`, save it durably, and return its new record.
fn change_record(
    s: &Shared,
    id: Uuid,
    f: impl FnOnce(&mut MapDocument, &Settings, OffsetDateTime) -> Result<()>,
) -> Result<MapRecord> {
    let settings = s.with_vault(|v| v.settings())?;
    s.edit_map(id, |doc, at| {
        f(doc, &settings, at)?;
        Ok(MapRecord::of(doc, &settings, at))
    })
}

/// Record that confidentiality and its limits, and where the map is kept and who can see it,
/// were explained before drawing.
#[tauri::command]
pub async fn record_explained(
    state: tauri::State<'_, AppState>,
    id: Uuid,
    confidentiality: bool,
    storage_and_access: bool,
) -> CmdResult<MapRecord> {
    blocking(&state, move |s| {
        change_record(s, id, |doc, _, at| {
            consent::record_explained(doc, confidentiality, storage_and_access, at)
        })
    })
    .await
}

/// The end-of-session decision, as the UI sends it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeepInput {
    agreed: bool,
    by: ConsentBy,
    #[serde(default)]
    by_reason: Option<String>,
    #[serde(default)]
    understanding_note: Option<String>,
    #[serde(default)]
    lawful_basis: Option<String>,
}

/// What happened after the decision: the map is kept (with its new record) or destroyed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeepResult {
    kept: bool,
    record: Option<MapRecord>,
}

/// Record the young person's decision. Yes: the map is kept with the default retention.
/// No: the draft is destroyed at once exactly as an expired map is (tombstone `not_kept`);
/// the UI has already offered the young person their own copy.
#[tauri::command]
pub async fn decide_keep(
    state: tauri::State<'_, AppState>,
    id: Uuid,
    decision: KeepInput,
) -> CmdResult<KeepResult> {
    blocking(&state, move |s| {
        s.with_vault(|v| {
            let at = v.effective_now(now());
            let settings = v.settings()?;
            let mut doc = v.open_map(id)?;
            let keep = KeepDecision {
                agreed: decision.agreed,
                by: decision.by,
                by_reason: decision.by_reason,
                understanding_note: decision.understanding_note,
            };
            match consent::decide_keep(
                &mut doc,
                keep,
                decision.lawful_basis.as_deref(),
                &settings,
                at,
            )? {
                KeepOutcome::Kept { .. } => {
                    v.save_map(&doc, at)?;
                    Ok(KeepResult {
                        kept: true,
                        record: Some(MapRecord::of(&doc, &settings, at)),
                    })
                }
                KeepOutcome::Destroy(reason) => {
                    drop(doc);
                    v.destroy_map(id, reason, at)?;
                    Ok(KeepResult {
                        kept: false,
                        record: None,
                    })
                }
            }
        })
    })
    .await
}

/// A share as the UI sends it. `endsOn` is a calendar date (YYYY-MM-DD): the share lasts
/// to the end of that day, UTC.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareInput {
    role: String,
    team: String,
    #[serde(default)]
    age_recipient: Option<String>,
    purpose: String,
    #[serde(default)]
    ends_on: Option<String>,
}

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn parse_date(text: &str) -> Result<Date> {
    Date::parse(text.trim(), DATE)
        .map_err(|_| Error::InvalidInput("That date could not be read. Pick it again.".into()))
}

/// A share that "ends on" a day lasts to the end of it: it lapses at the next midnight, UTC.
fn share_end(day: &str) -> Result<OffsetDateTime> {
    parse_date(day)?
        .next_day()
        .map(|next| next.midnight().assume_utc())
        .ok_or_else(|| Error::InvalidInput("That date is too far ahead.".into()))
}

#[tauri::command]
pub async fn add_share(
    state: tauri::State<'_, AppState>,
    id: Uuid,
    share: ShareInput,
) -> CmdResult<MapRecord> {
    blocking(&state, move |s| {
        let expires_at = share
            .ends_on
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(share_end)
            .transpose()?;
        let new = NewShare {
            role: share.role,
            team: share.team,
            age_recipient: share.age_recipient,
            purpose: share.purpose,
            expires_at,
        };
        change_record(s, id, |doc, _, at| {
            consent::add_share(doc, new, at).map(drop)
        })
    })
    .await
}

/// What withdrawing a share left behind: the new record, and the exports already made to
/// that recipient, so the practitioner can ask them to delete their copies.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Withdrawn {
    record: MapRecord,
    earlier_exports: Vec<DisclosureView>,
}

#[tauri::command]
pub async fn withdraw_share(
    state: tauri::State<'_, AppState>,
    id: Uuid,
    share_id: String,
) -> CmdResult<Withdrawn> {
    blocking(&state, move |s| {
        let record = change_record(s, id, |doc, _, at| {
            consent::withdraw_share(doc, &share_id, at).map(drop)
        })?;
        // Every export made under this share, whatever its status: a pending or failed one
        // may still have left a file behind.
        let earlier_exports = record
            .disclosures
            .iter()
            .filter(|d| d.share_id == share_id)
            .cloned()
            .collect();
        Ok(Withdrawn {
            record,
            earlier_exports,
        })
    })
    .await
}

/// The young person takes back their agreement to the map being kept: every share is
/// withdrawn and the map is destroyed at once (tombstone `consent_withdrawn`, naming the
/// recipients who had copies).
#[tauri::command]
pub async fn withdraw_keep(state: tauri::State<'_, AppState>, id: Uuid) -> CmdResult<()> {
    blocking(&state, move |s| {
        s.with_vault(|v| {
            let at = v.effective_now(now());
            let mut doc = v.open_map(id)?;
            let KeepOutcome::Destroy(reason) = consent::withdraw_keep(&mut doc, at)? else {
                return Err(Error::Internal("withdraw_kept"));
            };
            // Saved first so the withdrawal is on record even if the destruction is
            // interrupted; the next sweep or attempt finishes it.
            v.save_map(&doc, at)?;
            v.destroy_map(id, reason, at)
        })
    })
    .await
}

/// Keep a map longer, to the start of `until` (YYYY-MM-DD, UTC), for a reason.
#[tauri::command]
pub async fn extend_retention(
    state: tauri::State<'_, AppState>,
    id: Uuid,
    until: String,
    reason: String,
) -> CmdResult<MapRecord> {
    blocking(&state, move |s| {
        let until = parse_date(&until)?.midnight().assume_utc();
        change_record(s, id, |doc, settings, at| {
            consent::extend_retention(doc, until, &reason, settings, at)
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::{parse_date, share_end};
    use peermap_core::Error;
    use time::macros::{date, datetime};

    #[test]
    fn a_share_ending_on_a_day_lasts_to_the_end_of_it() {
        assert_eq!(
            share_end("2027-03-31").ok(),
            Some(datetime!(2027-04-01 00:00 UTC))
        );
        assert_eq!(parse_date(" 2027-02-28 ").ok(), Some(date!(2027 - 02 - 28)));
    }

    #[test]
    fn a_date_that_is_not_a_date_gets_a_plain_message() {
        for bad in ["", "31/03/2027", "2027-02-30", "tomorrow", "2027-13-01"] {
            assert!(
                matches!(parse_date(bad), Err(Error::InvalidInput(_))),
                "{bad:?} should be refused"
            );
        }
    }
}
