//! The map's page: its consent, shares, retention and exports, as the practitioner sees them.
//! The drawing screen gets [`crate::view::MapView`] instead, which carries none of
//! this.
//!
//! Everything here is the map's own record: role and team of recipients (never names),
//! dates, event codes and the practitioner's own notes about consent. No drawing content.

use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::consent;
use crate::document::{ConsentBy, Disclosure, MapDocument, Share};
use crate::events::HistoryEvent;
use crate::lifecycle::{self, RetentionWarning};
use crate::settings::Settings;

/// One date, RFC 3339.
type At = OffsetDateTime;

/// The map page's view of one map.
#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MapRecord {
    /// The map's id.
    pub id: Uuid,
    /// The pseudonymous label.
    pub label: String,
    /// Why the map is being made.
    pub purpose: String,
    /// True until the young person agrees to the map being kept.
    pub is_draft: bool,
    /// How many sessions the map has.
    pub session_count: usize,
    /// When the latest session was.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub last_session_at: At,
    /// When the map was last changed.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated_at: At,
    /// When confidentiality and storage were explained, if recorded.
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub explained_at: Option<At>,
    /// The decision about keeping a copy, if made.
    pub keep: Option<KeepView>,
    /// The organisation's lawful basis, if recorded.
    pub lawful_basis: Option<String>,
    /// Every share, oldest first.
    pub shares: Vec<ShareView>,
    /// Every consent event, oldest first.
    pub history: Vec<EventView>,
    /// When and why the map will be destroyed.
    pub retention: RetentionView,
    /// Every export, oldest first.
    pub disclosures: Vec<DisclosureView>,
    /// The lengths a new share can be agreed for, from today.
    pub share_lengths: Vec<ShareLength>,
}

/// The keep decision.
#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct KeepView {
    /// Yes or no.
    pub agreed: bool,
    /// Who decided.
    pub by: ConsentBy,
    /// Why a parent or carer decided.
    pub by_reason: Option<String>,
    /// The practitioner's note on the young person's understanding.
    pub understanding_note: Option<String>,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: At,
}

/// One share and where it stands now.
#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareView {
    /// Its id within the map.
    pub id: String,
    /// The recipient's role.
    pub role: String,
    /// The recipient's team.
    pub team: String,
    /// The recipient's age public key, if given.
    pub age_recipient: Option<String>,
    /// Why.
    pub purpose: String,
    /// When agreed.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub agreed_at: At,
    /// When it ends, if it does.
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub expires_at: Option<At>,
    /// When it was withdrawn, if it was.
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub withdrawn_at: Option<At>,
    /// Active, expired or withdrawn.
    pub status: consent::ShareStatus,
    /// How many exports were made under it.
    pub exports: usize,
}

/// One consent event.
#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: At,
    /// What happened.
    pub event: HistoryEvent,
    /// The share concerned, described by role and team, if any.
    pub share: Option<String>,
}

/// The retention record.
#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionView {
    /// The map is destroyed at this instant.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub until: At,
    /// Whole days left (0 = within a day).
    pub days_left: i64,
    /// `draft`, `default` or another policy code.
    pub policy: String,
    /// The latest date an extension may reach under the settings (kept maps only).
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub latest_allowed: Option<At>,
    /// Every extension, oldest first.
    pub extensions: Vec<ExtensionView>,
    /// The days it can be kept to (YYYY-MM-DD, each read as the start of the day, UTC),
    /// earliest first; empty for a draft.
    pub extension_choices: Vec<String>,
    /// A warning as the date nears, if it is within a month.
    pub warning: Option<RetentionWarning>,
    /// For a draft: the date it would be destroyed on if the young person agreed now to it
    /// being kept (the default retention from today).
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub if_kept_until: Option<At>,
}

/// A length offered for a new share.
#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareLength {
    /// How many months.
    pub months: u32,
    /// The share's last day (YYYY-MM-DD) if agreed today.
    pub ends_on: String,
}

/// One extension.
#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionView {
    /// When it was extended.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: At,
    /// The new date.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub until: At,
    /// Why.
    pub reason: String,
}

/// One export (the map page's consent record and the export panel both list these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DisclosureView {
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: At,
    /// The share that allowed it.
    pub share_id: String,
    /// The recipient's role at the time.
    pub role: String,
    /// The recipient's team at the time.
    pub team: String,
    /// `exported`, `pending` or `failed`.
    pub status: String,
    /// SHA-256 of the file, if written.
    pub sha256: Option<String>,
}

impl From<&Disclosure> for DisclosureView {
    fn from(d: &Disclosure) -> Self {
        DisclosureView {
            at: d.at,
            share_id: d.share_id.clone(),
            role: d.recipient.role.clone(),
            team: d.recipient.team.clone(),
            status: d.status.clone(),
            sha256: d.export_sha256.clone(),
        }
    }
}

fn share_words(share: &Share) -> String {
    format!("{} ({})", share.recipient.role, share.recipient.team)
}

impl MapRecord {
    /// The record of `doc` at `now` under `settings`.
    pub fn of(doc: &MapDocument, settings: &Settings, now: OffsetDateTime) -> MapRecord {
        let consent = &doc.consent;
        let shares = consent
            .shares
            .iter()
            .map(|s| ShareView {
                id: s.id.clone(),
                role: s.recipient.role.clone(),
                team: s.recipient.team.clone(),
                age_recipient: s.recipient.age_recipient.clone(),
                purpose: s.purpose.clone(),
                agreed_at: s.agreed_at,
                expires_at: s.expires_at,
                withdrawn_at: s.withdrawn_at,
                status: consent::share_status(s, now),
                exports: doc
                    .disclosures
                    .iter()
                    .filter(|d| d.share_id == s.id)
                    .count(),
            })
            .collect();
        let history = consent
            .history
            .iter()
            .map(|e| EventView {
                at: e.at,
                event: HistoryEvent::from_code(&e.event),
                share: e
                    .share_id
                    .as_ref()
                    .and_then(|id| consent.shares.iter().find(|s| &s.id == id).map(share_words)),
            })
            .collect();
        let latest_allowed = if consent.is_kept() {
            consent::add_months(doc.latest().session_at, settings.max_retention_months)
        } else {
            None
        };
        let days_left = lifecycle::days_left(doc.retention.until, now);
        let day = |d: time::Date| d.to_string();
        MapRecord {
            id: doc.id,
            label: doc.label.clone(),
            purpose: doc.purpose.clone(),
            is_draft: doc.is_draft(),
            session_count: doc.versions.len(),
            last_session_at: doc.latest().session_at,
            updated_at: doc.updated_at,
            explained_at: consent
                .explained
                .as_ref()
                .filter(|e| e.confidentiality && e.storage_and_access)
                .map(|e| e.at),
            keep: consent.keep_copy.as_ref().map(|k| KeepView {
                agreed: k.agreed,
                by: k.by,
                by_reason: k.by_reason.clone(),
                understanding_note: k.understanding_note.clone(),
                at: k.at,
            }),
            lawful_basis: consent.lawful_basis.clone(),
            shares,
            history,
            retention: RetentionView {
                until: doc.retention.until,
                days_left,
                policy: doc.retention.policy.clone(),
                latest_allowed,
                extensions: doc
                    .retention
                    .extensions
                    .iter()
                    .map(|x| ExtensionView {
                        at: x.at,
                        until: x.until,
                        reason: x.reason.clone(),
                    })
                    .collect(),
                extension_choices: lifecycle::extension_choices(
                    doc.retention.until,
                    latest_allowed,
                )
                .into_iter()
                .map(day)
                .collect(),
                warning: lifecycle::retention_warning(days_left),
                if_kept_until: if consent.is_kept() {
                    None
                } else {
                    consent::add_months(now, settings.default_retention_months)
                },
            },
            disclosures: doc.disclosures.iter().map(DisclosureView::from).collect(),
            share_lengths: lifecycle::SHARE_LENGTHS_MONTHS
                .iter()
                .filter_map(|&months| {
                    lifecycle::share_end_day(now, months).map(|d| ShareLength {
                        months,
                        ends_on: day(d),
                    })
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
