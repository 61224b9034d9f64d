//! The destruction ledger: a small file OUTSIDE the data folder saying which maps this vault
//! destroyed, when and why, so that restoring a backup of the whole data folder cannot bring
//! a destroyed map back for good (the next unlock destroys it again; `integrity.rs`).
//!
//! It sits next to the data folder, as `<data folder>.ledger` (for example
//! `~/.local/share/org.peermap.desktop.ledger`), so it follows `PEERMAP_DATA_DIR` and
//! `--data-dir` with no second setting, and a restore of the data folder leaves it alone.
//! One line per destroyed map, no content:
//!
//! ```text
//! v1 <vault fingerprint> <map id> <RFC 3339 instant> <reason> <HMAC-SHA256, hex>
//! ```
//!
//! The HMAC key is derived from the master identity with HKDF-SHA256, so only someone with
//! the passphrase can write an entry that counts. A line that does not authenticate (edited,
//! damaged, cut short, another vault's) is counted and ignored: an edited ledger can never
//! cause a destruction. Only the unlocked vault writes it; the headless sweep cannot
//! authenticate and need not (a restored map whose date has passed is destroyed again by the
//! sweep anyway).

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::clock::{from_rfc3339, to_rfc3339};
use crate::crypto::{self, Identity};
use crate::index::DestroyReason;
use crate::{Error, Result};

const VERSION: &str = "v1";
const HKDF_SALT: &[u8] = b"peermap destruction ledger";
const HKDF_INFO: &[u8] = b"v1 entry hmac key";

/// Where the ledger of the vault in `dir` lives: next to it, `<dir>.ledger`. `None` for a
/// folder with no name (a file system root), which then has no ledger.
pub fn ledger_path(dir: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(dir).ok()?;
    let name = absolute.file_name()?.to_str()?.to_owned();
    Some(absolute.with_file_name(format!("{name}.ledger")))
}

/// What the ledger says, authenticated entries only.
#[derive(Debug, Default)]
pub(super) struct LedgerRead {
    /// Every map destroyed, with the reason it was destroyed for (the first entry wins).
    pub(super) destroyed: BTreeMap<Uuid, DestroyReason>,
    /// Lines that did not authenticate: ignored, never acted on.
    pub(super) ignored: usize,
}

/// The ledger of one vault: its file and its key.
pub(super) struct Ledger {
    path: Option<PathBuf>,
    fingerprint: String,
    key: Zeroizing<[u8; 32]>,
}

impl Ledger {
    pub(super) fn new(dir: &Path, master: &Identity, fingerprint: String) -> Ledger {
        let line = crypto::identity_line(master);
        let hk = Hkdf::<Sha256>::new(Some(HKDF_SALT), line.expose_secret().as_bytes());
        let mut key = Zeroizing::new([0u8; 32]);
        // 32 bytes is always a valid HKDF-SHA256 output length.
        let _ = hk.expand(HKDF_INFO, key.as_mut_slice());
        Ledger {
            path: ledger_path(dir),
            fingerprint,
            key,
        }
    }

    fn mac(&self, body: &str) -> Result<String> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.key.as_slice())
            .map_err(|_| Error::Internal("ledger-key"))?;
        mac.update(body.as_bytes());
        Ok(hex(&mac.finalize().into_bytes()))
    }

    /// Append one entry per destroyed map, durably (fsync of the file, and of its folder when
    /// the file is new).
    pub(super) fn append(
        &self,
        ids: &[Uuid],
        reason: DestroyReason,
        at: OffsetDateTime,
    ) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if ids.is_empty() {
            return Ok(());
        }
        let at = to_rfc3339(at)?;
        let mut text = String::new();
        for id in ids {
            let body = format!(
                "{VERSION} {} {} {at} {}",
                self.fingerprint,
                id.hyphenated(),
                reason.as_str()
            );
            let mac = self.mac(&body)?;
            text.push_str(&body);
            text.push(' ');
            text.push_str(&mac);
            text.push('\n');
        }
        append_durably(path, text.as_bytes()).map_err(|e| Error::storage(&e))
    }

    /// Every authenticated entry. A missing ledger is an empty one.
    pub(super) fn read(&self) -> Result<LedgerRead> {
        let mut out = LedgerRead::default();
        let Some(path) = &self.path else {
            return Ok(out);
        };
        let bytes = match crypto::read_file_bounded(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(Error::storage(&e)),
        };
        for line in bytes.split(|b| *b == b'\n') {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match self.parse(line) {
                Some((id, reason)) => {
                    out.destroyed.entry(id).or_insert(reason);
                }
                None => out.ignored += 1,
            }
        }
        Ok(out)
    }

    fn parse(&self, line: &[u8]) -> Option<(Uuid, DestroyReason)> {
        let line = std::str::from_utf8(line).ok()?;
        let (body, mac) = line.rsplit_once(' ')?;
        let mut check = <Hmac<Sha256> as Mac>::new_from_slice(self.key.as_slice()).ok()?;
        check.update(body.as_bytes());
        check.verify_slice(&unhex(mac)?).ok()?;
        let fields: Vec<&str> = body.split(' ').collect();
        let [version, fingerprint, id, at, reason] = fields.as_slice() else {
            return None;
        };
        if *version != VERSION || *fingerprint != self.fingerprint {
            return None;
        }
        from_rfc3339(at).ok()?;
        let id = Uuid::parse_str(id).ok()?;
        let reason = DestroyReason::parse(reason)?;
        Some((id, reason))
    }
}

/// Append `bytes` to `path` (made 0600 if missing) and flush it to the disk. A line a crash
/// cut short is ended first, so it cannot swallow the next entry.
fn append_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let existed = path.exists();
    let mut file = options.open(path)?;
    let len = file.metadata()?.len();
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(len - 1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            file.write_all(b"\n")?;
        }
    }
    file.write_all(bytes)?;
    file.sync_all()?;
    if !existed {
        if let Some(parent) = path.parent() {
            #[cfg(unix)]
            fs::File::open(parent)?.sync_all()?;
            #[cfg(not(unix))]
            let _ = parent;
        }
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn ledger(dir: &Path) -> Ledger {
        Ledger::new(dir, &crypto::generate_identity(), "f".repeat(64))
    }

    #[test]
    fn entries_read_back_and_an_edited_line_is_ignored() {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = root.path().join("data");
        let l = ledger(&dir);
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let at = datetime!(2030-01-01 0:00 UTC);
        l.append(&[a], DestroyReason::ConsentWithdrawn, at)
            .expect("append");
        let read = l.read().expect("read");
        assert_eq!(
            read.destroyed.get(&a),
            Some(&DestroyReason::ConsentWithdrawn)
        );
        assert_eq!(read.ignored, 0);
        let path = ledger_path(&dir).expect("path");
        assert_eq!(path, root.path().join("data.ledger"));
        let text = fs::read_to_string(&path).expect("text");
        fs::write(
            &path,
            text.replace(&a.hyphenated().to_string(), &b.hyphenated().to_string()),
        )
        .expect("edit");
        let read = l.read().expect("read");
        assert!(read.destroyed.is_empty());
        assert_eq!(read.ignored, 1);
    }

    #[test]
    fn a_line_cut_short_by_a_crash_does_not_swallow_the_next_entry() {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = root.path().join("data");
        let l = ledger(&dir);
        let path = ledger_path(&dir).expect("path");
        fs::write(&path, "v1 ffff").expect("partial");
        let a = Uuid::new_v4();
        l.append(&[a], DestroyReason::NotKept, datetime!(2030-01-01 0:00 UTC))
            .expect("append");
        let read = l.read().expect("read");
        assert_eq!(read.destroyed.get(&a), Some(&DestroyReason::NotKept));
        assert_eq!(read.ignored, 1);
    }
}
