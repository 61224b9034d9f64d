//! Commands for exporting a consented copy and for receiving one.
//!
//! File paths never come from the WebView: every file is chosen in a native dialog that the
//! shell shows ([`Shell::ask_path`]). Each command checks what it can *before* asking (vault
//! unlocked, the share allowed, the recipient's key readable), so nobody picks a place for a
//! copy that would then be refused.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;
use uuid::Uuid;

use super::{App, Ask, MapId, Shell};
use crate::export::flow::{self, Choice, ExportRequest, ExportStatus};
use crate::export::{self, ExportOptions, Protection};
use crate::receiving::{self, CopyKey};
use crate::{crypto, Error, Result};

/// At most this many ids may be unticked in one request (a map holds far fewer).
const MAX_EXCLUDED: usize = 2000;

/// What was unticked in the preview.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Exclusions {
    /// People left out of the copy.
    #[serde(default)]
    pub token_ids: Vec<String>,
    /// Notes left out of the copy.
    #[serde(default)]
    pub note_ids: Vec<String>,
}

impl Exclusions {
    fn options(self, now: OffsetDateTime) -> Result<ExportOptions> {
        if self.token_ids.len() + self.note_ids.len() > MAX_EXCLUDED {
            return Err(Error::InvalidInput(
                "Too many things were unticked at once.".to_owned(),
            ));
        }
        Ok(ExportOptions {
            excluded_token_ids: self.token_ids,
            excluded_note_ids: self.note_ids,
            ..ExportOptions::new(now)
        })
    }
}

/// The export panel: shares, disclosures, "changed since last shared".
pub fn export_status(app: &App, _: &dyn Shell, input: MapId) -> Result<ExportStatus> {
    let now = app.now();
    app.with_vault(|v| {
        let at = v.effective_now(now);
        Ok(flow::export_status(&v.open_map(input.id)?, at))
    })
}

/// A map, one of its shares, and what was unticked.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviewInput {
    /// The map's id.
    pub id: Uuid,
    /// The share the copy is for.
    pub share_id: String,
    /// What was unticked.
    pub excluded: Exclusions,
}

/// The preview of a copy.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewView {
    /// Every page of the copy as a picture (data URLs), laid out by the same code as the PDF.
    pub pages: Vec<String>,
    /// The people who can be ticked or unticked.
    pub people: Vec<Choice>,
    /// The notes that can be ticked or unticked.
    pub notes: Vec<Choice>,
    /// When the recipient must delete the copy (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub destroy_by: OffsetDateTime,
    /// Whether the share has the recipient's key.
    pub has_key: bool,
}

/// Render the copy for a share (the gate runs first) for the preview. Nothing is written.
pub fn export_preview(app: &App, _: &dyn Shell, input: PreviewInput) -> Result<PreviewView> {
    let now = app.now();
    app.with_vault(|v| {
        let options = input.excluded.options(v.effective_now(now))?;
        let preview = flow::preview(&v.open_map(input.id)?, &input.share_id, &options)?;
        Ok(PreviewView {
            pages: preview
                .pages
                .iter()
                .map(|p| flow::png_data_url(p))
                .collect(),
            people: preview.people,
            notes: preview.notes,
            destroy_by: preview.destroy_by,
            has_key: preview.has_key,
        })
    })
}

/// How a shared copy is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProtectionChoice {
    /// Encrypted to the recipient's own key.
    Recipient,
    /// Encrypted with six new words, shown once, read out to the recipient.
    Passphrase,
}

/// A copy to export.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportShareInput {
    /// The map's id.
    pub id: Uuid,
    /// The share the copy is for.
    pub share_id: String,
    /// What was unticked.
    pub excluded: Exclusions,
    /// How the copy is protected.
    pub protection: ProtectionChoice,
}

/// What an export did.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// The person closed the save dialog: nothing was written or recorded.
    pub cancelled: bool,
    /// The generated passphrase as words, to show once. Never stored.
    pub words: Option<Vec<String>>,
    /// The SHA-256 of the file written.
    pub sha256: Option<String>,
    /// False if the file was written but its record could not be completed.
    pub record_completed: bool,
}

/// Export the copy for a share: check, ask where, then the whole flow (record, write,
/// complete).
pub fn export_share(app: &App, shell: &dyn Shell, input: ExportShareInput) -> Result<Exported> {
    let protection = match input.protection {
        ProtectionChoice::Recipient => Protection::ShareRecipient,
        ProtectionChoice::Passphrase => Protection::NewPassphrase,
    };
    let now = app.now();
    app.with_vault(|v| {
        let doc = v.open_map(input.id)?;
        let share = export::gate(&doc, &input.share_id, v.effective_now(now))?;
        if protection == Protection::ShareRecipient {
            // Refuses a missing or malformed key before anyone picks a file.
            export::encrypt(b"%PDF-", share, protection)?;
        }
        Ok(())
    })?;
    let name = format!("peer-map-copy-{}.pdf.age", now.date());
    let Some(target) = shell.ask_path(Ask::SaveCopy(name)) else {
        return Ok(Exported {
            cancelled: true,
            words: None,
            sha256: None,
            record_completed: true,
        });
    };
    let request = ExportRequest {
        map_id: input.id,
        share_id: input.share_id,
        options: input.excluded.options(app.now())?,
        protection,
    };
    let outcome = app.with_vault(|v| flow::export_to_file(v, &request, &target))?;
    Ok(Exported {
        cancelled: false,
        words: outcome
            .passphrase
            .as_ref()
            .map(|p| p.expose_secret().split(' ').map(str::to_owned).collect()),
        sha256: Some(outcome.sha256),
        record_completed: outcome.record_completed,
    })
}

/// The young person's own copy of a map.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OwnCopyInput {
    /// The map's id.
    pub id: Uuid,
    /// What was unticked (nothing, if absent).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub excluded: Option<Exclusions>,
}

/// Save the young person's own copy (a PDF for them to take away) where the practitioner
/// chooses. Returns false if the dialog was closed.
pub fn save_own_copy(app: &App, shell: &dyn Shell, input: OwnCopyInput) -> Result<bool> {
    app.with_vault(|v| v.open_map(input.id).map(drop))?;
    let name = format!("my-peer-map-{}.pdf", app.now().date());
    let Some(target) = shell.ask_path(Ask::SavePdf(name)) else {
        return Ok(false);
    };
    let options = input.excluded.unwrap_or_default().options(app.now())?;
    app.with_vault(|v| flow::save_own_copy(v, input.id, &options, &target))?;
    Ok(true)
}

/// Whether to create the receiving key if there is none.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReceivingKeyInput {
    /// Create the key first if there is none.
    pub create: bool,
}

/// The receiving public key (`age1…`), creating it first if asked and there is none.
pub fn receiving_key(app: &App, _: &dyn Shell, input: ReceivingKeyInput) -> Result<Option<String>> {
    app.with_vault(|v| {
        if input.create {
            receiving::create_receiving_key(v).map(Some)
        } else {
            receiving::receiving_public_key(v)
        }
    })
}

/// The words read out by the sender, or nothing to use the receiving key.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OpenCopyInput {
    /// The six words, if the copy was protected with words.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub passphrase: Option<String>,
}

/// How opening a shared copy ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenedOutcome {
    /// No file was chosen.
    Picked,
    /// The PDF was saved.
    Saved,
    /// It opened, but the person closed the save dialog, so nothing was written.
    NotSaved,
}

/// What opening a shared copy did.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Opened {
    /// How it ended.
    pub outcome: OpenedOutcome,
}

/// Open a shared copy: pick the file, decrypt it in memory (with the receiving key, or with
/// the words), then save the PDF where the person chooses. Nothing enters the vault.
pub fn open_shared_copy(app: &App, shell: &dyn Shell, input: OpenCopyInput) -> Result<Opened> {
    let key = match input.passphrase {
        Some(p) if !p.trim().is_empty() => CopyKey::Passphrase(SecretString::from(p)),
        _ => CopyKey::ReceivingKey,
    };
    app.with_vault(|_| Ok(()))?;
    let Some(source) = shell.ask_path(Ask::OpenCopy) else {
        return Ok(Opened {
            outcome: OpenedOutcome::Picked,
        });
    };
    let bytes = crypto::read_file_bounded(&source).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidData => {
            Error::InvalidInput("That file is far too big to be a shared copy.".into())
        }
        _ => Error::storage(&e),
    })?;
    let pdf = app.with_vault(|v| receiving::open_shared_copy(v, &bytes, &key))?;
    let name = format!("shared-peer-map-{}.pdf", app.now().date());
    let Some(target) = shell.ask_path(Ask::SavePdf(name)) else {
        return Ok(Opened {
            outcome: OpenedOutcome::NotSaved,
        });
    };
    app.with_vault(|v| {
        let (dir, name) = flow::split_save_target(v, &target)?;
        crate::atomic::write_atomic(&dir, &name, &pdf)
    })?;
    Ok(Opened {
        outcome: OpenedOutcome::Saved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_exclusions_are_refused_plainly() {
        let now = OffsetDateTime::UNIX_EPOCH;
        let many = Exclusions {
            token_ids: vec!["t".to_owned(); MAX_EXCLUDED + 1],
            note_ids: Vec::new(),
        };
        let err = many.options(now).expect_err("refused");
        assert!(err.to_string().contains("Too many"), "{err}");
        assert!(Exclusions::default().options(now).is_ok());
    }
}
