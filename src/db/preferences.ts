import { preferenceRecordSchema, type PreferenceRecord } from '../core/records/review';
import type { MindLabDatabase } from './database';
import { validRows } from './validRows';

export type PairChoice = 'left' | 'right' | 'tie';

/** One rater's choice between two dialogues of the same excerpt; choosing again for the same pair replaces it. */
export async function savePreference(
  db: MindLabDatabase,
  input: { rater: string; excerptKey: string; left: string; right: string; choice: PairChoice },
  now = Date.now(),
): Promise<PreferenceRecord> {
  const [first, second] = [input.left, input.right].sort() as [string, string];
  const chosen = input.choice === 'tie' ? 'tie' : (input.choice === 'left' ? input.left : input.right) === first ? 'first' : 'second';
  const record = preferenceRecordSchema.parse({
    id: `${input.rater}|${first}|${second}`,
    excerptKey: input.excerptKey,
    first,
    second,
    choice: chosen,
    shownLeft: input.left,
    rater: input.rater,
    createdAt: now,
  });
  await db.preferences.put(record);
  return record;
}

export async function listPreferences(db: MindLabDatabase): Promise<PreferenceRecord[]> {
  return validRows(preferenceRecordSchema, await db.preferences.toArray()).records;
}
