//! Receiving shared copies: a social worker's receiving key, and opening a copy.
//!
//! The receiving key is an ordinary age X25519 identity. Its public key (`age1…`) is what a
//! practitioner stores on a share; copies are then encrypted to it. It lives in the data
//! folder beside the vault:
//!
//! ```text
//! receiving.age     the receiving identity line AGE-SECRET-KEY-1…, age-encrypted to the
//!                   vault's master recipient (so the vault passphrase protects it)
//! ```
//!
//! Recoverable with the `age` CLI alone: decrypt `identity.age` with the passphrase, then
//! `receiving.age` with that identity (`docs/RECOVERY.md`).
//!
//! [`open_shared_copy`] decrypts a received file in memory and returns the PDF. It never
//! writes anything, to the vault or anywhere else: what happens to the PDF is the caller's
//! (and the person's) choice.

use age::secrecy::{ExposeSecret, SecretString};
use std::io::Read;
use zeroize::Zeroizing;

use crate::crypto::{self, Identity};
use crate::vault::Vault;
use crate::{atomic, Error, Result};

/// The receiving key file in the data folder.
pub const RECEIVING_FILE: &str = "receiving.age";

/// The highest scrypt work factor accepted in a shared copy (Peer Map writes 18).
pub const MAX_COPY_WORK_FACTOR: u8 = crypto::MAX_WORK_FACTOR;

const KEY_DAMAGED: &str = "The receiving key file is damaged, so copies sent to it can't be \
     opened. If you have a backup of the data folder, restore it.";
const NOT_A_COPY: &str = "This file isn't a shared copy Peer Map can open: it is damaged, \
     incomplete, or not an encrypted copy at all.";
const NEEDS_PASSPHRASE: &str = "This copy is protected with a passphrase. Type the words you \
     were given.";
const NEEDS_KEY: &str = "This copy was encrypted to a receiving key, not with a passphrase. \
     Open it with your receiving key instead.";
const NO_KEY_YET: &str = "You don't have a receiving key yet, so copies encrypted to a key \
     can't be opened here. Create one in Settings first.";
const NOT_FOR_THIS_KEY: &str = "This copy was not encrypted to your receiving key. Check \
     that the practitioner used the key shown in your Settings, or ask for a new copy.";
const WRONG_WORDS: &str = "Those words did not open the copy. Check them with whoever sent \
     it and try again.";
const NOT_A_PDF: &str = "This file opened, but what is inside is not a Peer Map copy (it is \
     not a PDF).";

/// How to open a shared copy.
pub enum CopyKey {
    /// With this vault's receiving key.
    ReceivingKey,
    /// With the words the sender read out.
    Passphrase(SecretString),
}

impl std::fmt::Debug for CopyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CopyKey::ReceivingKey => "ReceivingKey",
            CopyKey::Passphrase(_) => "Passphrase(..)",
        })
    }
}

/// How a received file is protected, read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyProtection {
    /// A passphrase (age scrypt recipient).
    Passphrase,
    /// One or more public keys.
    Key,
}

/// The receiving public key (`age1…`), or `None` if none was created yet.
pub fn receiving_public_key(vault: &Vault) -> Result<Option<String>> {
    Ok(read_identity(vault)?.map(|id| id.to_public().to_string()))
}

/// The receiving public key, creating the key first if there is none. Creating it twice
/// returns the same key: a key already given to practitioners is never replaced.
pub fn create_receiving_key(vault: &Vault) -> Result<String> {
    if let Some(existing) = read_identity(vault)? {
        return Ok(existing.to_public().to_string());
    }
    let identity = crypto::generate_identity();
    let line = crypto::identity_line(&identity);
    let mut text = Zeroizing::new(String::with_capacity(line.expose_secret().len() + 1));
    text.push_str(line.expose_secret());
    text.push('\n');
    let encrypted = crypto::encrypt_to(vault.master_recipient(), text.as_bytes())?;
    atomic::write_atomic_with(vault.byte_writer(), vault.dir(), RECEIVING_FILE, &encrypted)?;
    Ok(identity.to_public().to_string())
}

fn read_identity(vault: &Vault) -> Result<Option<Identity>> {
    let bytes = match crypto::read_file_bounded(&vault.dir().join(RECEIVING_FILE)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            return Err(Error::Corrupt(KEY_DAMAGED.into()))
        }
        Err(e) => return Err(Error::storage(&e)),
    };
    let plain = crypto::try_decrypt(vault.master_identity(), &bytes)
        .ok_or_else(|| Error::Corrupt(KEY_DAMAGED.into()))?;
    crypto::parse_identity(&plain)
        .map(Some)
        .ok_or_else(|| Error::Corrupt(KEY_DAMAGED.into()))
}

/// How `bytes` is protected, or an error if it is not an age file at all.
pub fn copy_protection(bytes: &[u8]) -> Result<CopyProtection> {
    let decryptor =
        age::Decryptor::new_buffered(bytes).map_err(|_| Error::Corrupt(NOT_A_COPY.into()))?;
    Ok(if decryptor.is_scrypt() {
        CopyProtection::Passphrase
    } else {
        CopyProtection::Key
    })
}

/// Decrypt a received copy in memory and return the PDF. Writes nothing anywhere.
///
/// A passphrase is compared as typed and also in its plain form (lowercase words separated
/// by single spaces), so a phrase read out over the phone opens whatever spacing or capitals
/// it was typed with.
pub fn open_shared_copy(vault: &Vault, bytes: &[u8], key: &CopyKey) -> Result<Zeroizing<Vec<u8>>> {
    let protection = copy_protection(bytes)?;
    let pdf = match (protection, key) {
        (CopyProtection::Passphrase, CopyKey::ReceivingKey) => {
            return Err(Error::InvalidInput(NEEDS_PASSPHRASE.into()))
        }
        (CopyProtection::Key, CopyKey::Passphrase(_)) => {
            return Err(Error::InvalidInput(NEEDS_KEY.into()))
        }
        (CopyProtection::Key, CopyKey::ReceivingKey) => {
            let identity =
                read_identity(vault)?.ok_or_else(|| Error::InvalidInput(NO_KEY_YET.into()))?;
            decrypt_with_key(&identity, bytes)?
        }
        (CopyProtection::Passphrase, CopyKey::Passphrase(words)) => {
            decrypt_with_words(words, bytes)?
        }
    };
    if !pdf.starts_with(b"%PDF-") {
        return Err(Error::Corrupt(NOT_A_PDF.into()));
    }
    Ok(pdf)
}

fn decrypt_with_key(identity: &Identity, bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    use age::DecryptError as D;
    let decryptor =
        age::Decryptor::new_buffered(bytes).map_err(|_| Error::Corrupt(NOT_A_COPY.into()))?;
    let reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|e| match e {
            D::NoMatchingKeys => Error::InvalidInput(NOT_FOR_THIS_KEY.into()),
            _ => Error::Corrupt(NOT_A_COPY.into()),
        })?;
    read_plain(reader, bytes.len())
}

fn decrypt_with_words(words: &SecretString, bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let typed = words.expose_secret();
    if typed.trim().is_empty() {
        return Err(Error::InvalidInput(NEEDS_PASSPHRASE.into()));
    }
    let plain = Zeroizing::new(
        typed
            .split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" "),
    );
    let mut tries: Vec<&str> = vec![plain.as_str()];
    if typed != plain.as_str() {
        tries.push(typed);
    }
    for attempt in tries {
        match decrypt_scrypt(attempt, bytes) {
            Err(Error::WrongPassphrase) => continue,
            other => return other,
        }
    }
    Err(Error::InvalidInput(WRONG_WORDS.into()))
}

fn decrypt_scrypt(words: &str, bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    use age::DecryptError as D;
    let decryptor =
        age::Decryptor::new_buffered(bytes).map_err(|_| Error::Corrupt(NOT_A_COPY.into()))?;
    let mut identity = age::scrypt::Identity::new(SecretString::from(words.to_owned()));
    identity.set_max_work_factor(MAX_COPY_WORK_FACTOR);
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            D::ExcessiveWork { .. } => Error::Corrupt(
                "This copy asks for far more passphrase work than Peer Map allows, so it was \
                 not opened. It was not made by Peer Map, or it has been altered."
                    .into(),
            ),
            D::DecryptionFailed | D::KeyDecryptionFailed | D::NoMatchingKeys => {
                Error::WrongPassphrase
            }
            _ => Error::Corrupt(NOT_A_COPY.into()),
        })?;
    read_plain(reader, bytes.len())
}

/// Read all plaintext into one buffer sized from the ciphertext (never reallocated, so no
/// un-zeroized copy is left behind). A damaged or truncated stream is refused.
fn read_plain(mut reader: impl Read, ciphertext_len: usize) -> Result<Zeroizing<Vec<u8>>> {
    let mut plain = Zeroizing::new(Vec::with_capacity(ciphertext_len));
    reader
        .read_to_end(&mut plain)
        .map_err(|_| Error::Corrupt(NOT_A_COPY.into()))?;
    Ok(plain)
}
