import { ratingRecordSchema, type RatingRecord } from '../core/records/dialogue';
import type { MindLabDatabase } from './database';
import { validRows } from './validRows';

/** One rater's quick rating of a dialogue: set, changed or cleared in place. */
export async function setQuickRating(
  db: MindLabDatabase,
  input: { dialogueId: string; rater: string; thumb: RatingRecord['thumb']; note: string },
  now = Date.now(),
): Promise<RatingRecord> {
  return db.transaction('rw', db.ratings, async () => {
    const existing = await db.ratings.where('[dialogueId+rater]').equals([input.dialogueId, input.rater]).first();
    const record = ratingRecordSchema.parse({
      id: existing?.id ?? crypto.randomUUID(),
      dialogueId: input.dialogueId,
      rater: input.rater,
      thumb: input.thumb,
      note: input.note,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.ratings.put(record);
    return record;
  });
}

export async function ratingsFor(db: MindLabDatabase, dialogueIds: readonly string[]): Promise<RatingRecord[]> {
  const rows = await db.ratings.where('dialogueId').anyOf([...dialogueIds]).toArray();
  return validRows(ratingRecordSchema, rows).records;
}
