// Prompt cards: questions the practitioner can put to the young person. Choosing one starts
// an answer mode: the people the young person taps get that card's badge. The words live in
// the Fluent file as prompt-<id> (the question) and prompt-<id>-badge (the badge's name).
//
// Tone decides how a badge looks: strengths are warm and positive; "worry" cards are about
// situations and feelings, never about labelling a person, and their badge is quiet.

export type PromptGroup = 'closeness' | 'support' | 'trust' | 'stickup' | 'worries' | 'group' | 'places' | 'others';
export type PromptTone = 'strength' | 'neutral' | 'worry';

export interface PromptCard {
  id: string;
  group: PromptGroup;
  tone: PromptTone;
}

export const PROMPT_GROUPS: readonly PromptGroup[] = ['closeness', 'support', 'trust', 'stickup', 'worries', 'group', 'places', 'others'];

export const PROMPTS: readonly PromptCard[] = [
  { id: 'closeness-tell-first', group: 'closeness', tone: 'strength' },
  { id: 'closeness-time', group: 'closeness', tone: 'neutral' },
  { id: 'closeness-miss', group: 'closeness', tone: 'strength' },
  { id: 'support-listens', group: 'support', tone: 'strength' },
  { id: 'support-advice', group: 'support', tone: 'strength' },
  { id: 'support-helps', group: 'support', tone: 'strength' },
  { id: 'trust-private', group: 'trust', tone: 'strength' },
  { id: 'trust-honest', group: 'trust', tone: 'strength' },
  { id: 'stickup-for-me', group: 'stickup', tone: 'strength' },
  { id: 'stickup-i-do', group: 'stickup', tone: 'strength' },
  { id: 'worries-uneasy', group: 'worries', tone: 'worry' },
  { id: 'worries-pressure', group: 'worries', tone: 'worry' },
  { id: 'worries-make-better', group: 'worries', tone: 'strength' },
  { id: 'group-fun', group: 'group', tone: 'neutral' },
  { id: 'group-decides', group: 'group', tone: 'neutral' },
  { id: 'group-new', group: 'group', tone: 'neutral' },
  { id: 'places-safe', group: 'places', tone: 'strength' },
  { id: 'places-online', group: 'places', tone: 'neutral' },
  { id: 'others-carer', group: 'others', tone: 'neutral' },
  { id: 'others-friend', group: 'others', tone: 'strength' },
];

/** Custom cards added by the practitioner for this session get ids with this prefix. */
export const CUSTOM_PREFIX = 'custom-';

export function promptById(id: string): PromptCard | undefined {
  return PROMPTS.find((p) => p.id === id);
}

export function toneOf(badge: string): PromptTone {
  return promptById(badge)?.tone ?? 'neutral';
}
