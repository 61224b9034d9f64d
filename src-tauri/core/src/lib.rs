//! peermap-core: everything Peer Map does that does not need a window.
//!
//! This crate never depends on tauri, so every rule it enforces can be tested headless.

pub mod app;
pub mod atomic;
pub mod cli_args;
pub mod clock;
pub mod consent;
pub mod crypto;
pub mod document;
mod error;
pub mod events;
pub mod export;
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub mod fuzzing;
pub mod index;
pub mod lifecycle;
pub mod lock;
pub mod paths;
pub mod receiving;
pub mod record;
pub mod settings;
pub mod strength;
pub mod vault;
pub mod view;

pub use error::{BoundaryError, Error, ErrorCode, Result};

/// The app version written into documents and shown by `peermap --version`.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
