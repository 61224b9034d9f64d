//! One Peer Map process at a time per data folder.
//!
//! The app and `peermap sweep` both change the vault, and neither may do it under the other: a
//! sweep while the app is unlocked drops the list catalogue the app holds in memory (its next
//! save would put a destroyed map's label back), and two app windows over one folder overwrite
//! each other's saves. So each takes [`VaultLock`] first: an advisory, exclusive lock on
//! `<data folder>/peermap.lock` (`flock` on Unix, `LockFileEx` on Windows, through std's
//! [`File::try_lock`]). The app holds it for as long as it runs (inside its
//! [`App`](crate::app::App)); a sweep for as long as it sweeps. The operating system releases it
//! when the process ends, however it ends, so a crash never leaves the folder locked.
//!
//! The lock file is empty and is never removed (removing it while another process waits on it
//! would let two processes hold "the" lock at once).

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::Path;

use crate::Error;

/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "peermap.lock";

/// Holds the data folder's lock until dropped.
#[derive(Debug)]
pub struct VaultLock {
    /// The open lock file; closing it releases the lock.
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another Peer Map process (the app, or a sweep) holds it. Nothing was touched.
    Held,
    /// The lock file could not be made or opened (a folder Peer Map may not write to).
    Failed(Error),
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Held => f.write_str(
                "Peer Map is already open on this computer with this data folder. Nothing was \
                 changed.",
            ),
            LockError::Failed(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for LockError {}

impl VaultLock {
    /// Take the lock on `dir` without waiting: [`LockError::Held`] if another process has it.
    ///
    /// Makes `dir` (`0700` on Unix) if it does not exist yet, as the app's first start needs;
    /// the lock file is created `0600`.
    pub fn try_acquire(dir: &Path) -> Result<VaultLock, LockError> {
        make_private_dir(dir).map_err(|e| LockError::Failed(Error::storage(&e)))?;
        let file = open_lock_file(&dir.join(LOCK_FILE))
            .map_err(|e| LockError::Failed(Error::storage(&e)))?;
        match file.try_lock() {
            Ok(()) => Ok(VaultLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Held),
            Err(TryLockError::Error(e)) => Err(LockError::Failed(Error::storage(&e))),
        }
    }
}

fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    // Write access is what Windows' LockFileEx needs; nothing is ever written.
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let first = VaultLock::try_acquire(tmp.path()).expect("first lock");
        // flock locks belong to the open file, so a second open in this same process is
        // refused exactly as another process would be.
        assert!(matches!(
            VaultLock::try_acquire(tmp.path()),
            Err(LockError::Held)
        ));
        drop(first);
        let again = VaultLock::try_acquire(tmp.path()).expect("lock after drop");
        drop(again);
    }

    #[test]
    fn locks_on_different_folders_do_not_meet() {
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let _a = VaultLock::try_acquire(a.path()).expect("a");
        let _b = VaultLock::try_acquire(b.path()).expect("b");
    }

    #[test]
    fn the_lock_makes_a_missing_data_folder_and_its_file_private() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("not-yet");
        let _lock = VaultLock::try_acquire(&dir).expect("lock");
        assert!(dir.join(LOCK_FILE).is_file());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
            assert_eq!(mode(&dir), 0o700);
            assert_eq!(mode(&dir.join(LOCK_FILE)), 0o600);
        }
    }

    #[test]
    fn the_held_message_is_plain_and_has_no_path() {
        let text = LockError::Held.to_string();
        assert!(text.starts_with("Peer Map is already open"), "{text}");
        assert!(!text.contains('/'), "{text}");
    }
}
