// Prompt cards: questions the practitioner can put to the young person. Choosing one starts
// an answer mode: the people the young person taps get that card's badge. The words live in
// the Fluent file as prompt-<id> (the question) and prompt-<id>-badge (the badge's name).
//
// Tone decides how a badge looks: strengths are warm and positive; "worry" cards are about
// situations and feelings, never about labelling a person, and their badge is quiet.

// The cards and their groups live in assets/prompts.json, which the export reads too.
import prompts from '$assets/prompts.json';

/** A section of cards, in `PROMPT_GROUPS` order ('closeness', 'support', ...). */
export type PromptGroup = string;
export type PromptTone = 'strength' | 'neutral' | 'worry';

export interface PromptCard {
  id: string;
  group: PromptGroup;
  tone: PromptTone;
}

export const PROMPT_TONES: readonly PromptTone[] = ['strength', 'neutral', 'worry'];

export const PROMPT_GROUPS: readonly PromptGroup[] = prompts.groups;

/** The built-in cards, in the order they are offered. */
export const PROMPTS: readonly PromptCard[] = prompts.cards.map((c) => ({
  id: c.id,
  group: c.group,
  tone: (PROMPT_TONES as readonly string[]).includes(c.tone) ? (c.tone as PromptTone) : 'neutral',
}));

/** Custom cards added by the practitioner for this session get ids with this prefix. */
export const CUSTOM_PREFIX = 'custom-';

export function promptById(id: string): PromptCard | undefined {
  return PROMPTS.find((p) => p.id === id);
}

export function toneOf(badge: string): PromptTone {
  return promptById(badge)?.tone ?? 'neutral';
}
