// The question cards' order, hidden cards and own questions: kept by the editor, so they
// survive hiding the practitioner panel.
import { t } from '../../lib/i18n';
import { CUSTOM_PREFIX, PROMPTS } from '../../lib/prompts';
import { newId } from '../../lib/scene';

export class PromptCards {
  order = $state<string[]>(PROMPTS.map((p) => p.id));
  hidden = $state<string[]>([]);
  custom = $state<Map<string, string>>(new Map());

  questionText = (id: string): string =>
    id.startsWith(CUSTOM_PREFIX) ? (this.custom.get(id) ?? '') : t(`prompt-${id}`);

  add = (text: string): void => {
    const id = `${CUSTOM_PREFIX}${newId('q').slice(2, 10)}`;
    this.custom = new Map(this.custom).set(id, text);
    this.order = [...this.order, id];
  };
}
