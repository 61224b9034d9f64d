//! Commands about the clock: whether to ask the practitioner about it, their answer, and
//! "The clock was wrong" (see `crate::vault` clock.rs for the rules).

use secrecy::SecretString;

use super::vault_cmds::{counting_misses, PassphraseInput};
use super::{App, NoInput, Shell};

use crate::vault::{self, ClockCheck, ClockCorrected, SweepReport, VaultStatus};
use crate::{Error, Result};

/// Whether the clock is suspect. Unlocked, from the later of the clear and sealed latest seen
/// instants; locked, from the clear one (what the unlock screen can say before the passphrase).
pub fn clock_check(app: &App, _: &dyn Shell, _: NoInput) -> Result<ClockCheck> {
    let now = app.now();
    if let Some(check) = app.if_unlocked(|v| v.clock_check(now))? {
        return check;
    }
    if vault::vault_status(app.data_dir())? == VaultStatus::Absent {
        return Err(Error::NoVault);
    }
    let index = vault::open_index_locked(app.data_dir())?;
    vault::clock_check_locked(&index, now)
}

/// "Yes, the date is right": trust the clock, log it, and destroy what is due by it now.
pub fn confirm_clock(app: &App, _: &dyn Shell, _: NoInput) -> Result<SweepReport> {
    let now = app.now();
    app.with_vault(|v| v.confirm_clock(now))
}

/// "The clock was wrong": lower the latest seen instant to the clock, with the passphrase.
/// A wrong passphrase waits like a failed unlock, on the same count (see [`counting_misses`]).
pub fn correct_clock(app: &App, _: &dyn Shell, input: PassphraseInput) -> Result<ClockCorrected> {
    let passphrase = SecretString::from(input.passphrase);
    counting_misses(app, || {
        let now = app.now();
        app.with_vault(|v| v.correct_clock(&passphrase, now))
    })
}
