//! age encryption, as the on-disk contract (docs/DESIGN.md §3) uses it.
//!
//! - `identity.age`: the vault's master X25519 identity line, encrypted with the passphrase
//!   (scrypt, work factor [`PASSPHRASE_WORK_FACTOR`]; files asking for more than
//!   [`MAX_WORK_FACTOR`] are refused before any work is done).
//! - everything else: encrypted to an X25519 recipient.
//!
//! Encryption happens in memory: plaintext never touches a temp file. Every plaintext buffer
//! this module returns is [`Zeroizing`], and identity lines are [`SecretString`]s.

use std::io::{Read, Write};
use std::iter;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use zeroize::Zeroizing;

use crate::{Error, Result};

pub use age::x25519::{Identity, Recipient};

/// The scrypt work factor (log2 N) used when Peer Map writes `identity.age`.
pub const PASSPHRASE_WORK_FACTOR: u8 = 18;

/// The highest scrypt work factor Peer Map agrees to compute when opening `identity.age`.
pub const MAX_WORK_FACTOR: u8 = 20;

/// Files bigger than this are refused without being read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

const MAP_DAMAGED: &str =
    "This map could not be opened: its file is damaged or has been replaced. Your other maps are not affected.";
const KEY_FILE_DAMAGED: &str =
    "The vault's key file is damaged or is not a Peer Map key file, so the vault cannot be opened.";

/// A fresh random X25519 identity (a vault's master key, or one map's key).
pub fn generate_identity() -> Identity {
    x25519::Identity::generate()
}

/// The identity as the standard text line `AGE-SECRET-KEY-1…`.
pub fn identity_line(identity: &Identity) -> SecretString {
    identity.to_string()
}

/// Parse a decrypted identity file: exactly one `AGE-SECRET-KEY-1…` line; blank lines and
/// `#` comments (as `age-keygen` writes them) are allowed.
pub fn parse_identity(text: &[u8]) -> Option<Identity> {
    let text = std::str::from_utf8(text).ok()?;
    let mut keys = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let line = keys.next()?;
    if keys.next().is_some() {
        return None;
    }
    line.parse::<Identity>().ok()
}

/// Encrypt `plaintext` to one X25519 recipient; returns the binary age file.
pub fn encrypt_to(recipient: &Recipient, plaintext: &[u8]) -> Result<Vec<u8>> {
    let encryptor = age::Encryptor::with_recipients(iter::once(recipient as &dyn age::Recipient))
        .map_err(|_| Error::Internal("encrypt-setup"))?;
    encrypt_into(encryptor, plaintext)
}

/// Decrypt an age file encrypted to `identity`. Any failure (wrong key, damage, truncation,
/// not an age file) is the same `Corrupt` error: the caller cannot do anything different.
pub fn decrypt_map_bytes(identity: &Identity, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    try_decrypt(identity, ciphertext).ok_or_else(|| Error::Corrupt(MAP_DAMAGED.into()))
}

/// Like [`decrypt_map_bytes`], returning `None` instead of an error.
pub fn try_decrypt(identity: &Identity, ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let decryptor = age::Decryptor::new_buffered(ciphertext).ok()?;
    let reader = decryptor
        .decrypt(iter::once(identity as &dyn age::Identity))
        .ok()?;
    read_all(reader, ciphertext.len()).ok()
}

/// Encrypt `plaintext` to one X25519 recipient as an ASCII-armored age file (for a TEXT
/// column; `age -d` reads it as it is).
pub fn encrypt_to_armored(recipient: &Recipient, plaintext: &[u8]) -> Result<String> {
    use age::armor::{ArmoredWriter, Format};
    let encryptor = age::Encryptor::with_recipients(iter::once(recipient as &dyn age::Recipient))
        .map_err(|_| Error::Internal("encrypt-setup"))?;
    let armored = ArmoredWriter::wrap_output(Vec::new(), Format::AsciiArmor)
        .map_err(|_| Error::Internal("encrypt-armor"))?;
    let mut writer = encryptor
        .wrap_output(armored)
        .map_err(|_| Error::Internal("encrypt-header"))?;
    let out = writer
        .write_all(plaintext)
        .and_then(|()| writer.finish())
        .and_then(|armored| armored.finish())
        .map_err(|_| Error::Internal("encrypt-stream"))?;
    String::from_utf8(out).map_err(|_| Error::Internal("encrypt-armor"))
}

/// Decrypt an armored (or binary) age file encrypted to `identity`; `None` on any failure.
pub fn try_decrypt_armored(identity: &Identity, text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let reader = age::armor::ArmoredReader::new(text.as_bytes());
    let decryptor = age::Decryptor::new(reader).ok()?;
    let reader = decryptor
        .decrypt(iter::once(identity as &dyn age::Identity))
        .ok()?;
    read_all(reader, text.len()).ok()
}

/// Encrypt with a passphrase at `work_factor` (Peer Map always uses
/// [`PASSPHRASE_WORK_FACTOR`]; tests use other values to make refused files).
pub fn encrypt_with_passphrase(
    passphrase: &SecretString,
    plaintext: &[u8],
    work_factor: u8,
) -> Result<Vec<u8>> {
    if !(1..64).contains(&work_factor) {
        return Err(Error::Internal("work-factor"));
    }
    let mut recipient =
        age::scrypt::Recipient::new(SecretString::from(passphrase.expose_secret().to_owned()));
    recipient.set_work_factor(work_factor);
    let encryptor = age::Encryptor::with_recipients(iter::once(&recipient as &dyn age::Recipient))
        .map_err(|_| Error::Internal("encrypt-setup"))?;
    encrypt_into(encryptor, plaintext)
}

/// Decrypt a passphrase-encrypted file (`identity.age`).
///
/// A wrong passphrase is [`Error::WrongPassphrase`]; a damaged, foreign or over-demanding file
/// is [`Error::Corrupt`] with a plain explanation. Nothing is ever deleted here.
pub fn decrypt_with_passphrase(
    passphrase: &SecretString,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    use age::DecryptError as D;
    let decryptor = age::Decryptor::new_buffered(ciphertext)
        .map_err(|_| Error::Corrupt(KEY_FILE_DAMAGED.into()))?;
    if !decryptor.is_scrypt() {
        return Err(Error::Corrupt(KEY_FILE_DAMAGED.into()));
    }
    let mut identity =
        age::scrypt::Identity::new(SecretString::from(passphrase.expose_secret().to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let reader = decryptor
        .decrypt(iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            D::ExcessiveWork { required, .. } => Error::Corrupt(format!(
                "The vault's key file asks for more passphrase work (work factor {required}) than \
                 Peer Map allows (at most {MAX_WORK_FACTOR}), so it was not opened. It was not \
                 made by Peer Map, or it has been altered."
            )),
            D::DecryptionFailed | D::KeyDecryptionFailed | D::NoMatchingKeys => {
                Error::WrongPassphrase
            }
            _ => Error::Corrupt(KEY_FILE_DAMAGED.into()),
        })?;
    read_all(reader, ciphertext.len()).map_err(|_| Error::Corrupt(KEY_FILE_DAMAGED.into()))
}

/// Read a whole file, refusing anything larger than [`MAX_FILE_BYTES`].
pub fn read_file_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "file too large",
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn encrypt_into(encryptor: age::Encryptor, plaintext: &[u8]) -> Result<Vec<u8>> {
    // age adds a header (~200 bytes) and 16 bytes per 64 KiB chunk.
    let mut out = Vec::with_capacity(plaintext.len() + plaintext.len() / 4096 + 512);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|_| Error::Internal("encrypt-header"))?;
    writer
        .write_all(plaintext)
        .and_then(|()| writer.finish().map(|_| ()))
        .map_err(|_| Error::Internal("encrypt-stream"))?;
    Ok(out)
}

/// Read all plaintext into a buffer allocated once: the plaintext is shorter than the
/// ciphertext, so the buffer never reallocates (a reallocation would leave an un-zeroized copy).
fn read_all(mut reader: impl Read, ciphertext_len: usize) -> std::io::Result<Zeroizing<Vec<u8>>> {
    let mut plain = Zeroizing::new(Vec::with_capacity(ciphertext_len));
    reader.read_to_end(&mut plain)?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x25519_round_trip_and_wrong_key() {
        let id = generate_identity();
        let ct = encrypt_to(&id.to_public(), b"hello").expect("enc");
        assert_eq!(&decrypt_map_bytes(&id, &ct).expect("dec")[..], b"hello");
        let other = generate_identity();
        assert!(matches!(
            decrypt_map_bytes(&other, &ct),
            Err(Error::Corrupt(_))
        ));
        assert!(matches!(
            decrypt_map_bytes(&id, b"not age"),
            Err(Error::Corrupt(_))
        ));
    }

    #[test]
    fn armored_round_trip_and_wrong_key() {
        let id = generate_identity();
        let text = encrypt_to_armored(&id.to_public(), b"2030-01-01T00:00:00Z").expect("enc");
        assert!(text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
        let plain = try_decrypt_armored(&id, &text).expect("dec");
        assert_eq!(&plain[..], b"2030-01-01T00:00:00Z");
        assert!(try_decrypt_armored(&generate_identity(), &text).is_none());
        assert!(try_decrypt_armored(&id, "not age").is_none());
    }

    #[test]
    fn identity_line_parses_back_with_comments() {
        let id = generate_identity();
        let line = identity_line(&id);
        let text = format!(
            "# created: today\n# public key: x\n{}\n",
            line.expose_secret()
        );
        let back = parse_identity(text.as_bytes()).expect("parse");
        assert_eq!(back.to_public().to_string(), id.to_public().to_string());
        let two = format!("{0}\n{0}\n", line.expose_secret());
        assert!(parse_identity(two.as_bytes()).is_none());
        assert!(parse_identity(b"garbage").is_none());
    }

    #[test]
    fn passphrase_round_trip_cheap_work_factor() {
        let p = SecretString::from("correct horse".to_owned());
        let ct = encrypt_with_passphrase(&p, b"secret", 2).expect("enc");
        assert_eq!(
            &decrypt_with_passphrase(&p, &ct).expect("dec")[..],
            b"secret"
        );
        let wrong = SecretString::from("wrong".to_owned());
        assert!(matches!(
            decrypt_with_passphrase(&wrong, &ct),
            Err(Error::WrongPassphrase)
        ));
        assert!(matches!(
            decrypt_with_passphrase(&p, b"junk"),
            Err(Error::Corrupt(_))
        ));
        assert!(matches!(
            decrypt_with_passphrase(&p, &ct[..ct.len() - 3]),
            Err(Error::Corrupt(_))
        ));
    }
}
