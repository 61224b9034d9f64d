//! Names and housekeeping of the files in the data folder.

use std::fs;
use std::io;
use std::path::Path;

use uuid::Uuid;

use super::MAP_EXT;
use crate::{Error, Result};

pub(super) fn map_file_name(id: Uuid) -> String {
    format!("{}.{MAP_EXT}", id.hyphenated())
}

pub(super) fn map_id_of(name: &std::ffi::OsStr) -> Option<Uuid> {
    let name = name.to_str()?;
    let stem = name.strip_suffix(".age")?;
    let id = Uuid::parse_str(stem).ok()?;
    (map_file_name(id) == name).then_some(id)
}

pub(super) fn has_map_files(maps_dir: &Path) -> Result<bool> {
    match fs::read_dir(maps_dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry.map_err(|e| Error::storage(&e))?;
                if map_id_of(&entry.file_name()).is_some() {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::storage(&e)),
    }
}

pub(super) fn make_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| Error::storage(&e))
}

/// Like [`remove_if_present`], saying whether there was a file.
pub(super) fn remove_if_exists(path: &Path) -> Result<bool> {
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::storage(&e)),
    }
}

pub(super) fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::storage(&e)),
    }
}

/// Move a map file that has no index row into `quarantine_dir` (made 0700 if missing), as
/// 0600, never overwriting: such a file may be the only copy of a map whose index was lost,
/// and a restored index makes it readable again. Returns the new path.
pub(super) fn quarantine(file: &Path, quarantine_dir: &Path) -> Result<std::path::PathBuf> {
    make_private_dir(quarantine_dir)?;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or(Error::Internal("quarantine-name"))?;
    let mut target = quarantine_dir.join(name);
    let mut n = 1;
    while target.exists() {
        target = quarantine_dir.join(format!("{name}.{n}"));
        n += 1;
    }
    fs::rename(file, &target).map_err(|e| Error::storage(&e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::storage(&e))?;
    }
    Ok(target)
}
