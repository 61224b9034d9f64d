//! One error type for the core, and the `{code, message}` shape it takes at the IPC boundary.
//!
//! The UI branches on a short list of codes ([`ErrorCode`]); the message is plain English for a
//! person. Messages never contain map content, labels, paths or passphrases: they may be shown
//! on screen and written to logs.

use serde::{Deserialize, Serialize};

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The vault must be unlocked first.
    #[error("The vault is locked. Unlock it to continue.")]
    Locked,
    /// The passphrase did not decrypt the vault identity.
    #[error("That passphrase did not open the vault. Check it and try again.")]
    WrongPassphrase,
    /// A vault already exists where one was to be created.
    #[error("A vault already exists here.")]
    VaultExists,
    /// No vault has been created yet.
    #[error("There is no vault yet. Create one first.")]
    NoVault,
    /// The named map or record does not exist.
    #[error("That map could not be found. It may have been destroyed.")]
    NotFound,
    /// Input from the UI was not acceptable; the message says why in plain words.
    #[error("{0}")]
    InvalidInput(String),
    /// A file was damaged, truncated, swapped or is not one of ours.
    #[error("{0}")]
    Corrupt(String),
    /// A file or database was written by a newer version of Peer Map.
    #[error("{0}")]
    TooNew(String),
    /// The disk refused a read or write (full, read-only, missing folder).
    #[error("{0}")]
    Storage(String),
    /// An action needs a consent record that is missing or withdrawn.
    #[error("{0}")]
    ConsentRequired(String),
    /// A bug: something that should not happen. The message carries an event code only.
    #[error("Something went wrong inside Peer Map ({0}). Your saved maps are not affected.")]
    Internal(&'static str),
}

/// `Result` with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The short list of codes the UI branches on. The UI's copy is generated from this enum
/// (`ERROR_CODES` in ui/bindings/commands.ts, see app/bindings.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// See [`Error::Locked`].
    Locked,
    /// See [`Error::WrongPassphrase`].
    WrongPassphrase,
    /// See [`Error::NotFound`] and [`Error::NoVault`].
    NotFound,
    /// See [`Error::InvalidInput`] and [`Error::VaultExists`].
    InvalidInput,
    /// See [`Error::Corrupt`].
    Corrupt,
    /// See [`Error::TooNew`].
    TooNew,
    /// See [`Error::Storage`].
    Storage,
    /// See [`Error::ConsentRequired`].
    ConsentRequired,
    /// See [`Error::Internal`].
    Internal,
}

impl ErrorCode {
    /// Every code, in the order the UI lists them.
    pub const ALL: [ErrorCode; 9] = [
        ErrorCode::Locked,
        ErrorCode::WrongPassphrase,
        ErrorCode::NotFound,
        ErrorCode::InvalidInput,
        ErrorCode::Corrupt,
        ErrorCode::TooNew,
        ErrorCode::Storage,
        ErrorCode::ConsentRequired,
        ErrorCode::Internal,
    ];

    /// The code as the UI spells it (`wrong_passphrase`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Locked => "locked",
            ErrorCode::WrongPassphrase => "wrong_passphrase",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::TooNew => "too_new",
            ErrorCode::Storage => "storage",
            ErrorCode::ConsentRequired => "consent_required",
            ErrorCode::Internal => "internal",
        }
    }
}

impl Error {
    /// The code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Locked => ErrorCode::Locked,
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::NotFound | Error::NoVault => ErrorCode::NotFound,
            Error::InvalidInput(_) | Error::VaultExists => ErrorCode::InvalidInput,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::TooNew(_) => ErrorCode::TooNew,
            Error::Storage(_) => ErrorCode::Storage,
            Error::ConsentRequired(_) => ErrorCode::ConsentRequired,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// Classify an I/O error into a plain message. The path is deliberately not included.
    pub fn storage(err: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let msg = match err.kind() {
            K::StorageFull | K::QuotaExceeded => {
                "The disk is full, so nothing was saved. Free some space and try again."
            }
            K::PermissionDenied | K::ReadOnlyFilesystem => {
                "Peer Map is not allowed to write to its data folder, so nothing was saved."
            }
            K::NotFound => "A file Peer Map needs is missing from its data folder.",
            _ => "The disk refused to read or write, so nothing was changed. Try again.",
        };
        Error::Storage(msg.to_owned())
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::storage(&err)
    }
}

/// The error as it crosses IPC: `{"code": "...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BoundaryError {
    /// What the UI branches on.
    pub code: ErrorCode,
    /// A plain sentence for a person; no content, no paths.
    pub message: String,
}

impl From<Error> for BoundaryError {
    fn from(err: Error) -> Self {
        BoundaryError {
            code: err.code(),
            message: err.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_json_shape_is_pinned() {
        let json =
            serde_json::to_string(&BoundaryError::from(Error::WrongPassphrase)).expect("serialise");
        assert_eq!(
            json,
            r#"{"code":"wrong_passphrase","message":"That passphrase did not open the vault. Check it and try again."}"#
        );
    }

    #[test]
    fn every_code_has_the_spelling_the_ui_expects() {
        let codes = [
            (ErrorCode::Locked, "locked"),
            (ErrorCode::WrongPassphrase, "wrong_passphrase"),
            (ErrorCode::NotFound, "not_found"),
            (ErrorCode::InvalidInput, "invalid_input"),
            (ErrorCode::Corrupt, "corrupt"),
            (ErrorCode::TooNew, "too_new"),
            (ErrorCode::Storage, "storage"),
            (ErrorCode::ConsentRequired, "consent_required"),
            (ErrorCode::Internal, "internal"),
        ];
        for (code, text) in codes {
            assert_eq!(
                serde_json::to_value(code).expect("serialise"),
                serde_json::Value::String(text.into())
            );
        }
        // The UI's list is generated from ErrorCode::ALL and as_str (app/bindings.rs).
        assert_eq!(ErrorCode::ALL.len(), codes.len());
        for (code, text) in codes {
            assert!(ErrorCode::ALL.contains(&code));
            assert_eq!(code.as_str(), text);
        }
    }

    #[test]
    fn storage_errors_never_carry_the_path() {
        let io = std::io::Error::new(std::io::ErrorKind::StorageFull, "/secret/JD-label");
        let msg = Error::from(io).to_string();
        assert!(!msg.contains("secret"));
        assert_eq!(
            Error::from(std::io::Error::from(std::io::ErrorKind::StorageFull)).code(),
            ErrorCode::Storage
        );
    }
}
