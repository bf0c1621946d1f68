import { z } from 'zod';
import type { DialogueRecord } from '../records/dialogue';
import type { DialogueAnalysisRecord, RatingRecord } from '../records/review';
import type { Rubric } from '../review/rubric';
import { ratingSummaryOf, type RatingSummary } from './ratingSummary';

/**
 * Which dialogues an export takes. Empty lists mean "any". The verdict is the majority of the submitted keep
 * answers (see ratingSummary.ts: a tie, or no keep answer at all, is "undecided" — neither kept nor rejected).
 */
export const selectionSchema = z.object({
  verdict: z.enum(['any', 'kept', 'rejected', 'undecided']).default('kept'),
  ratingStatus: z.enum(['any', 'unrated', 'draft', 'submitted', 'discarded']).default('any'),
  filterOutcome: z.enum(['any', 'pass', 'fail']).default('any'),
  runIds: z.array(z.string()).default([]),
  styles: z.array(z.string()).default([]),
  modelKeys: z.array(z.string()).default([]),
  templateVersionIds: z.array(z.string()).default([]),
});
export type Selection = z.infer<typeof selectionSchema>;

export const ALL_DIALOGUES: Selection = selectionSchema.parse({ verdict: 'any' });
export const KEPT_DIALOGUES: Selection = selectionSchema.parse({});

/** What a selection looks at of one dialogue: small enough to hold for 100k dialogues. */
export interface DialogueFacets {
  dialogueId: string;
  style: string;
  /** Null when the dialogue was not made by a run. */
  runId: string | null;
  templateVersionId: string;
  modelKey: string;
  /** Null when its filters have not run yet. */
  filterPass: boolean | null;
  ratings: RatingSummary;
}

export function facetsOf(dialogue: DialogueRecord, analysis: DialogueAnalysisRecord | null, ratings: readonly RatingRecord[], rubric: Rubric): DialogueFacets {
  return {
    dialogueId: dialogue.id,
    style: dialogue.style,
    runId: dialogue.runId ?? null,
    templateVersionId: dialogue.templateVersionId,
    modelKey: dialogue.modelKey,
    filterPass: analysis ? analysis.filters.pass : null,
    ratings: ratingSummaryOf(ratings, rubric),
  };
}

const allows = (list: readonly string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value));

export function matchesSelection(facets: DialogueFacets, selection: Selection): boolean {
  if (selection.verdict !== 'any' && facets.ratings.verdict !== selection.verdict) return false;
  if (selection.ratingStatus !== 'any' && facets.ratings.status !== selection.ratingStatus) return false;
  if (selection.filterOutcome === 'pass' && facets.filterPass !== true) return false;
  if (selection.filterOutcome === 'fail' && facets.filterPass !== false) return false;
  return (
    allows(selection.runIds, facets.runId) &&
    allows(selection.styles, facets.style) &&
    allows(selection.modelKeys, facets.modelKey) &&
    allows(selection.templateVersionIds, facets.templateVersionId)
  );
}

/** The same selection without its review criteria: what preference pairs are drawn from (they need both sides). */
export const withoutReview = (selection: Selection): Selection => ({ ...selection, verdict: 'any', ratingStatus: 'any' });

/**
 * Filters a stream of pages, one page at a time: memory stays at one page however long the stream. Empty pages
 * are not passed on.
 */
export async function* selectDialogues<T>(pages: AsyncIterable<readonly T[]>, selection: Selection, facetsOfItem: (item: T) => DialogueFacets): AsyncGenerator<T[]> {
  for await (const page of pages) {
    const selected = page.filter((item) => matchesSelection(facetsOfItem(item), selection));
    if (selected.length > 0) yield selected;
  }
}
