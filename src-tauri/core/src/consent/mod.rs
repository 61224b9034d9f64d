//! Consent and retention, as pure operations on a [`MapDocument`] (docs/DESIGN.md §1).
//!
//! Every function takes "now" as a parameter (the caller passes the vault's rollback-guarded
//! clock), works on a copy of the document, validates it and only then replaces the caller's
//! document: on error the document is unchanged. Nothing here saves or destroys anything;
//! when the young person says no, or withdraws, the caller gets a [`KeepOutcome::Destroy`] and
//! destroys the map through the vault.
//!
//! Every consent change appends one event code to `consent.history`; every message is a
//! plain sentence that never contains map content.

mod keep;
mod retention;
mod shares;
mod text;

use time::OffsetDateTime;

use crate::document::{ConsentBy, ConsentEvent, MapDocument, Share};
use crate::events::HistoryEvent;
use crate::index::DestroyReason;
use crate::{Error, Result};

pub use keep::{decide_keep, record_explained, withdraw_keep};
pub use retention::{
    add_months, apply_retention_after_session, extend_retention, retention_after_session,
};
pub use shares::{active_share, add_share, share_status, withdraw_share};

/// The retention policy code of a kept map on the organisation's default.
pub const POLICY_DEFAULT: &str = "default";

/// The young person's decision at the end of a session about a copy being kept.
#[derive(Clone, PartialEq, Eq)]
pub struct KeepDecision {
    /// Yes or no.
    pub agreed: bool,
    /// Who decided.
    pub by: ConsentBy,
    /// Why a parent or carer decided; required then, refused otherwise.
    pub by_reason: Option<String>,
    /// The practitioner's note on the young person's understanding.
    pub understanding_note: Option<String>,
}

/// What the caller must do after a keep decision or a withdrawal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepOutcome {
    /// The map is kept until this instant; save it.
    Kept {
        /// The new retention date.
        until: OffsetDateTime,
    },
    /// Destroy the map through the vault with this reason (after offering the young person
    /// their own copy, for [`DestroyReason::NotKept`]).
    Destroy(DestroyReason),
}

/// A share the young person agreed to, as entered.
#[derive(Clone, PartialEq, Eq)]
pub struct NewShare {
    /// The recipient's role, for example "Social worker". Never a person's name.
    pub role: String,
    /// The recipient's team.
    pub team: String,
    /// The recipient's age public key (`age1…`), if exports are encrypted to them.
    pub age_recipient: Option<String>,
    /// Why the map is shared, in plain words.
    pub purpose: String,
    /// When the agreement lapses, if it does.
    pub expires_at: Option<OffsetDateTime>,
}

/// Where a share stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ShareStatus {
    /// Exports to this recipient are allowed.
    Active,
    /// Its end date has passed.
    Expired,
    /// The young person withdrew it.
    Withdrawn,
}

impl ShareStatus {
    /// The code the UI reads: `active`, `expired` or `withdrawn`.
    pub fn as_str(self) -> &'static str {
        match self {
            ShareStatus::Active => "active",
            ShareStatus::Expired => "expired",
            ShareStatus::Withdrawn => "withdrawn",
        }
    }
}

/// A status equals its code, so `status == "active"` reads as the UI reads it.
impl PartialEq<&str> for ShareStatus {
    fn eq(&self, code: &&str) -> bool {
        self.as_str() == *code
    }
}

macro_rules! redacted_debug {
    ($($ty:ident),*) => {
        $(impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty)).finish_non_exhaustive()
            }
        })*
    };
}
redacted_debug!(KeepDecision, NewShare);

const NOT_KEPT: &str =
    "The young person has not agreed to this map being kept, so this cannot be done yet.";
const BAD_DATE: &str = "That date is outside the range Peer Map can store.";

/// Apply `edit` to a copy, stamp `updated_at`, validate, then replace `doc`.
fn change(
    doc: &mut MapDocument,
    now: OffsetDateTime,
    edit: impl FnOnce(&mut MapDocument) -> Result<()>,
) -> Result<()> {
    let mut next = doc.clone();
    edit(&mut next)?;
    next.updated_at = now.max(doc.updated_at);
    next.validate()?;
    *doc = next;
    Ok(())
}

fn history(
    doc: &mut MapDocument,
    now: OffsetDateTime,
    event: HistoryEvent,
    share_id: Option<&str>,
) {
    doc.consent.history.push(ConsentEvent {
        at: now,
        event: event.as_str().to_owned(),
        share_id: share_id.map(str::to_owned),
    });
}

fn find_share<'a>(doc: &'a MapDocument, share_id: &str) -> Result<&'a Share> {
    doc.consent
        .shares
        .iter()
        .find(|s| s.id == share_id)
        .ok_or_else(|| Error::InvalidInput("That share could not be found.".into()))
}
