//! Headless entry points on the same binary. They never touch GTK, so they work from cron,
//! a systemd timer or a terminal with no display.

use std::path::PathBuf;

use peermap_core::clock::{Clock, SystemClock};
use peermap_core::vault::{self, VaultCounts, VaultStatus, DESTROY_REASONS};
use peermap_core::Error;
use time::OffsetDateTime;

pub use peermap_core::cli_args::{parse, Invocation};

const USAGE: &str = "\
Usage: peermap [COMMAND]

With no command, opens the Peer Map window.

Commands:
  sweep [--data-dir DIR]    destroy every map whose retention date has passed, without a
                            passphrase or a display; prints how many were destroyed
  status [--data-dir DIR]   print counts only: maps held, the next destruction date, maps due
                            within 30 days, and destroyed maps by reason
  --version                 print the version and exit
  --help                    print this help and exit

Options:
  --data-dir DIR     use this folder for the vault (overrides PEERMAP_DATA_DIR)

Environment:
  PEERMAP_DATA_DIR   use this folder for the vault instead of the usual app-data folder

Exit status: 0 done; 1 the vault could not be read or changed; 2 bad command line;
3 no vault in the folder; 4 the vault was written by a newer Peer Map; 5 (sweep) the
computer's clock is much later than Peer Map last saw, so nothing kept was destroyed;
6 (sweep) Peer Map is open on this folder and sweeps it itself, so nothing was done.
";

/// Exit codes of `sweep` and `status` (documented in docs/SCHEDULING.md).
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_NO_VAULT: i32 = 3;
pub const EXIT_TOO_NEW: i32 = 4;
/// `sweep` only: the clock is more than `CLOCK_JUMP_LIMIT` past the latest instant the vault
/// has seen, so only maps already due then were destroyed. Check the clock.
pub const EXIT_CLOCK_SUSPECT: i32 = 5;
/// `sweep` only: the app is open on this data folder (it holds the folder's
/// [`VaultLock`](peermap_core::lock::VaultLock); so may another sweep still running), so this
/// sweep did nothing. The app sweeps at start and every hour itself.
pub const EXIT_APP_OPEN: i32 = 6;

/// What `sweep` prints when the app holds the lock.
const APP_OPEN_MESSAGE: &str = "Peer Map is open on this computer. It destroys expired maps \
     itself while it runs, so this sweep did nothing.";

/// What a headless command printed, and how it exits when it did not fail.
#[derive(Debug)]
pub struct Outcome {
    /// Lines for standard output (counts only).
    pub lines: Vec<String>,
    /// A warning for standard error, if any.
    pub warning: Option<String>,
    /// The exit code.
    pub code: i32,
}

impl Outcome {
    fn ok(lines: Vec<String>) -> Outcome {
        Outcome {
            lines,
            warning: None,
            code: 0,
        }
    }
}

/// The plain message for a suspect clock. Only the year: no content, no path.
fn clock_message(now: OffsetDateTime) -> String {
    format!(
        "The computer's clock says {}, much later than Peer Map last saw. Nothing kept was \
         destroyed. Check the clock.",
        now.year()
    )
}

/// Runs a headless invocation and returns the process exit code.
pub fn run_headless(inv: Invocation) -> i32 {
    match inv {
        Invocation::Version => {
            println!("peermap {}", peermap_core::APP_VERSION);
            0
        }
        Invocation::Help => {
            print!("{USAGE}");
            0
        }
        Invocation::Sweep(dir) => report(sweep(dir, SystemClock.now())),
        Invocation::Status(dir) => report(status(dir, SystemClock.now())),
        Invocation::BadOption(msg) => {
            eprintln!("peermap: {msg}\n\n{USAGE}");
            EXIT_USAGE
        }
        Invocation::Unknown(word) => {
            // Arguments are typed by the user, not map content, so echoing one is safe.
            eprintln!("peermap: unknown command '{word}'\n\n{USAGE}");
            EXIT_USAGE
        }
        Invocation::Window => 0,
    }
}

/// Print the result's lines (or its error) and return the exit code.
fn report(result: Result<Outcome, Error>) -> i32 {
    match result {
        Ok(outcome) => {
            for line in outcome.lines {
                println!("{line}");
            }
            if let Some(warning) = outcome.warning {
                eprintln!("peermap: {warning}");
            }
            outcome.code
        }
        // Core messages are plain sentences with no paths or content.
        Err(Error::NoVault) => {
            eprintln!(
                "peermap: there is no Peer Map vault in that data folder, so nothing was done. \
                 Check --data-dir or PEERMAP_DATA_DIR."
            );
            EXIT_NO_VAULT
        }
        Err(err) => {
            eprintln!("peermap: {err}");
            match err {
                Error::TooNew(_) => EXIT_TOO_NEW,
                _ => EXIT_FAILED,
            }
        }
    }
}

/// `--data-dir` wins over `PEERMAP_DATA_DIR`, which wins over the OS app-data folder.
fn resolve_dir(dir: Option<PathBuf>) -> Result<PathBuf, Error> {
    dir.or_else(peermap_core::paths::data_dir).ok_or_else(|| {
        Error::Storage(
            "No data folder could be found for this user. Use --data-dir or set \
             PEERMAP_DATA_DIR."
                .into(),
        )
    })
}

/// The folder must hold a vault: a scheduled sweep pointed at the wrong folder must fail
/// loudly, not report "0 destroyed" for ever.
fn require_vault(dir: &std::path::Path) -> Result<(), Error> {
    match vault::vault_status(dir)? {
        VaultStatus::Absent => Err(Error::NoVault),
        VaultStatus::Locked => Ok(()),
    }
}

/// Destroy what has expired, holding the folder's lock so the app is never swept under: a
/// sweep while the app is unlocked would drop the catalogue the app holds in memory, and its
/// next save would bring a destroyed map's label back.
pub fn sweep(dir: Option<PathBuf>, now: OffsetDateTime) -> Result<Outcome, Error> {
    use peermap_core::lock::{LockError, VaultLock};
    let dir = resolve_dir(dir)?;
    require_vault(&dir)?;
    let _lock = match VaultLock::try_acquire(&dir) {
        Ok(lock) => lock,
        Err(LockError::Held) => {
            return Ok(Outcome {
                lines: vec![APP_OPEN_MESSAGE.to_owned()],
                warning: None,
                code: EXIT_APP_OPEN,
            })
        }
        Err(LockError::Failed(err)) => return Err(err),
    };
    let report = vault::destroy_expired(&dir, now)?;
    let mut lines = vec![format!(
        "{} expired map{} destroyed",
        report.destroyed,
        if report.destroyed == 1 { "" } else { "s" }
    )];
    if report.leftover_files_removed > 0 {
        lines.push(format!(
            "{} unreadable file{} left by an interrupted deletion removed",
            report.leftover_files_removed,
            if report.leftover_files_removed == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    if !report.clock_suspect {
        return Ok(Outcome::ok(lines));
    }
    if report.held > 0 {
        lines.push(format!(
            "{} map{} kept because the clock is in doubt",
            report.held,
            if report.held == 1 { "" } else { "s" }
        ));
    }
    Ok(Outcome {
        lines,
        warning: Some(clock_message(now)),
        code: EXIT_CLOCK_SUSPECT,
    })
}

/// Counts only. Takes no lock, so it works while the app is open: it only reads clear columns
/// of the index (SQLite's own locking keeps each read consistent), records nothing (not even
/// the clock) and never touches the catalogue or a map file, so it cannot undo what the app
/// does.
pub fn status(dir: Option<PathBuf>, now: OffsetDateTime) -> Result<Outcome, Error> {
    let dir = resolve_dir(dir)?;
    require_vault(&dir)?;
    let counts = vault::vault_counts(&dir, now)?;
    let mut outcome = Outcome::ok(status_lines(&counts));
    if counts.clock_suspect {
        outcome.warning = Some(clock_message(now));
    }
    Ok(outcome)
}

fn status_lines(c: &VaultCounts) -> Vec<String> {
    let next = c
        .next_destruction
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "none".to_owned());
    let mut lines = vec![
        format!("maps held: {}", c.maps_held),
        format!("next destruction: {next}"),
        format!("maps due within 30 days: {}", c.due_within_30_days),
        "destroyed maps by reason:".to_owned(),
    ];
    for reason in DESTROY_REASONS {
        let n = c.tombstones.get(reason.as_str()).copied().unwrap_or(0);
        lines.push(format!("  {}: {n}", reason.as_str()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_and_help_are_headless() {
        assert_eq!(run_headless(Invocation::Version), 0);
    }

    #[test]
    fn unknown_words_fail_with_usage() {
        assert_eq!(run_headless(Invocation::Unknown("x".into())), 2);
    }

    #[test]
    fn a_bad_option_fails_with_usage() {
        assert_eq!(run_headless(Invocation::BadOption("x".into())), EXIT_USAGE);
    }

    #[test]
    fn an_empty_folder_is_not_a_vault() {
        let dir = std::env::temp_dir().join(format!("peermap-cli-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let now = OffsetDateTime::UNIX_EPOCH;
        assert!(matches!(sweep(Some(dir.clone()), now), Err(Error::NoVault)));
        assert!(matches!(
            status(Some(dir.clone()), now),
            Err(Error::NoVault)
        ));
        assert_eq!(report(Err(Error::NoVault)), EXIT_NO_VAULT);
        let _ = std::fs::remove_dir(&dir);
    }
}
