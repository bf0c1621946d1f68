import { z } from 'zod';
import { DEFAULT_RUBRIC, rubricSchema, type Rubric } from '../core/review/rubric';
import type { MindLabDatabase } from './database';
import { readSetting, writeSetting } from './settings';

const ACTIVE_RUBRIC = 'review.activeRubricId';
const rubricId = z.string().min(1);

/** The rubric reviews are given with: the one the user chose, or the default until they choose another. */
export async function activeRubric(db: MindLabDatabase): Promise<Rubric> {
  const { value: id } = await readSetting(db, ACTIVE_RUBRIC, rubricId);
  if (!id || id === DEFAULT_RUBRIC.id) return DEFAULT_RUBRIC;
  const row = await db.rubrics.get(id);
  const parsed = rubricSchema.safeParse(row);
  return parsed.success ? parsed.data : DEFAULT_RUBRIC;
}

/** Stores a rubric (validated) and makes it the active one. */
export async function saveActiveRubric(db: MindLabDatabase, rubric: Rubric): Promise<Rubric> {
  const valid = rubricSchema.parse(rubric);
  await db.transaction('rw', db.rubrics, db.settings, async () => {
    if (valid.id !== DEFAULT_RUBRIC.id) await db.rubrics.put(valid);
    await writeSetting(db, ACTIVE_RUBRIC, rubricId, valid.id);
  });
  return valid;
}
