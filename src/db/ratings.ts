import { ratingRecordSchema, type RatingRecord, type RatingStatus } from '../core/records/review';
import { answerProblems, missingRequired, KEEP, REJECT, type Answers, type Rubric } from '../core/review/rubric';
import type { MindLabDatabase } from './database';
import { activeRubric } from './rubrics';
import { validRows } from './validRows';

export class RatingRefused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'RatingRefused';
  }
}

/**
 * One rater's answers about one dialogue, set or changed in place. Answers that do not fit the rubric are refused;
 * a submission also needs every required question answered (a draft or a discard does not).
 */
export async function saveRating(
  db: MindLabDatabase,
  input: { dialogueId: string; rater: string; rubric: Rubric; status: RatingStatus; answers: Answers },
  now = Date.now(),
): Promise<RatingRecord> {
  const problems = answerProblems(input.rubric, input.answers);
  if (input.status === 'submitted') problems.push(...missingRequired(input.rubric, input.answers).map((title) => `${title} needs an answer before submitting.`));
  if (problems.length) throw new RatingRefused(problems);
  return db.transaction('rw', db.ratings, async () => {
    const existing = await db.ratings.where('[dialogueId+rater]').equals([input.dialogueId, input.rater]).first();
    const record = ratingRecordSchema.parse({
      id: existing?.id ?? crypto.randomUUID(),
      dialogueId: input.dialogueId,
      rater: input.rater,
      rubricId: input.rubric.id,
      status: input.status,
      answers: input.answers,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.ratings.put(record);
    return record;
  });
}

export type Thumb = 'up' | 'down' | null;

/** The compare grid's quick 👍/👎 and note: the rubric's keep question and the note, the rater's other answers kept. */
export async function setQuickRating(
  db: MindLabDatabase,
  input: { dialogueId: string; rater: string; thumb: Thumb; note: string },
  now = Date.now(),
): Promise<RatingRecord> {
  const rubric = await activeRubric(db);
  const existing = await db.ratings.where('[dialogueId+rater]').equals([input.dialogueId, input.rater]).first();
  const answers: Answers = { ...(existing?.answers ?? {}) };
  if (rubric.keepQuestionId) answers[rubric.keepQuestionId] = input.thumb === 'up' ? KEEP : input.thumb === 'down' ? REJECT : null;
  if (rubric.questions.some((q) => q.id === 'note' && q.kind === 'text')) answers.note = input.note;
  return saveRating(db, { dialogueId: input.dialogueId, rater: input.rater, rubric, status: input.thumb ? 'submitted' : 'draft', answers }, now);
}

export interface QuickRating {
  dialogueId: string;
  rater: string;
  thumb: Thumb;
  note: string;
}

/** What the compare grid shows of a rating: its thumb (the keep question) and its note. */
export function quickRatingOf(rating: RatingRecord, rubric: Rubric): QuickRating {
  const keep = rubric.keepQuestionId ? rating.answers[rubric.keepQuestionId] : null;
  const note = rating.answers.note;
  return { dialogueId: rating.dialogueId, rater: rating.rater, thumb: keep === KEEP ? 'up' : keep === REJECT ? 'down' : null, note: typeof note === 'string' ? note : '' };
}

/** The compare grid's view of these dialogues' ratings, read through the active rubric. */
export async function quickRatingsFor(db: MindLabDatabase, dialogueIds: readonly string[]): Promise<QuickRating[]> {
  const [rubric, ratings] = await Promise.all([activeRubric(db), ratingsFor(db, dialogueIds)]);
  return ratings.map((rating) => quickRatingOf(rating, rubric));
}

export async function ratingsFor(db: MindLabDatabase, dialogueIds: readonly string[]): Promise<RatingRecord[]> {
  const rows = await db.ratings.where('dialogueId').anyOf([...dialogueIds]).toArray();
  return validRows(ratingRecordSchema, rows).records;
}

export async function allRatings(db: MindLabDatabase): Promise<RatingRecord[]> {
  return validRows(ratingRecordSchema, await db.ratings.toArray()).records;
}
