// The one wording of passphrase strength, shared by the first-run and settings screens.
import { t } from './i18n';
import type { Strength } from './ipc';

export const MIN_PASSPHRASE_CHARS = 12;

/** What to say under a passphrase field, given the core's verdict (null while it is asked). */
export function strengthMessage(passphrase: string, strength: Strength | null): string {
  if (passphrase.length === 0) return '';
  if (passphrase.length < MIN_PASSPHRASE_CHARS) return t('strength-too-short', { min: MIN_PASSPHRASE_CHARS });
  if (!strength) return '';
  if (!strength.acceptable) return t('strength-weak');
  return strength.score >= 4 ? t('strength-strong') : t('strength-okay');
}

/** True when the core accepts the passphrase. */
export const strongEnough = (passphrase: string, strength: Strength | null): boolean =>
  passphrase.length >= MIN_PASSPHRASE_CHARS && !!strength?.acceptable;
