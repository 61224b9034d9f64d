//! Each map's list fields (`meta`) and the catalogue of every map's list fields, both
//! encrypted to the master recipient.

use std::collections::BTreeMap;
use std::io;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::{Zeroize, Zeroizing};

use crate::crypto::{self, Identity, Recipient};
use crate::document::MapDocument;
use crate::{Error, Result};

/// A map's list fields: what `meta` holds (encrypted) and the catalogue holds for every map.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub(super) struct Meta {
    pub(super) label: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub(super) created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub(super) last_session_at: OffsetDateTime,
    pub(super) is_draft: bool,
    /// The retention date, sealed: the clear `maps.retain_until` can be edited by anyone who
    /// can write the file, this copy cannot (see `integrity.rs`). `None` in metas and
    /// catalogues written before it was kept.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(type = "string | null")]
    pub(super) retain_until: Option<OffsetDateTime>,
    /// Whether the map's `meta` carries its file's SHA-256 (see `seal.rs`): once it does, a
    /// `meta` that cannot be read means the map file cannot be checked, and it is not opened.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) file_sealed: bool,
}

impl Drop for Meta {
    fn drop(&mut self) {
        self.label.zeroize();
    }
}

impl Meta {
    pub(super) fn of(doc: &MapDocument) -> Meta {
        Meta {
            label: doc.label.clone(),
            created_at: doc.created_at,
            last_session_at: doc.latest().session_at,
            is_draft: doc.is_draft(),
            retain_until: Some(doc.retention.until),
            file_sealed: true,
        }
    }

    /// A `meta` without a seal (rows with no map file: benchmark seeding).
    #[cfg(any(test, feature = "test-hooks"))]
    pub(super) fn encrypt(&self, to: &Recipient) -> Result<Vec<u8>> {
        crypto::encrypt_to(to, &json_zeroizing(self)?)
    }

    /// The `meta` blob: these list fields and the map file's seal.
    pub(super) fn encrypt_sealed(&self, seal: &Seal, to: &Recipient) -> Result<Vec<u8>> {
        let blob = MetaBlobOut { meta: self, seal };
        crypto::encrypt_to(to, &json_zeroizing(&blob)?)
    }

    pub(super) fn decrypt(master: &Identity, blob: &[u8]) -> Option<Meta> {
        Meta::decrypt_sealed(master, blob).map(|(meta, _)| meta)
    }

    /// The list fields and the seal (`None` in a `meta` written before seals).
    pub(super) fn decrypt_sealed(master: &Identity, blob: &[u8]) -> Option<(Meta, Option<Seal>)> {
        let plain = crypto::try_decrypt(master, blob)?;
        let read: MetaBlobIn = serde_json::from_slice(&plain).ok()?;
        Some((read.meta, read.seal))
    }
}

/// What `meta` holds besides the list fields: which map file is the one this vault last
/// saved. No secret in it (hashes of ciphertext), but it is encrypted with the list fields so
/// that nobody without the passphrase can change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub(super) struct Seal {
    /// The map this seal is for: a `meta` copied onto another row does not vouch for its file.
    pub(super) id: Uuid,
    /// How many times the map file was saved (counted from the first save with a seal).
    #[ts(type = "number")]
    pub(super) generation: u64,
    /// SHA-256 (hex) of the map file's bytes as last saved: the file must have these bytes.
    pub(super) file_sha256: String,
    /// SHA-256 of a save in progress, written before its file is renamed into place: a file
    /// with these bytes is the interrupted save's, not an older copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) pending_sha256: Option<String>,
}

#[derive(Serialize, ts_rs::TS)]
struct MetaBlobOut<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    seal: &'a Seal,
}

#[derive(Deserialize, ts_rs::TS)]
struct MetaBlobIn {
    #[serde(flatten)]
    meta: Meta,
    #[serde(default)]
    seal: Option<Seal>,
}

/// Every map's list fields, decrypted, while the vault is unlocked.
#[derive(Clone, Default)]
pub(super) struct Catalogue {
    pub(super) maps: BTreeMap<Uuid, Meta>,
}

/// One catalogue entry as written (borrowing, so no extra copy of a label is made).
#[derive(Serialize, ts_rs::TS)]
struct CatalogueEntryOut<'a> {
    id: Uuid,
    label: &'a str,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    last_session_at: OffsetDateTime,
    is_draft: bool,
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(type = "string | null")]
    retain_until: Option<OffsetDateTime>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    file_sealed: bool,
}

/// One catalogue entry as read; its label moves into a [`Meta`].
#[derive(Deserialize, ts_rs::TS)]
struct CatalogueEntryIn {
    id: Uuid,
    label: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    last_session_at: OffsetDateTime,
    is_draft: bool,
    /// Absent in catalogues written before it was kept.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    retain_until: Option<OffsetDateTime>,
    #[serde(default)]
    file_sealed: bool,
}

#[derive(Serialize, ts_rs::TS)]
struct CatalogueFileOut<'a> {
    version: u32,
    maps: Vec<CatalogueEntryOut<'a>>,
}

#[derive(Deserialize, ts_rs::TS)]
struct CatalogueFileIn {
    version: u32,
    maps: Vec<CatalogueEntryIn>,
}

impl Catalogue {
    pub(super) fn with(&self, id: Uuid, meta: Meta) -> Catalogue {
        let mut next = self.clone();
        next.maps.insert(id, meta);
        next
    }

    pub(super) fn without(&self, id: Uuid) -> Catalogue {
        let mut next = self.clone();
        next.maps.remove(&id);
        next
    }

    pub(super) fn encrypt(&self, to: &Recipient) -> Result<Vec<u8>> {
        let file = CatalogueFileOut {
            version: 1,
            maps: self
                .maps
                .iter()
                .map(|(id, meta)| CatalogueEntryOut {
                    id: *id,
                    label: &meta.label,
                    created_at: meta.created_at,
                    last_session_at: meta.last_session_at,
                    is_draft: meta.is_draft,
                    retain_until: meta.retain_until,
                    file_sealed: meta.file_sealed,
                })
                .collect(),
        };
        crypto::encrypt_to(to, &json_zeroizing(&file)?)
    }

    /// `None` if the body cannot be read; the caller rebuilds from the rows.
    pub(super) fn decrypt(master: &Identity, body: &[u8]) -> Option<Catalogue> {
        let plain = crypto::try_decrypt(master, body)?;
        let file: CatalogueFileIn = serde_json::from_slice(&plain).ok()?;
        if file.version != 1 {
            return None;
        }
        Some(Catalogue {
            maps: file
                .maps
                .into_iter()
                .map(|e| {
                    let meta = Meta {
                        label: e.label,
                        created_at: e.created_at,
                        last_session_at: e.last_session_at,
                        is_draft: e.is_draft,
                        retain_until: e.retain_until,
                        file_sealed: e.file_sealed,
                    };
                    (e.id, meta)
                })
                .collect(),
        })
    }
}

/// Serialise into a buffer sized exactly once (growth would leave plaintext in freed memory).
fn json_zeroizing<T: Serialize>(value: &T) -> Result<Zeroizing<Vec<u8>>> {
    struct Count(usize);
    impl io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    serde_json::to_writer(&mut count, value).map_err(|_| Error::Internal("json-size"))?;
    let mut buf = Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer(&mut *buf, value).map_err(|_| Error::Internal("json-write"))?;
    Ok(buf)
}
