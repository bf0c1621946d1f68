import type { DialogueRecord } from '../records/dialogue';
import type { DialogueAnalysisRecord, DialogueEditRecord, RatingRecord } from '../records/review';
import { isEdited } from '../dialogue/editTurns';
import type { DialogueTurn } from '../types';
import type { Rubric } from '../review/rubric';
import { facetsOf, type DialogueFacets } from './selection';

/** One dialogue with everything an export writes about it. */
export interface ExportItem {
  dialogue: DialogueRecord;
  edit: DialogueEditRecord | null;
  /** Its filter outcome and signals; null when the filters have not run on it. */
  analysis: DialogueAnalysisRecord | null;
  /** Every rating of this dialogue, any status and rater (the summary counts only what counts). */
  ratings: RatingRecord[];
  /** The corpus document its excerpt came from, when the lab still has it. */
  document: { id: string; hash: string } | null;
}

/** Edited when its edit differs from the model's turns: a dialogue reverted to the original is not. */
export const isItemEdited = (item: ExportItem): boolean => item.edit !== null && isEdited(item.dialogue.turns, item.edit.turns);

/** What a reviewer last saw: the edited turns when it was edited, the model's otherwise. */
export const currentTurns = (item: ExportItem): DialogueTurn[] => (isItemEdited(item) ? item.edit!.turns : item.dialogue.turns);

export const itemFacets = (item: ExportItem, rubric: Rubric): DialogueFacets => facetsOf(item.dialogue, item.analysis, item.ratings, rubric);
