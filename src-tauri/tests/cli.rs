//! The headless commands on the real binary: `peermap sweep` and `peermap status` need no
//! passphrase and no display, print counts only, and fail clearly on a folder with no vault.
//! The clock is moved with libfaketime (Debian package `faketime`), as a scheduled task on a
//! future date would see it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FAKETIME_LIB: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
const SHORT: &str = "321145fa-32ee-4d19-a773-77c4e80a6f8c";
const LONG: &str = "fc6a8f94-f098-4d89-a7cf-a8699dfdb6d0";

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);
impl TempDir {
    fn path(&self) -> &Path {
        &self.0
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
mod tempfile {
    pub fn tempdir() -> std::io::Result<super::TempDir> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "peermap-cli-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir)?;
        Ok(super::TempDir(dir))
    }
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/vault-v1")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Run `peermap args…` with no display, optionally at a faked date.
fn peermap(args: &[&str], fake_date: Option<&str>, env_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_peermap"));
    cmd.args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("PEERMAP_DATA_DIR");
    if let Some(dir) = env_dir {
        cmd.env("PEERMAP_DATA_DIR", dir);
    }
    if let Some(date) = fake_date {
        cmd.env("LD_PRELOAD", FAKETIME_LIB).env("FAKETIME", date);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn faketime_available() -> bool {
    let ok = Path::new(FAKETIME_LIB).exists();
    if !ok {
        eprintln!("SKIPPED: libfaketime is not installed (Debian package faketime)");
    }
    ok
}

#[test]
fn sweep_under_faketime_removes_only_the_map_due_before_2030() {
    if !faketime_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    copy_dir(&fixture(), &dir);
    let d = dir.to_str().unwrap();
    // A monthly scheduled sweep from the fixture's last session to the dates below: a clock
    // more than 45 days past the last one seen is not believed (see the next test).
    walk_clock(d, "2026-02-12", "2029-01-01");

    let status = peermap(
        &["status", "--data-dir", d],
        Some("@2029-01-01 00:00:00"),
        None,
    );
    assert!(status.status.success(), "{status:?}");
    let text = stdout(&status);
    assert!(text.contains("maps held: 2"), "{text}");
    assert!(
        text.contains("next destruction: 2029-06-30T00:00:00Z"),
        "{text}"
    );
    assert!(text.contains("maps due within 30 days: 0"), "{text}");
    assert!(text.contains("retention_expired: 0"), "{text}");
    assert!(!text.contains("Golden"), "status must not print labels");

    walk_clock(d, "2029-01-01", "2029-05-15");
    // Before the date: nothing.
    let early = peermap(
        &["sweep", "--data-dir", d],
        Some("@2029-06-01 00:00:00"),
        None,
    );
    assert!(early.status.success());
    assert_eq!(stdout(&early).trim(), "0 expired maps destroyed");

    let swept = peermap(
        &["sweep", "--data-dir", d],
        Some("@2029-07-10 10:00:00"),
        None,
    );
    assert!(swept.status.success(), "{swept:?}");
    assert_eq!(stdout(&swept).trim(), "1 expired map destroyed");
    assert!(!dir.join("maps").join(format!("{SHORT}.age")).exists());
    assert!(dir.join("maps").join(format!("{LONG}.age")).exists());

    // Idempotent; and once 2030 has been seen, a clock set back does not resurrect anything.
    let again = peermap(
        &["sweep", "--data-dir", d],
        Some("@2026-01-01 00:00:00"),
        None,
    );
    assert_eq!(stdout(&again).trim(), "0 expired maps destroyed");
    let status = stdout(&peermap(
        &["status", "--data-dir", d],
        Some("@2026-01-01 00:00:00"),
        None,
    ));
    assert!(status.contains("maps held: 1"), "{status}");
    assert!(
        status.contains("next destruction: 2091-03-01T00:00:00Z"),
        "{status}"
    );
    assert!(status.contains("retention_expired: 1"), "{status}");

    // The fixture itself is untouched.
    assert!(fixture().join("maps").join(format!("{SHORT}.age")).exists());
}

/// Run `peermap sweep` every 30 days from `from` (YYYY-MM-DD) up to `to`, as a monthly
/// scheduled task would, so the vault has seen a date close to `to`.
fn walk_clock(d: &str, from: &str, to: &str) {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let mut day = time::Date::parse(from, &fmt).unwrap();
    let to = time::Date::parse(to, &fmt).unwrap();
    while day <= to {
        let date = format!("@{} 12:00:00", day.format(&fmt).unwrap());
        let out = peermap(&["sweep", "--data-dir", d], Some(&date), None);
        assert!(out.status.success(), "{date}: {out:?}");
        day += time::Duration::days(30);
    }
    let date = format!("@{} 00:00:00", to.format(&fmt).unwrap());
    let out = peermap(&["sweep", "--data-dir", d], Some(&date), None);
    assert!(out.status.success(), "{date}: {out:?}");
}

#[test]
fn a_clock_thirty_years_ahead_destroys_no_kept_map_and_does_not_date_the_vault() {
    if !faketime_available() || !Path::new("/usr/bin/faketime").exists() {
        eprintln!("SKIPPED: the faketime command is not installed (Debian package faketime)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    copy_dir(&fixture(), &dir);
    let d = dir.to_str().unwrap();
    // The vault is swept every month up to today, as scheduled.
    let today = time::OffsetDateTime::now_utc().date();
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    walk_clock(d, "2026-02-12", &today.format(&fmt).unwrap());

    let jumped = Command::new("faketime")
        .args([
            "+30 years",
            env!("CARGO_BIN_EXE_peermap"),
            "sweep",
            "--data-dir",
            d,
        ])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("PEERMAP_DATA_DIR")
        .output()
        .unwrap();
    assert_eq!(jumped.status.code(), Some(5), "{jumped:?}");
    assert_eq!(
        stdout(&jumped).lines().next(),
        Some("0 expired maps destroyed"),
        "{jumped:?}"
    );
    let err = String::from_utf8_lossy(&jumped.stderr);
    assert!(
        err.contains(
            "much later than Peer Map last saw. Nothing kept was destroyed. Check the clock."
        ),
        "{err}"
    );
    assert!(!err.contains(d), "no paths in messages");
    // While the clock is still wrong, `status` says why nothing kept was destroyed.
    let status = Command::new("faketime")
        .args([
            "+30 years",
            env!("CARGO_BIN_EXE_peermap"),
            "status",
            "--data-dir",
            d,
        ])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("PEERMAP_DATA_DIR")
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert!(stdout(&status).contains("maps held: 2"), "{status:?}");
    let err = String::from_utf8_lossy(&status.stderr);
    assert!(
        err.contains("Nothing kept was destroyed. Check the clock."),
        "{err}"
    );

    // Back at the real date: an ordinary sweep, nothing destroyed, both maps still there.
    let real = peermap(&["sweep", "--data-dir", d], None, None);
    assert_eq!(real.status.code(), Some(0), "{real:?}");
    assert_eq!(stdout(&real).trim(), "0 expired maps destroyed");
    let status = peermap(&["status", "--data-dir", d], None, None);
    assert!(status.status.success(), "{status:?}");
    assert!(stdout(&status).contains("maps held: 2"), "{status:?}");
    assert!(status.stderr.is_empty(), "{status:?}");

    // Every kept map still opens, and the vault has not been dated from the future.
    let now = time::OffsetDateTime::now_utc();
    let index = peermap_core::index::Index::open(&dir.join("index.sqlite3")).unwrap();
    let seen = index.latest_seen().unwrap().unwrap();
    assert!(seen <= now, "latest_seen {seen} is in the future");
    drop(index);
    let pass = std::fs::read_to_string(fixture().join("PASSPHRASE")).unwrap();
    let pass = secrecy::SecretString::from(pass.trim().to_owned());
    let mut vault = peermap_core::vault::Vault::unlock(&dir, &pass, now).unwrap();
    for id in [SHORT, LONG] {
        vault.open_map(uuid::Uuid::parse_str(id).unwrap()).unwrap();
    }
    // Nothing to ask about at the real date, and a new map gets the real date.
    assert!(!vault.clock_check(now).unwrap().suspect);
    let until = now + time::Duration::days(30);
    let made = vault.create_map("New", "P", now, until).unwrap().id;
    let listed = vault.list_maps(now).unwrap();
    let new = listed.iter().find(|m| m.id == made).unwrap();
    assert_eq!((new.created_at, new.retain_until), (now, until));
}

#[test]
fn data_dir_flag_wins_over_the_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    copy_dir(&fixture(), &dir);
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    // Environment alone.
    let out = peermap(&["status"], None, Some(&dir));
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("maps held: 2"));
    // The flag overrides it.
    let out = peermap(
        &["status", "--data-dir", empty.to_str().unwrap()],
        None,
        Some(&dir),
    );
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn a_folder_without_a_vault_or_with_a_newer_index_fails_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    for cmd in ["sweep", "status"] {
        let out = peermap(
            &[cmd, "--data-dir", tmp.path().to_str().unwrap()],
            None,
            None,
        );
        assert_eq!(out.status.code(), Some(3), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no Peer Map vault"), "{err}");
        assert!(
            !err.contains(tmp.path().to_str().unwrap()),
            "no paths in messages"
        );
    }
    let dir = tmp.path().join("vault");
    copy_dir(&fixture(), &dir);
    let conn = rusqlite_free_bump(&dir);
    assert!(conn, "could not mark the index as newer");
    let out = peermap(&["sweep", "--data-dir", dir.to_str().unwrap()], None, None);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer version"));
    let out = peermap(&["sweep", "--bogus"], None, None);
    assert_eq!(out.status.code(), Some(2));
}

/// Mark the index as written by a newer schema with the `sqlite3` tool if present, else by
/// patching `user_version` in the database header (offset 60, big-endian).
fn rusqlite_free_bump(dir: &Path) -> bool {
    let db = dir.join("index.sqlite3");
    let mut bytes = std::fs::read(&db).unwrap();
    if bytes.len() < 100 {
        return false;
    }
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&db, bytes).unwrap();
    true
}

#[test]
fn an_empty_index_makes_sweep_and_status_fail_and_deletes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    copy_dir(&fixture(), &dir);
    std::fs::write(dir.join("index.sqlite3"), b"").unwrap();
    for cmd in ["sweep", "status"] {
        let out = peermap(&[cmd, "--data-dir", dir.to_str().unwrap()], None, None);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Nothing was deleted"), "{err}");
        assert!(!err.contains(dir.to_str().unwrap()), "no paths in messages");
    }
    for id in [SHORT, LONG] {
        assert!(dir.join("maps").join(format!("{id}.age")).exists());
    }
    assert_eq!(
        std::fs::metadata(dir.join("index.sqlite3")).unwrap().len(),
        0
    );
}

#[test]
fn sweep_while_the_app_is_open_exits_6_and_destroys_nothing_though_a_map_is_due() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    // A vault whose one draft expired three days ago; the vault last saw the clock ten days
    // ago, so the real clock is believed and the draft is due now.
    let now = time::OffsetDateTime::now_utc();
    let pass = secrecy::SecretString::from("correct horse battery staple".to_owned());
    let mut vault =
        peermap_core::vault::Vault::create(&dir, &pass, now - time::Duration::days(10)).unwrap();
    let doc = vault
        .create_map(
            "Due",
            "To see who helps.",
            now - time::Duration::days(10),
            now - time::Duration::days(3),
        )
        .unwrap();
    vault.lock();
    let file = dir.join("maps").join(format!("{}.age", doc.id));
    let d = dir.to_str().unwrap();

    // The app is open on the folder: it holds the lock for as long as its App lives.
    let app = peermap_core::app::App::new(dir.clone()).unwrap();
    let refused = peermap(&["sweep", "--data-dir", d], None, None);
    assert_eq!(refused.status.code(), Some(6), "{refused:?}");
    assert_eq!(
        stdout(&refused).trim(),
        "Peer Map is open on this computer. It destroys expired maps itself while it runs, so \
         this sweep did nothing."
    );
    assert!(
        file.exists(),
        "the sweep destroyed a map under the open app"
    );
    // status only reads, so it works while the app is open.
    let status = peermap(&["status", "--data-dir", d], None, None);
    assert!(status.status.success(), "{status:?}");
    assert!(stdout(&status).contains("maps held: 1"), "{status:?}");

    // Once the app has closed, the same sweep destroys the map.
    drop(app);
    let swept = peermap(&["sweep", "--data-dir", d], None, None);
    assert_eq!(swept.status.code(), Some(0), "{swept:?}");
    assert_eq!(stdout(&swept).trim(), "1 expired map destroyed");
    assert!(!file.exists());
}
