//! Commands about consent, retention and destruction: the young person's decisions, shares,
//! extensions, deleting.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use ts_rs::TS;
use uuid::Uuid;

use super::{App, MapId, NoInput, Shell};
use crate::consent::{self, KeepDecision, KeepOutcome, NewShare};
use crate::document::{ConsentBy, MapDocument};
use crate::record::{DisclosureView, MapRecord};
use crate::settings::Settings;
use crate::vault::DestroyReason;
use crate::{Error, Result};

/// Destroy one map at the practitioner's request (the UI confirms first).
pub fn delete_map(app: &App, _: &dyn Shell, input: MapId) -> Result<()> {
    let now = app.now();
    app.with_vault(|v| v.destroy_map(input.id, DestroyReason::DeletedByPractitioner, now))
}

/// Destroy every map at once (emergencies; the UI counts down first and can be cancelled).
/// Returns how many were destroyed.
pub fn delete_everything(app: &App, _: &dyn Shell, _: NoInput) -> Result<usize> {
    let now = app.now();
    app.with_vault(|v| v.destroy_all(DestroyReason::DeletedByPractitioner, now))
}

/// The map's page: consent, shares, retention and exports.
pub fn map_record(app: &App, _: &dyn Shell, input: MapId) -> Result<MapRecord> {
    let now = app.now();
    app.with_vault(|v| {
        let at = v.effective_now(now);
        let settings = v.settings()?;
        Ok(MapRecord::of(&v.open_map(input.id)?, &settings, at))
    })
}

/// Change a map's consent or retention with `f`, save it durably, and return its new record.
fn change_record(
    app: &App,
    id: Uuid,
    f: impl FnOnce(&mut MapDocument, &Settings, OffsetDateTime) -> Result<()>,
) -> Result<MapRecord> {
    let settings = app.with_vault(|v| v.settings())?;
    app.edit_map(id, |doc, at| {
        f(doc, &settings, at)?;
        Ok(MapRecord::of(doc, &settings, at))
    })
}

/// What was explained before drawing.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExplainedInput {
    /// The map's id.
    pub id: Uuid,
    /// Confidentiality and its limits were explained.
    pub confidentiality: bool,
    /// Where the map is kept and who can see it were explained.
    pub storage_and_access: bool,
}

/// Record that confidentiality and its limits, and where the map is kept and who can see it,
/// were explained before drawing.
pub fn record_explained(app: &App, _: &dyn Shell, input: ExplainedInput) -> Result<MapRecord> {
    change_record(app, input.id, |doc, _, at| {
        consent::record_explained(doc, input.confidentiality, input.storage_and_access, at)
    })
}

/// The end-of-session decision.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeepInput {
    /// Whether the young person (or a parent or carer) agreed to the map being kept.
    pub agreed: bool,
    /// Who answered.
    pub by: ConsentBy,
    /// Why a parent or carer answered instead of the young person.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub by_reason: Option<String>,
    /// How the practitioner checked the young person understood.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub understanding_note: Option<String>,
    /// The organisation's lawful basis, recorded separately from consent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub lawful_basis: Option<String>,
}

/// A map and the decision about keeping it.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DecideKeepInput {
    /// The map's id.
    pub id: Uuid,
    /// The decision.
    pub decision: KeepInput,
}

/// What happened after the decision: the map is kept (with its new record) or destroyed.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeepResult {
    /// True if the map is kept.
    pub kept: bool,
    /// The kept map's record; `None` once destroyed.
    pub record: Option<MapRecord>,
}

/// Record the young person's decision. Yes: the map is kept with the default retention.
/// No: the draft is destroyed at once exactly as an expired map is (tombstone `not_kept`);
/// the UI has already offered the young person their own copy.
pub fn decide_keep(app: &App, _: &dyn Shell, input: DecideKeepInput) -> Result<KeepResult> {
    let now = app.now();
    let DecideKeepInput { id, decision } = input;
    app.with_vault(|v| {
        let at = v.effective_now(now);
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
}

/// A share as the practitioner enters it.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareInput {
    /// The recipient's role ("social worker").
    pub role: String,
    /// The recipient's team.
    pub team: String,
    /// The recipient's age public key (`age1…`), if they have one.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub age_recipient: Option<String>,
    /// What the copy is for.
    pub purpose: String,
    /// A calendar date (YYYY-MM-DD): the share lasts to the end of that day, UTC.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub ends_on: Option<String>,
}

/// A map and a share to add to it.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AddShareInput {
    /// The map's id.
    pub id: Uuid,
    /// The share.
    pub share: ShareInput,
}

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn parse_date(text: &str) -> Result<Date> {
    Date::parse(text.trim(), DATE)
        .map_err(|_| Error::InvalidInput("That date could not be read. Pick it again.".into()))
}

/// A share that "ends on" a day lasts to the end of it: it lapses at the next midnight, UTC.
pub fn share_end(day: &str) -> Result<OffsetDateTime> {
    parse_date(day)?
        .next_day()
        .map(|next| next.midnight().assume_utc())
        .ok_or_else(|| Error::InvalidInput("That date is too far ahead.".into()))
}

pub fn add_share(app: &App, _: &dyn Shell, input: AddShareInput) -> Result<MapRecord> {
    let AddShareInput { id, share } = input;
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
    change_record(app, id, |doc, _, at| {
        consent::add_share(doc, new, at).map(drop)
    })
}

/// A map and one of its shares.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareIdInput {
    /// The map's id.
    pub id: Uuid,
    /// The share's id.
    pub share_id: String,
}

/// What withdrawing a share left behind: the new record, and the exports already made to
/// that recipient, so the practitioner can ask them to delete their copies.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Withdrawn {
    /// The map's record after the withdrawal.
    pub record: MapRecord,
    /// Every export made under the share, whatever its status.
    pub earlier_exports: Vec<DisclosureView>,
}

pub fn withdraw_share(app: &App, _: &dyn Shell, input: ShareIdInput) -> Result<Withdrawn> {
    let ShareIdInput { id, share_id } = input;
    let record = change_record(app, id, |doc, _, at| {
        consent::withdraw_share(doc, &share_id, at).map(drop)
    })?;
    // A pending or failed export may still have left a file behind, so all are listed.
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
}

/// The young person takes back their agreement to the map being kept: every share is
/// withdrawn and the map is destroyed at once (tombstone `consent_withdrawn`, naming the
/// recipients who had copies).
pub fn withdraw_keep(app: &App, _: &dyn Shell, input: MapId) -> Result<()> {
    let now = app.now();
    app.with_vault(|v| {
        let at = v.effective_now(now);
        let mut doc = v.open_map(input.id)?;
        let KeepOutcome::Destroy(reason) = consent::withdraw_keep(&mut doc, at)? else {
            return Err(Error::Internal("withdraw_kept"));
        };
        // Saved first so the withdrawal is on record even if the destruction is
        // interrupted; the next sweep or attempt finishes it.
        v.save_map(&doc, at)?;
        v.destroy_map(input.id, reason, at)
    })
}

/// Keep a map longer, to the start of `until`, for a reason.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExtendInput {
    /// The map's id.
    pub id: Uuid,
    /// The new date (YYYY-MM-DD, UTC): the map is destroyed at its start.
    pub until: String,
    /// Why it is kept longer.
    pub reason: String,
}

pub fn extend_retention(app: &App, _: &dyn Shell, input: ExtendInput) -> Result<MapRecord> {
    let until = parse_date(&input.until)?.midnight().assume_utc();
    change_record(app, input.id, |doc, settings, at| {
        consent::extend_retention(doc, until, &input.reason, settings, at)
    })
}

#[cfg(test)]
mod tests {
    use super::{parse_date, share_end};
    use crate::Error;
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
