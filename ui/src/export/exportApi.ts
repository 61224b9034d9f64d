// Commands for exporting a consented copy and opening one (issue 6). No path ever goes from
// here to Rust: the save and open dialogs are native ones that Rust opens itself.
import { call } from '../lib/ipc';
import type { DisclosureView } from '../lib/lifecycleApi';

export type ShareState = 'active' | 'expired' | 'withdrawn';

export interface ShareChoice {
  id: string;
  role: string;
  team: string;
  purpose: string;
  status: ShareState;
  hasKey: boolean;
  expiresAt: string | null;
}

/** One copy shared: the same record the map page's consent view carries. */
export type ExportDisclosure = DisclosureView;

export interface ExportStatus {
  isDraft: boolean;
  shares: ShareChoice[];
  disclosures: ExportDisclosure[];
  lastSharedAt: string | null;
  changedSinceLastShared: boolean;
}

export interface Choice {
  id: string;
  label: string;
  excluded: boolean;
}

export interface Preview {
  /** Every page of the copy (data:image/png;base64,…), laid out by the same code as the PDF. */
  pages: string[];
  people: Choice[];
  notes: Choice[];
  destroyBy: string;
  hasKey: boolean;
}

export interface Exclusions {
  tokenIds: string[];
  noteIds: string[];
}

export type Protection = 'recipient' | 'passphrase';

export interface Exported {
  cancelled: boolean;
  /** The generated passphrase, word by word: shown once, never stored anywhere. */
  words: string[] | null;
  sha256: string | null;
  recordCompleted: boolean;
}

export type OpenOutcome = 'picked' | 'saved' | 'not_saved';

export const exportStatus = (id: string) => call<ExportStatus>('export_status', { id });

export const exportPreview = (id: string, shareId: string, excluded: Exclusions) =>
  call<Preview>('export_preview', { id, shareId, excluded });

export const exportShare = (id: string, shareId: string, excluded: Exclusions, protection: Protection) =>
  call<Exported>('export_share', { id, shareId, excluded, protection });

/** The young person's own copy (a PDF to take away); false if the dialog was closed. */
export const saveOwnCopy = (id: string, excluded: Exclusions = { tokenIds: [], noteIds: [] }) =>
  call<boolean>('save_own_copy', { id, excluded });

/** The receiving public key, or null if there is none (and `create` is false). */
export const receivingKey = (create: boolean) => call<string | null>('receiving_key', { create });

/** Pick a received copy, open it with the receiving key (no passphrase) or the words, save the PDF. */
export const openSharedCopy = (passphrase: string | null) =>
  call<{ outcome: OpenOutcome }>('open_shared_copy', { passphrase });

/** Active shares only: the only ones a copy can go to. */
export function activeShares(status: ExportStatus): ShareChoice[] {
  return status.shares.filter((s) => s.status === 'active');
}

/** Groups a long key into blocks of 8 so it can be read out or checked by eye. */
export function keyBlocks(key: string): string[] {
  return key.match(/.{1,8}/g) ?? [];
}
