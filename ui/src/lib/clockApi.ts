// The clock commands, as the screens call them. Whether the clock is in doubt, and how many
// maps an answer would destroy, come computed from the core (ClockCheck); nothing here does
// date arithmetic.
import * as commands from '$bindings/commands';

export type { ClockCheck } from '$bindings/ClockCheck';
export type { ClockCorrected } from '$bindings/ClockCorrected';
export type { SweepReport } from '$bindings/SweepReport';

/** Whether the clock can be believed (works locked too, from what the vault shows in clear). */
export const clockCheck = () => commands.clockCheck();
/** "Yes, the date is right": trust it and destroy what is due now. */
export const confirmClock = () => commands.confirmClock();
/** "The clock was wrong": bring Peer Map's date back to the clock, with the passphrase. */
export const correctClock = (passphrase: string) => commands.correctClock({ passphrase });

/** How often the open app asks the core whether the clock has jumped (also on focus). */
export const CLOCK_POLL_MS = 60_000;
