//! Atomic, durable file replacement.
//!
//! A save either leaves the previous file untouched or replaces it with the complete new one:
//! the bytes go to a temp file in the same folder, which is flushed to the disk, renamed over
//! the target, and then the folder itself is flushed so the rename survives a power cut.
//! Only after all of that may the UI say "Saved".

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Every temp file starts with this, so startup reconciliation can recognise and remove
/// leftovers of an interrupted save.
pub const TEMP_PREFIX: &str = ".tmp-";

/// How the bytes reach the temp file. Production writes them all at once; tests inject a
/// writer that fails part way through (see `FailAfter`, with the `test-hooks` feature).
pub trait ByteWriter: Send + Sync {
    /// Write `bytes` to `file` completely, or fail.
    fn write_bytes(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
}

/// The normal writer: `write_all`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainWriter;

impl ByteWriter for PlainWriter {
    fn write_bytes(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
}

/// A test writer: writes the first `n` bytes, then fails with `kind` (for example
/// `StorageFull`, as a full disk would). Only with the `test-hooks` feature.
#[cfg(any(test, feature = "test-hooks"))]
#[derive(Debug, Clone, Copy)]
pub struct FailAfter {
    /// How many bytes reach the file before the failure.
    pub n: usize,
    /// The error the failure reports.
    pub kind: io::ErrorKind,
}

#[cfg(any(test, feature = "test-hooks"))]
impl ByteWriter for FailAfter {
    fn write_bytes(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        let n = self.n.min(bytes.len());
        file.write_all(&bytes[..n])?;
        Err(io::Error::from(self.kind))
    }
}

/// Replace `dir/name` with `bytes`, atomically and durably.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    write_atomic_with(&PlainWriter, dir, name, bytes)
}

/// [`write_atomic`] with the byte writer injected.
pub fn write_atomic_with(
    writer: &dyn ByteWriter,
    dir: &Path,
    name: &str,
    bytes: &[u8],
) -> Result<()> {
    let temp = dir.join(format!("{TEMP_PREFIX}{}", uuid::Uuid::new_v4().simple()));
    let mut file = open_new(&temp)?;
    let written = writer
        .write_bytes(&mut file, bytes)
        .and_then(|()| file.sync_all());
    drop(file);
    if let Err(err) = written.and_then(|()| fs::rename(&temp, dir.join(name))) {
        // Best effort: the original error is the one worth reporting.
        let _ = fs::remove_file(&temp);
        return Err(Error::storage(&err));
    }
    sync_dir(dir)
}

/// [`write_atomic_with`], running `alongside` on this thread while the temp file is written
/// and flushed on another, and renaming only once both succeeded. For a durable write that must
/// be on the disk before the new file is, without waiting for the two flushes one after the
/// other (the vault's pending seal, `vault/seal.rs`). If either fails, the temp file is removed
/// and the target is left as it was; `alongside`'s error is reported first.
pub fn write_atomic_alongside(
    writer: &dyn ByteWriter,
    dir: &Path,
    name: &str,
    bytes: &[u8],
    alongside: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let temp = dir.join(format!("{TEMP_PREFIX}{}", uuid::Uuid::new_v4().simple()));
    let (side, written) = std::thread::scope(|scope| {
        let temp = &temp;
        let flush = scope.spawn(move || -> Result<()> {
            let mut file = open_new(temp)?;
            writer
                .write_bytes(&mut file, bytes)
                .and_then(|()| file.sync_all())
                .map_err(|e| Error::storage(&e))
        });
        let side = alongside();
        let written = flush
            .join()
            .unwrap_or(Err(Error::Internal("atomic-thread")));
        (side, written)
    });
    let renamed = side
        .and(written)
        .and_then(|()| fs::rename(&temp, dir.join(name)).map_err(|e| Error::storage(&e)));
    if let Err(err) = renamed {
        // Best effort: the original error is the one worth reporting.
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    sync_dir(dir)
}

/// Flush a folder's entries (renames, new and removed files) to the disk.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::storage(&e))
    }
    #[cfg(not(unix))]
    {
        // Windows cannot open a directory as a file; NTFS journals renames itself.
        let _ = dir;
        Ok(())
    }
}

/// Remove leftover temp files in `dir`; returns how many were removed.
pub fn remove_temp_files(dir: &Path) -> Result<usize> {
    let mut removed = 0;
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::storage(&e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::storage(&e))?;
        if is_temp_name(&entry.file_name()) {
            fs::remove_file(entry.path()).map_err(|e| Error::storage(&e))?;
            removed += 1;
        }
    }
    if removed > 0 {
        sync_dir(dir)?;
    }
    Ok(removed)
}

/// Whether a file name is one of our temp files.
pub fn is_temp_name(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with(TEMP_PREFIX))
}

fn open_new(path: &PathBuf) -> Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| Error::storage(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_atomic(dir.path(), "a.age", b"first").expect("write");
        write_atomic(dir.path(), "a.age", b"second version").expect("write");
        assert_eq!(
            fs::read(dir.path().join("a.age")).expect("read"),
            b"second version"
        );
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn failure_part_way_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_atomic(dir.path(), "a.age", b"old").expect("write");
        for n in [0, 1, 5, 100] {
            let w = FailAfter {
                n,
                kind: io::ErrorKind::StorageFull,
            };
            let err = write_atomic_with(&w, dir.path(), "a.age", b"a much newer version")
                .expect_err("must fail");
            assert!(err.to_string().starts_with("The disk is full"), "{err}");
            assert_eq!(fs::read(dir.path().join("a.age")).expect("read"), b"old");
            assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
        }
    }

    #[test]
    fn a_write_alongside_that_fails_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_atomic(dir.path(), "a.age", b"old").expect("write");
        let err = write_atomic_alongside(&PlainWriter, dir.path(), "a.age", b"new", || {
            Err(Error::Storage("the index refused".into()))
        })
        .expect_err("must fail");
        assert_eq!(err.to_string(), "the index refused");
        assert_eq!(fs::read(dir.path().join("a.age")).expect("read"), b"old");
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
        let w = FailAfter {
            n: 1,
            kind: io::ErrorKind::StorageFull,
        };
        let mut ran = false;
        write_atomic_alongside(&w, dir.path(), "a.age", b"new", || {
            ran = true;
            Ok(())
        })
        .expect_err("must fail");
        assert!(ran);
        assert_eq!(fs::read(dir.path().join("a.age")).expect("read"), b"old");
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
        write_atomic_alongside(&PlainWriter, dir.path(), "a.age", b"new", || Ok(()))
            .expect("write");
        assert_eq!(fs::read(dir.path().join("a.age")).expect("read"), b"new");
    }
}
