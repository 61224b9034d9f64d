//! peermap-core: everything Peer Map does that does not need a window.
//!
//! This crate never depends on tauri, so every rule it enforces can be tested headless.

mod error;
pub mod document;
pub mod paths;
pub mod atomic;
pub mod clock;
pub mod crypto;
pub mod index;
pub mod strength;
pub mod vault;

pub use error::{BoundaryError, Error, ErrorCode, Result};

/// The app version written into documents and shown by `peermap --version`.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
