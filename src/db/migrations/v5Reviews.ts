import type { Table } from 'dexie';
import { DEFAULT_RUBRIC, KEEP, REJECT } from '../../core/review/rubric';

/**
 * Version-3 ratings were the compare grid's 👍/👎 with a note. They become answers of the default rubric: 👍 keeps,
 * 👎 rejects, the note stays the note; a rating with a thumb was given, so it counts as submitted, and one with only
 * a note is a draft. A row too broken to read is left as it was; reading it back reports it.
 */
export async function upgradeRatingsToRubric(ratings: Table): Promise<void> {
  await ratings.toCollection().modify((row: Record<string, unknown>) => {
    if ('answers' in row) return;
    const thumb = row.thumb;
    const note = typeof row.note === 'string' ? row.note : '';
    const answers: Record<string, string> = {};
    if (thumb === 'up') answers.keep = KEEP;
    if (thumb === 'down') answers.keep = REJECT;
    if (note) answers.note = note;
    row.answers = answers;
    row.rubricId = DEFAULT_RUBRIC.id;
    row.status = thumb === 'up' || thumb === 'down' ? 'submitted' : 'draft';
    delete row.thumb;
    delete row.note;
  });
}
