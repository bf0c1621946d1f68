import { z } from 'zod';
import { dialogueRecordSchema } from '../records/dialogue';
import { dialogueEditRecordSchema } from '../records/review';
import { analysisRecordFor } from '../review/analysisRecord';
import { DIALOGUES_FORMAT } from '../review/exchangeFiles';
import type { FilterThresholds } from '../review/filters';
import type { ExportItem } from './exportItem';

const packLineSchema = z.object({ dialogue: dialogueRecordSchema, edit: dialogueEditRecordSchema.nullable() });

export class DialogueLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DialogueLineError';
  }
}

/**
 * One JSON line of a dialogue file as an export item: a dialogue pack's line ({dialogue, edit}, its header line
 * gives null) or a bare DialogueRecord. Such files carry no ratings, so the filters are run here, on the edited
 * turns when there is an edit.
 */
export function exportItemOfLine(value: unknown, thresholds: FilterThresholds, now = Date.now()): ExportItem | null {
  if (typeof value === 'object' && value !== null && (value as { format?: unknown }).format === DIALOGUES_FORMAT) return null;
  const pack = packLineSchema.safeParse(value);
  const entry = pack.success ? pack.data : (() => {
    const bare = dialogueRecordSchema.safeParse(value);
    if (!bare.success) {
      const issue = bare.error.issues[0];
      throw new DialogueLineError(`not a dialogue (${issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'invalid'})`);
    }
    return { dialogue: bare.data, edit: null };
  })();
  return { dialogue: entry.dialogue, edit: entry.edit, analysis: analysisRecordFor(entry.dialogue, entry.edit, thresholds, now), ratings: [], document: null };
}
