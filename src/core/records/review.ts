import { z } from 'zod';
import { answerSchema } from '../review/rubric';
import { dialogueTurnSchema } from './dialogue';

/** Argilla's response statuses: a draft is kept but not counted; a discarded dialogue was seen and set aside. */
export const ratingStatusSchema = z.enum(['draft', 'submitted', 'discarded']);
export type RatingStatus = z.infer<typeof ratingStatusSchema>;

/** One rater's answers about one dialogue (the compare grid's 👍/👎 is the keep question of the same record). */
export const ratingRecordSchema = z.object({
  id: z.string().min(1),
  dialogueId: z.string().min(1),
  rater: z.string().min(1).max(80),
  rubricId: z.string().min(1),
  status: ratingStatusSchema,
  answers: z.record(z.string(), answerSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type RatingRecord = z.infer<typeof ratingRecordSchema>;

/** Which of MIND's filters a reason comes from. */
export const filterIdSchema = z.enum(['too-short', 'speakers', 'turns', 'truncated', 'repetition', 'meta', 'garbage']);
export type FilterId = z.infer<typeof filterIdSchema>;

export const filterOutcomeSchema = z.object({
  pass: z.boolean(),
  /** One sentence a person can read per failed filter; empty when it passed. */
  reasons: z.array(z.object({ filter: filterIdSchema, message: z.string() })),
});
export type FilterOutcome = z.infer<typeof filterOutcomeSchema>;

/** What the dialogue keeps of one kind of item from its excerpt, and what it brings in that the excerpt lacks. */
export const keptIntroducedSchema = z.object({
  /** Distinct items of this kind in the excerpt. */
  source: z.number().int().nonnegative(),
  kept: z.array(z.string()),
  introduced: z.array(z.string()),
});

export const faithfulnessSignalsSchema = z.object({
  numbers: keptIntroducedSchema,
  /** Formulas as normalized LaTeX. */
  formulas: keptIntroducedSchema,
  variables: keptIntroducedSchema,
  /** Named terms: capitalised names and multi-word math terms. */
  terms: keptIntroducedSchema,
  /** Share of the excerpt's numbers, formulas and variables that the dialogue keeps (1 when the excerpt has none). */
  mathCoverage: z.number().min(0).max(1),
  /** Dialogue words ÷ excerpt words. */
  lengthRatio: z.number().nonnegative(),
  /** Numbers the dialogue introduces ÷ distinct numbers in the dialogue (0 when it has none). */
  newNumberRate: z.number().min(0).max(1),
});
export type FaithfulnessSignals = z.infer<typeof faithfulnessSignalsSchema>;

/**
 * The filters and signals of one dialogue's current text (its edit when edited), with the queue's facets copied in
 * so the review queue can filter and sort 100k dialogues from one compact table.
 */
export const dialogueAnalysisRecordSchema = z.object({
  dialogueId: z.string().min(1),
  createdAt: z.number(),
  style: z.string(),
  runId: z.string().nullable(),
  templateVersionId: z.string(),
  modelKey: z.string(),
  /** The excerpt's identity: dialogues of the same excerpt are the candidates of a pairwise choice. */
  excerptKey: z.string(),
  edited: z.boolean(),
  /** Hash of the thresholds the filters ran with: rows from other thresholds are recomputed. */
  thresholdsHash: z.string(),
  filters: filterOutcomeSchema,
  signals: faithfulnessSignalsSchema,
  computedAt: z.number(),
});
export type DialogueAnalysisRecord = z.infer<typeof dialogueAnalysisRecordSchema>;

/** A dialogue's edits: its current turns and every step that led there. The model's original is the dialogue record. */
export const dialogueEditRecordSchema = z.object({
  dialogueId: z.string().min(1),
  turns: z.array(dialogueTurnSchema),
  /** Every state the turns went through, oldest first, each with who made it and when; `cursor` is the current one. */
  history: z.array(z.object({ turns: z.array(dialogueTurnSchema), label: z.string(), rater: z.string(), at: z.number() })),
  cursor: z.number().int().nonnegative(),
  updatedAt: z.number(),
});
export type DialogueEditRecord = z.infer<typeof dialogueEditRecordSchema>;

/** A pairwise choice between two dialogues of the same excerpt, for preference pairs (DPO). */
export const preferenceRecordSchema = z.object({
  /** `${rater}|${first}|${second}` with the two ids in sorted order: one choice per rater and pair. */
  id: z.string().min(1),
  excerptKey: z.string(),
  first: z.string().min(1),
  second: z.string().min(1),
  /** first, second or tie; ids sorted, so which was shown left is kept apart. */
  choice: z.enum(['first', 'second', 'tie']),
  shownLeft: z.string().min(1),
  rater: z.string().min(1),
  createdAt: z.number(),
});
export type PreferenceRecord = z.infer<typeof preferenceRecordSchema>;
