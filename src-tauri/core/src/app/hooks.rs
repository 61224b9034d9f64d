//! Hooks for the core's own tests, compiled only with the `test-hooks` feature (which the app
//! never enables). Not for the app.

use super::App;
use crate::vault::Vault;
use crate::Result;

impl App {
    /// Make `vault`, already unlocked, the app's open vault (locking any other first), as a
    /// successful `unlock` command would. The crash tests unlock with the raw identity
    /// ([`Vault::unlock_with_identity`]) so hundreds of child processes do not each spend a
    /// scrypt derivation, then drive the real commands through [`super::dispatch`].
    #[doc(hidden)]
    pub fn adopt_unlocked_vault(&self, vault: Vault) -> Result<()> {
        self.set_vault(Some(vault))
    }
}
