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
        }
    }

    pub(super) fn encrypt(&self, to: &Recipient) -> Result<Vec<u8>> {
        crypto::encrypt_to(to, &json_zeroizing(self)?)
    }

    pub(super) fn decrypt(master: &Identity, blob: &[u8]) -> Option<Meta> {
        let plain = crypto::try_decrypt(master, blob)?;
        serde_json::from_slice(&plain).ok()
    }
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
