// How things look and how they are named in words. Colour is never the only cue: every
// person is also a shape and (usually) text, and these names are what screen readers say.
import palette from '$assets/palette.json';
import { t } from '../lib/i18n';
import { promptById, CUSTOM_PREFIX } from '../lib/prompts';
import type { Token, Ring } from '../lib/scene';

export const colourHex = (id: string) => palette.colours.find((c) => c.id === id)?.hex ?? '#999999';
export const colourInk = (id: string) => palette.colours.find((c) => c.id === id)?.ink ?? '#000000';
export const colourName = (id: string) => palette.colours.find((c) => c.id === id)?.name ?? id;
export const shapePath = (id: string) => palette.shapes.find((s) => s.id === id)?.path ?? palette.shapes[0]!.path;
export const shapeName = (id: string) => palette.shapes.find((s) => s.id === id)?.name ?? id;
export const kindName = (id: string) => palette.kinds.find((k) => k.id === id)?.name ?? id;

/** Soft tints for the rings, innermost (warmest) first. */
export const RING_FILLS = ['#fde4d0', '#fdeedd', '#f4f1e4', '#e9f2ee', '#e7eef6'];
/** Soft outline colours for groups. */
export const GROUP_TINTS = ['#0b6e6e', '#8a4bb0', '#b3541e', '#2f6fb3', '#6b7d1f', '#a4265c'];

/** "SJ, best friend" / "best friend" / "SJ" / "orange star" when there is no text. */
export function tokenName(token: Pick<Token, 'initials' | 'descriptor' | 'colour' | 'shape'>): string {
  const parts = [token.initials, token.descriptor].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join(', ') : tokenLook(token);
}

/** "Orange star". */
export function tokenLook(token: Pick<Token, 'colour' | 'shape'>): string {
  return `${colourName(token.colour)} ${shapeName(token.shape).toLowerCase()}`;
}

export function ringName(rings: readonly Ring[], ring: number | null): string {
  if (ring === null) return t('map-tray-name');
  return rings[ring]?.label ?? '';
}

/** The name of a badge for people, including practitioners' own cards. */
export function badgeName(badge: string, custom: ReadonlyMap<string, string>): string {
  if (promptById(badge)) return t(`prompt-${badge}-badge`);
  if (badge.startsWith(CUSTOM_PREFIX)) return custom.get(badge) ?? t('prompt-custom-badge');
  return badge;
}
