//! One test page's world: its own data folder and [`App`], its clock, what its native dialogs
//! answer, and the passphrase it last used successfully.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use peermap_core::app::{App, Ask, Shell};
use peermap_core::clock::Clock;
use time::{Duration, OffsetDateTime};

/// The passphrase of a vault made by `reset {vault: "locked"}` when none is given.
pub const DEFAULT_PASSPHRASE: &str = "correct horse battery staple";

/// Real time plus an offset the test chooses (`/control/clock`).
#[derive(Default)]
pub struct OffsetClock {
    seconds: AtomicI64,
}

impl OffsetClock {
    pub fn set_days(&self, days: i64) {
        self.seconds
            .store(days.saturating_mul(86_400), Ordering::SeqCst);
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + Duration::seconds(self.seconds.load(Ordering::SeqCst))
    }
}

/// What the next native dialogs answer (it stays until changed).
#[derive(Debug, Clone, Default)]
pub struct Dialog {
    /// False: the person closes the dialog.
    pub cancel: bool,
    /// The file "picked" in an open dialog.
    pub open: Option<PathBuf>,
}

/// A data folder with the app over it, and the folder saved copies go to.
pub struct Space {
    pub app: App,
    pub out: PathBuf,
    /// Removed when the space is replaced (or the bridge exits).
    _dir: tempfile::TempDir,
}

impl Space {
    /// A new, empty space under `root` (no vault yet).
    pub fn new(root: &Path, clock: Arc<OffsetClock>) -> std::io::Result<Space> {
        let dir = tempfile::Builder::new()
            .prefix("session-")
            .tempdir_in(root)?;
        let out = dir.path().join("out");
        std::fs::create_dir(&out)?;
        // Each space has its own folder, so its lock is never held by anyone else.
        let app = App::with_clock(dir.path().join("data"), clock)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(Space {
            app,
            out,
            _dir: dir,
        })
    }
}

/// A test page's session.
pub struct Session {
    pub clock: Arc<OffsetClock>,
    space: Mutex<Arc<Space>>,
    dialog: Mutex<Dialog>,
    /// The passphrase that last created, unlocked or was set on the vault.
    pub passphrase: Mutex<Option<String>>,
    /// Each successful `save_map`: the map's id and the instant it returned.
    pub saves: Mutex<Vec<(String, String)>>,
}

/// A poisoned lock only means another request of the test panicked; the data is still usable.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Session {
    pub fn new(root: &Path) -> std::io::Result<Session> {
        let clock = Arc::new(OffsetClock::default());
        let space = Space::new(root, Arc::clone(&clock))?;
        Ok(Session {
            clock,
            space: Mutex::new(Arc::new(space)),
            dialog: Mutex::new(Dialog::default()),
            passphrase: Mutex::new(None),
            saves: Mutex::new(Vec::new()),
        })
    }

    /// The current space (a request keeps it alive even if a reset replaces it meanwhile).
    pub fn space(&self) -> Arc<Space> {
        Arc::clone(&lock(&self.space))
    }

    /// Start again: a new space, real time, dialogs that choose, nothing remembered.
    pub fn replace(&self, space: Space, passphrase: Option<String>) {
        self.clock.set_days(0);
        *lock(&self.space) = Arc::new(space);
        *lock(&self.dialog) = Dialog::default();
        *lock(&self.passphrase) = passphrase;
        lock(&self.saves).clear();
    }

    pub fn set_dialog(&self, dialog: Dialog) {
        *lock(&self.dialog) = dialog;
    }

    /// The shell the commands of this session talk to.
    pub fn shell(&self, space: &Space) -> BridgeShell {
        BridgeShell {
            dialog: lock(&self.dialog).clone(),
            out: space.out.clone(),
        }
    }
}

/// The native dialogs, answered as the test said; reloading the page is the page's business.
pub struct BridgeShell {
    dialog: Dialog,
    out: PathBuf,
}

impl Shell for BridgeShell {
    fn ask_path(&self, ask: Ask) -> Option<PathBuf> {
        if self.dialog.cancel {
            return None;
        }
        match ask {
            Ask::SaveCopy(name) | Ask::SavePdf(name) => Some(self.out.join(name)),
            Ask::OpenCopy => self.dialog.open.clone(),
        }
    }

    fn reload(&self) -> peermap_core::Result<()> {
        Ok(())
    }
}

/// A shell for set-up done outside any page: every dialog is closed.
pub struct NoDialogs;

impl Shell for NoDialogs {
    fn ask_path(&self, _: Ask) -> Option<PathBuf> {
        None
    }

    fn reload(&self) -> peermap_core::Result<()> {
        Ok(())
    }
}
