//! Faults while saving: a writer that fails part way (swept over every cut point), a read-only
//! folder, a full disk. Each time: the previous version is intact, the error is plain and no
//! temp file remains.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use peermap_core::atomic::FailAfter;
use peermap_core::document::MapDocument;
use peermap_core::vault::Vault;
use peermap_core::{Error, ErrorCode};

fn assert_previous_intact(vault: &Vault, dir: &Path, before: &MapDocument, file_before: &[u8]) {
    assert_eq!(fs::read(map_file(dir, before.id)).unwrap(), file_before);
    assert!(vault.open_map(before.id).unwrap() == *before);
    assert!(
        temp_files(dir).is_empty(),
        "temp file left: {:?}",
        temp_files(dir)
    );
}

#[test]
fn writer_failing_after_n_bytes_keeps_the_previous_version() {
    let (dir, mut vault) = fresh_vault();
    let mut v1 = vault
        .create_map("Sweep", "Purpose", now(), later(9))
        .unwrap();
    with_tokens(&mut v1, 30);
    vault.save_map(&v1, now()).unwrap();
    let file_v1 = fs::read(map_file(dir.path(), v1.id)).unwrap();
    let mut v2 = v1.clone();
    with_tokens(&mut v2, 100);
    v2.label = "Sweep two".into();

    // The size the new file will have: save once into a scratch vault copy is overkill; age's
    // overhead is small and fixed, so sweep past the plaintext length.
    let len = v2.to_json().unwrap().len() + 512;
    let mut cut_points: Vec<usize> = (0..len).step_by(97).collect();
    cut_points.extend([0, 1, 2, 21, 22, 100, 200, len]);
    for (i, n) in cut_points.into_iter().enumerate() {
        let kind = if i % 2 == 0 {
            ErrorKind::StorageFull
        } else {
            ErrorKind::Other
        };
        vault.set_byte_writer(Box::new(FailAfter { n, kind }));
        let err = vault.save_map(&v2, now()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Storage, "n={n}");
        if kind == ErrorKind::StorageFull {
            assert!(err.to_string().starts_with("The disk is full"), "{err}");
        }
        assert_previous_intact(&vault, dir.path(), &v1, &file_v1);
    }
    // The list still shows the saved label, not the failed one.
    assert_eq!(vault.list_maps(now()).unwrap()[0].label, "Sweep");
    // With a working writer the save goes through.
    vault.set_byte_writer(Box::new(peermap_core::atomic::PlainWriter));
    vault.save_map(&v2, now()).unwrap();
    assert!(vault.open_map(v2.id).unwrap() == v2);
    assert_eq!(vault.list_maps(now()).unwrap()[0].label, "Sweep two");
}

/// A mount made for the test, removed on drop.
struct Mount(PathBuf);
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn run(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn can_write(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = fs::write(&probe, b"x").is_ok();
    let _ = fs::remove_file(&probe);
    ok
}

/// Make `dir` read-only in a way that also binds root: a read-only bind mount of itself;
/// failing that, the immutable attribute; failing that, permissions (enough when not root).
/// Returns a guard that undoes it, or `None` with the reason.
fn make_read_only(dir: &Path) -> Result<Box<dyn std::any::Any>, String> {
    let d = dir.to_str().unwrap();
    if run("mount", &["--bind", d, d]) {
        let guard = Mount(dir.to_path_buf());
        if run("mount", &["-o", "remount,bind,ro", d]) && !can_write(dir) {
            println!("read-only by a read-only bind mount");
            return Ok(Box::new(guard));
        }
        drop(guard);
    }
    struct Immutable(PathBuf);
    impl Drop for Immutable {
        fn drop(&mut self) {
            let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        }
    }
    if run("chattr", &["+i", d]) {
        let guard = Immutable(dir.to_path_buf());
        if !can_write(dir) {
            println!("read-only by chattr +i");
            return Ok(Box::new(guard));
        }
    }
    struct Mode(PathBuf);
    impl Drop for Mode {
        fn drop(&mut self) {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o700));
        }
    }
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
        let guard = Mode(dir.to_path_buf());
        if !can_write(dir) {
            return Ok(Box::new(guard));
        }
    }
    Err("cannot make a folder read-only here (no mount, chattr or permissions)".into())
}

#[test]
fn read_only_folder_keeps_the_previous_version() {
    let (dir, mut vault) = fresh_vault();
    let mut v1 = vault
        .create_map("Readonly", "Purpose", now(), later(9))
        .unwrap();
    with_tokens(&mut v1, 10);
    vault.save_map(&v1, now()).unwrap();
    let file_v1 = fs::read(map_file(dir.path(), v1.id)).unwrap();
    let mut v2 = v1.clone();
    with_tokens(&mut v2, 50);

    let guard = match make_read_only(&dir.path().join("maps")) {
        Ok(g) => g,
        Err(reason) => {
            println!("SKIPPED read-only folder test: {reason}");
            return;
        }
    };
    let err = vault.save_map(&v2, now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Storage);
    assert!(err.to_string().contains("not allowed to write"), "{err}");
    assert!(matches!(
        vault.create_map("Another", "Purpose", now(), later(9)),
        Err(Error::Storage(_))
    ));
    assert_previous_intact(&vault, dir.path(), &v1, &file_v1);
    drop(guard);
    vault.save_map(&v2, now()).unwrap();
    assert!(vault.open_map(v1.id).unwrap() == v2);
    // The map whose file could not be written left no row behind.
    assert_eq!(vault.list_maps(now()).unwrap().len(), 1);
}

#[test]
fn full_disk_keeps_the_previous_version() {
    let mount_point = tempfile::tempdir().unwrap();
    let mp = mount_point.path().to_str().unwrap();
    if !run(
        "mount",
        &["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", mp],
    ) {
        println!("SKIPPED full-disk test: cannot mount a small tmpfs (needs root)");
        return;
    }
    let _mount = Mount(mount_point.path().to_path_buf());
    let dir = mount_point.path().join("data");
    let mut vault = Vault::create(&dir, &passphrase(), now()).unwrap();
    let mut v1 = vault
        .create_map("Full", "Purpose", now(), later(9))
        .unwrap();
    with_tokens(&mut v1, 20);
    vault.save_map(&v1, now()).unwrap();
    let file_v1 = fs::read(map_file(&dir, v1.id)).unwrap();
    let mut v2 = v1.clone();
    with_tokens(&mut v2, 200);
    v2.label = "Full two".into();

    // Fill the disk to the last byte.
    let filler_path = mount_point.path().join("filler");
    let mut filler = fs::File::create(&filler_path).unwrap();
    let block = vec![0u8; 4096];
    loop {
        match filler.write(&block) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
    while filler.write(&block[..1]).is_ok_and(|n| n > 0) {}
    drop(filler);

    let err = vault.save_map(&v2, now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Storage);
    assert!(err.to_string().starts_with("The disk is full"), "{err}");
    assert_previous_intact(&vault, &dir, &v1, &file_v1);
    assert_eq!(vault.list_maps(now()).unwrap()[0].label, "Full");

    // Space freed: saving works again.
    fs::remove_file(&filler_path).unwrap();
    vault.save_map(&v2, now()).unwrap();
    assert!(vault.open_map(v1.id).unwrap() == v2);
    vault.lock();
}
