//! What the export panel shows of a map's shares and disclosures, and whether the map has
//! changed since it was last shared (see the parent module's documentation).

use serde::Serialize;
use time::OffsetDateTime;

use super::{STATUS_EXPORTED, STATUS_WRITTEN};
use crate::consent;
use crate::document::{Disclosure, MapDocument};
use crate::record::DisclosureView;

/// True when the map was edited after its latest completed disclosure (see the module
/// documentation). False when it has never been shared.
pub fn changed_since_last_shared(doc: &MapDocument) -> bool {
    last_shared_at(doc).is_some_and(|at| doc.updated_at > at)
}

/// When the latest completed disclosure was made, if any.
pub fn last_shared_at(doc: &MapDocument) -> Option<OffsetDateTime> {
    doc.disclosures
        .iter()
        .filter(|d| is_completed(d))
        .map(|d| d.at)
        .max()
}

fn is_completed(d: &Disclosure) -> bool {
    d.status == STATUS_WRITTEN || d.status == STATUS_EXPORTED
}

/// One share, as the export panel offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareChoice {
    /// The share id.
    pub id: String,
    /// The recipient's role.
    pub role: String,
    /// The recipient's team.
    pub team: String,
    /// Why the young person agreed to share.
    pub purpose: String,
    /// Active, expired or withdrawn.
    pub status: consent::ShareStatus,
    /// Whether the recipient's age public key is on the share.
    pub has_key: bool,
    /// When the agreement ends, if it does.
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub expires_at: Option<OffsetDateTime>,
}

/// What the export panel shows before anything is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportStatus {
    /// Not yet agreed to keep: nothing can be shared.
    pub is_draft: bool,
    /// Every share, active ones first.
    pub shares: Vec<ShareChoice>,
    /// Every disclosure, newest first.
    pub disclosures: Vec<DisclosureView>,
    /// When the map was last shared (a completed disclosure).
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub last_shared_at: Option<OffsetDateTime>,
    /// See [`changed_since_last_shared`].
    pub changed_since_last_shared: bool,
}

/// The export panel's view of a map at `now`.
pub fn export_status(doc: &MapDocument, now: OffsetDateTime) -> ExportStatus {
    let mut shares: Vec<ShareChoice> = doc
        .consent
        .shares
        .iter()
        .map(|s| ShareChoice {
            id: s.id.clone(),
            role: s.recipient.role.clone(),
            team: s.recipient.team.clone(),
            purpose: s.purpose.clone(),
            status: consent::share_status(s, now),
            has_key: s
                .recipient
                .age_recipient
                .as_deref()
                .is_some_and(|k| !k.trim().is_empty()),
            expires_at: s.expires_at,
        })
        .collect();
    shares.sort_by_key(|s| s.status != consent::ShareStatus::Active);
    let mut disclosures: Vec<DisclosureView> = doc
        .disclosures
        .iter()
        .rev()
        .map(DisclosureView::from)
        .collect();
    // Newest first; records made at the same instant stay newest first (stable sort).
    disclosures.sort_by_key(|d| std::cmp::Reverse(d.at));
    ExportStatus {
        is_draft: doc.is_draft(),
        shares,
        disclosures,
        last_shared_at: last_shared_at(doc),
        changed_since_last_shared: changed_since_last_shared(doc),
    }
}
