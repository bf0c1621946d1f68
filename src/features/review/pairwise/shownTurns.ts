import type { DialogueRecord } from '../../../core/records/dialogue';
import type { DialogueEditRecord } from '../../../core/records/review';

/** What a judge reads: the reviewer's edited turns once an edit has moved past the model's output, else the model's. */
export function shownTurns(dialogue: Pick<DialogueRecord, 'turns'>, edit: Pick<DialogueEditRecord, 'turns' | 'cursor'> | null): DialogueRecord['turns'] {
  return edit && edit.cursor > 0 ? edit.turns : dialogue.turns;
}
