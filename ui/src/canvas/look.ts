// How things look and how they are named in words. Colour is never the only cue: every
// person is also a shape and (usually) text, and these names are what screen readers say.
import palette from '$assets/palette.json';
import { t } from '../lib/i18n';
import { promptById, CUSTOM_PREFIX } from '../lib/prompts';
import type { Token, Ring } from '../lib/scene';

// Every drawing colour comes from palette.json (`colours` and `map`), which the exported copy
// reads too, so the screen and the PDF look alike. No colour is written here.
const fallbackColour = palette.colours.find((c) => c.id === palette.map.unknownColour) ?? palette.colours[0]!;
const fallbackShape = palette.shapes.find((s) => s.id === palette.map.unknownShape) ?? palette.shapes[0]!;
const colourOf = (id: string) => palette.colours.find((c) => c.id === id);

export const colourHex = (id: string) => (colourOf(id) ?? fallbackColour).hex;
export const colourInk = (id: string) => (colourOf(id) ?? fallbackColour).ink;
export const colourName = (id: string) => colourOf(id)?.name ?? id;
export const shapePath = (id: string) => (palette.shapes.find((s) => s.id === id) ?? fallbackShape).path;
export const shapeName = (id: string) => palette.shapes.find((s) => s.id === id)?.name ?? id;
export const kindName = (id: string) => palette.kinds.find((k) => k.id === id)?.name ?? id;

/** The map's own colours: ink, ring edges, ring names, links, background, badges by tone. */
export const MAP_COLOURS = palette.map;
/** Soft tints for the rings, innermost (warmest) first. */
export const RING_FILLS: readonly string[] = palette.map.ringFills;
/** Soft outline colours for groups. */
export const GROUP_TINTS: readonly string[] = palette.map.groupTints;

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
