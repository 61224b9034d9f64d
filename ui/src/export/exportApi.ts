// Commands for exporting a consented copy and opening one. No path ever goes from here to
// Rust: the save and open dialogs are native ones that Rust opens itself. Types are generated
// from the core (ui/bindings).
import * as commands from '$bindings/commands';
import type { Exclusions } from '$bindings/Exclusions';
import type { ExportStatus } from '$bindings/ExportStatus';
import type { ProtectionChoice } from '$bindings/ProtectionChoice';
import type { ShareChoice } from '$bindings/ShareChoice';

export type { Choice } from '$bindings/Choice';
export type { Exclusions } from '$bindings/Exclusions';
export type { Exported } from '$bindings/Exported';
export type { ExportStatus } from '$bindings/ExportStatus';
export type { OpenedOutcome as OpenOutcome } from '$bindings/OpenedOutcome';
export type { PreviewView as Preview } from '$bindings/PreviewView';
export type { ProtectionChoice as Protection } from '$bindings/ProtectionChoice';
export type { ShareChoice } from '$bindings/ShareChoice';
export type { ShareStatus as ShareState } from '$bindings/ShareStatus';
/** One copy shared: the same record the map page's consent view carries. */
export type { DisclosureView as ExportDisclosure } from '$bindings/DisclosureView';

export const exportStatus = (id: string) => commands.exportStatus({ id });

export const exportPreview = (id: string, shareId: string, excluded: Exclusions) =>
  commands.exportPreview({ id, shareId, excluded });

export const exportShare = (id: string, shareId: string, excluded: Exclusions, protection: ProtectionChoice) =>
  commands.exportShare({ id, shareId, excluded, protection });

/** The young person's own copy (a PDF to take away); false if the dialog was closed. */
export const saveOwnCopy = (id: string, excluded: Exclusions = { tokenIds: [], noteIds: [] }) =>
  commands.saveOwnCopy({ id, excluded });

/** The receiving public key, or null if there is none (and `create` is false). */
export const receivingKey = (create: boolean) => commands.receivingKey({ create });

/** Pick a received copy, open it with the receiving key (no passphrase) or the words, save the PDF. */
export const openSharedCopy = (passphrase: string | null) => commands.openSharedCopy({ passphrase });

/** Active shares only: the only ones a copy can go to. */
export function activeShares(status: ExportStatus): ShareChoice[] {
  return status.shares.filter((s) => s.status === 'active');
}

/** Groups a long key into blocks of 8 so it can be read out or checked by eye. */
export function keyBlocks(key: string): string[] {
  return key.match(/.{1,8}/g) ?? [];
}
