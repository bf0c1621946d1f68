import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../review/rubric';
import { itemFacets } from './exportItem';
import { makeItem, pagesOf } from './exportFixtures';
import { ratingSummaryOf } from './ratingSummary';
import { matchesSelection, selectDialogues, selectionSchema, type Selection } from './selection';

const summaryOf = (spec: Parameters<typeof makeItem>[0]) => ratingSummaryOf(makeItem(spec).ratings, DEFAULT_RUBRIC);

describe('the verdict of a dialogue', () => {
  it('is the majority of submitted keep answers', () => {
    expect(summaryOf({ id: 'a', ratings: [['ann', 'keep'], ['bob', 'keep'], ['cy', 'reject']] }).verdict).toBe('kept');
    expect(summaryOf({ id: 'a', ratings: [['ann', 'reject'], ['bob', 'reject'], ['cy', 'keep']] }).verdict).toBe('rejected');
  });

  it('is undecided on a tie and without keep answers', () => {
    expect(summaryOf({ id: 'a', ratings: [['ann', 'keep'], ['bob', 'reject']] }).verdict).toBe('undecided');
    expect(summaryOf({ id: 'a', ratings: [['ann', null]] }).verdict).toBe('undecided');
    expect(summaryOf({ id: 'a' }).verdict).toBe('undecided');
  });

  it('counts neither drafts nor discarded ratings', () => {
    const summary = summaryOf({ id: 'a', ratings: [['ann', 'keep', 'draft'], ['bob', 'keep', 'discarded'], ['cy', 'reject']] });
    expect(summary).toMatchObject({ verdict: 'rejected', submitted: 1, keepVotes: 0, rejectVotes: 1, status: 'submitted' });
  });

  it('takes the mean of each scale question over counted ratings', () => {
    expect(summaryOf({ id: 'a', ratings: [['ann', 'keep', 'submitted', 5], ['bob', 'keep', 'submitted', 2], ['cy', 'keep', 'draft', 1]] }).means).toEqual({ faithfulness: 3.5 });
  });

  it('has a status: submitted over discarded over draft over unrated', () => {
    expect(summaryOf({ id: 'a', ratings: [['ann', 'keep', 'draft'], ['bob', 'keep', 'discarded']] }).status).toBe('discarded');
    expect(summaryOf({ id: 'a', ratings: [['ann', 'keep', 'draft']] }).status).toBe('draft');
    expect(summaryOf({ id: 'a' }).status).toBe('unrated');
  });
});

describe('matchesSelection', () => {
  const item = makeItem({ id: 'a', style: 'DEBATE', model: 'm1', runId: 'run-1', filterPass: false, ratings: [['ann', 'keep']] });
  const facets = itemFacets(item, DEFAULT_RUBRIC);
  const select = (patch: Partial<Selection>) => matchesSelection(facets, selectionSchema.parse(patch));

  it('selects kept dialogues by default', () => {
    expect(select({})).toBe(true);
    expect(select({ verdict: 'rejected' })).toBe(false);
  });

  it('filters on every facet, an empty list meaning any', () => {
    expect(select({ styles: ['DEBATE', 'INTERVIEW'] })).toBe(true);
    expect(select({ styles: ['INTERVIEW'] })).toBe(false);
    expect(select({ modelKeys: ['wllama:m1'] })).toBe(true);
    expect(select({ modelKeys: ['wllama:m2'] })).toBe(false);
    expect(select({ runIds: ['run-1'] })).toBe(true);
    expect(select({ runIds: ['run-2'] })).toBe(false);
    expect(select({ templateVersionIds: ['other'] })).toBe(false);
    expect(select({ filterOutcome: 'fail' })).toBe(true);
    expect(select({ filterOutcome: 'pass' })).toBe(false);
    expect(select({ ratingStatus: 'submitted' })).toBe(true);
    expect(select({ ratingStatus: 'unrated' })).toBe(false);
  });

  it('takes a dialogue whose filters have not run only when the outcome does not matter', () => {
    const fresh = itemFacets(makeItem({ id: 'b', filterPass: null, ratings: [['ann', 'keep']] }), DEFAULT_RUBRIC);
    expect(matchesSelection(fresh, selectionSchema.parse({ filterOutcome: 'pass' }))).toBe(false);
    expect(matchesSelection(fresh, selectionSchema.parse({ filterOutcome: 'fail' }))).toBe(false);
    expect(matchesSelection(fresh, selectionSchema.parse({}))).toBe(true);
  });
});

describe('selectDialogues', () => {
  const vote = fc.constantFrom<'keep' | 'reject' | null>('keep', 'reject', null);
  const spec = fc.record({
    style: fc.constantFrom('DEBATE', 'INTERVIEW'),
    filterPass: fc.constantFrom(true, false, null),
    votes: fc.array(vote, { maxLength: 3 }),
  });

  it('selects the same dialogues, in the same order, however the stream is paged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom('any', 'kept', 'rejected', 'undecided' as const), async (specs, pageSize, verdict) => {
        const items = specs.map((s, i) => makeItem({ id: `d${i}`, style: s.style, filterPass: s.filterPass, ratings: s.votes.map((v, r) => [`r${r}`, v] as [string, typeof v]) }));
        const selection = selectionSchema.parse({ verdict, styles: ['DEBATE'] });
        const selected: string[] = [];
        for await (const page of selectDialogues(pagesOf(items, pageSize), selection, (item) => itemFacets(item, DEFAULT_RUBRIC))) {
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(pageSize);
          selected.push(...page.map((item) => item.dialogue.id));
        }
        const expected = items.filter((item) => matchesSelection(itemFacets(item, DEFAULT_RUBRIC), selection)).map((item) => item.dialogue.id);
        expect(selected).toEqual(expected);
      }),
    );
  });
});
