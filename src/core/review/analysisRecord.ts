import { excerptKeyOf } from '../generation/plan';
import type { DialogueRecord } from '../records/dialogue';
import type { DialogueAnalysisRecord, DialogueEditRecord } from '../records/review';
import { isEdited, turnsToText } from '../dialogue/editTurns';
import { analyzeDialogue } from './analyzeDialogue';
import { thresholdsHash, type FilterThresholds } from './filters';

/**
 * A dialogue's filters and signals, run on what a reviewer sees: its edited turns when it was edited, the model's
 * output otherwise. An edit changes the text, so token counts and the finish reason only apply to the original.
 */
export function analysisRecordFor(dialogue: DialogueRecord, edit: DialogueEditRecord | null, thresholds: FilterThresholds, now = Date.now()): DialogueAnalysisRecord {
  // Reverted to the model's output counts as not edited; its history stays in the edit record.
  const edited = edit !== null && isEdited(dialogue.turns, edit.turns);
  const { filters, signals } = analyzeDialogue(
    edited && edit
      ? { excerpt: dialogue.excerptText, text: turnsToText(edit.turns), turns: edit.turns }
      : { excerpt: dialogue.excerptText, text: dialogue.rawOutput, turns: dialogue.turns, finishReason: dialogue.stats.finishReason, completionTokens: dialogue.stats.completionTokens },
    thresholds,
  );
  return {
    dialogueId: dialogue.id,
    createdAt: dialogue.createdAt,
    style: dialogue.style,
    runId: dialogue.runId ?? null,
    templateVersionId: dialogue.templateVersionId,
    modelKey: dialogue.modelKey,
    // By text, not corpus id: dialogues imported from another lab pair up with this lab's own.
    excerptKey: excerptKeyOf({ text: dialogue.excerptText }),
    edited,
    thresholdsHash: thresholdsHash(thresholds),
    filters,
    signals,
    computedAt: now,
  };
}
