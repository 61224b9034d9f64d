//! Destruction without anyone opening a map: one sweep before the window opens, so before
//! any unlock, then one every hour while the app runs (docs/DESIGN.md, "Retention").
//!
//! While the vault is locked the sweep works on the clear retention dates alone and never holds
//! the vault mutex (an unlock must not wait behind it). While it is unlocked it goes through the
//! open [`Vault`](peermap_core::vault::Vault) so the encrypted list catalogue stays valid.
//! Logs carry counts and event codes only.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use peermap_core::app::App;
use peermap_core::vault::{self, SweepReport};
use peermap_core::Result;

/// How often the running app sweeps.
pub const INTERVAL: Duration = Duration::from_secs(60 * 60);

/// How often the sweep thread wakes to check the wall clock. A monotonic sleep of an hour
/// would not count time spent suspended, so a laptop that sleeps all day would never sweep.
const TICK: Duration = Duration::from_secs(60);

/// The sweep before the window opens. Never stops the app: a failure is logged as a code.
pub fn at_startup(dir: &Path) {
    log(vault::destroy_expired(dir, time::OffsetDateTime::now_utc()));
}

/// Start the hourly sweep thread.
pub fn start_hourly(app: Arc<App>) {
    let spawned = std::thread::Builder::new()
        .name("peermap-sweep".into())
        .spawn(move || {
            let mut last = SystemTime::now();
            loop {
                std::thread::sleep(TICK);
                let wall = SystemTime::now();
                // Due after an hour of wall-clock time, or at once if the clock went backwards.
                let due = wall
                    .duration_since(last)
                    .map_or(true, |gone| gone >= INTERVAL);
                if due {
                    last = wall;
                    log(sweep_once(&app));
                }
            }
        });
    if spawned.is_err() {
        eprintln!("peermap: sweep_thread_failed");
    }
}

/// One sweep: through the open vault if unlocked, else locked on the folder.
pub(crate) fn sweep_once(app: &App) -> Result<SweepReport> {
    let now = app.now();
    if let Some(report) = app.if_unlocked(|vault| vault.sweep(now))? {
        return report;
    }
    // The lock is released here: the locked sweep below must not block an unlock.
    let report = vault::destroy_expired(app.data_dir(), now)?;
    if report.destroyed > 0 {
        // An unlock may have finished while we swept, reading the catalogue we dropped:
        // bring its in-memory list back in step with the rows.
        let _ = app.if_unlocked(|vault| vault.reconcile().map(drop));
    }
    Ok(report)
}

fn log(result: Result<SweepReport>) {
    match result {
        Ok(r) if r.destroyed > 0 || r.leftover_files_removed > 0 => eprintln!(
            "peermap: sweep destroyed={} leftovers_removed={}",
            r.destroyed, r.leftover_files_removed
        ),
        Ok(r) if r.clock_suspect => eprintln!(
            "peermap: sweep clock_suspect held={} destroyed={}",
            r.held, r.destroyed
        ),
        Ok(_) => {}
        Err(err) => eprintln!("peermap: sweep_failed code={:?}", err.code()),
    }
}
