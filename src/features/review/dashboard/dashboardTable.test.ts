import { describe, expect, it } from 'vitest';
import { dashboardColumns, KEY_COLUMN_ID, nextSort, sortGroups } from './dashboardTable';
import { chartFigures } from './chartFigures';
import type { DashboardGroup } from '../../../core/review/dashboard';

/** A dashboard group with plain figures, for tests; pass what a test is about. */
function testGroup(key: string, overrides: Partial<DashboardGroup> = {}): DashboardGroup {
  return {
    key,
    dialogues: 10,
    ratedDialogues: 4,
    ratings: 6,
    filterPassRate: 0.5,
    means: [{ questionId: 'faithfulness', title: 'Faithful', mean: 3, low: 2, high: 4, n: 4, ratings: 6 }],
    keepRate: { share: 0.5, low: 0.2, high: 0.8, successes: 3, n: 6 },
    agreement: [{ questionId: 'faithfulness', title: 'Faithful', level: 'ordinal', alpha: 0.6, reason: null, units: 2, pairs: 4 }],
    meanLengthRatio: 1.2,
    meanNewNumberRate: 0.1,
    ...overrides,
  };
}

const groups = [
  testGroup('b-style', { filterPassRate: 0.9, keepRate: null }),
  testGroup('a-style', { filterPassRate: 0.2, keepRate: { share: 0.8, low: 0.5, high: 0.95, successes: 8, n: 10 } }),
  testGroup('c-style', { filterPassRate: 0.5, keepRate: { share: 0.3, low: 0.1, high: 0.6, successes: 3, n: 10 } }),
];
const columns = dashboardColumns(groups, 'style', true);
const column = (id: string) => columns.find((c) => c.id === id)!;
const keys = (sorted: readonly { key: string }[]) => sorted.map((g) => g.key);

describe('dashboardColumns', () => {
  it('has the fixed figures, a mean per scale question and an α per rated question', () => {
    expect(columns.map((c) => c.id)).toEqual([KEY_COLUMN_ID, 'dialogues', 'pass', 'mean:faithfulness', 'keep', 'alpha:faithfulness', 'length', 'newNumbers']);
    expect(column(KEY_COLUMN_ID).label).toBe('Style');
    expect(dashboardColumns(groups, 'modelKey', true)[0]!.label).toBe('Model');
  });
});

describe('sortGroups', () => {
  it('sorts by a figure either way', () => {
    expect(keys(sortGroups(groups, column('pass'), 'ascending'))).toEqual(['a-style', 'c-style', 'b-style']);
    expect(keys(sortGroups(groups, column('pass'), 'descending'))).toEqual(['b-style', 'c-style', 'a-style']);
  });
  it('puts groups without a value last in both directions', () => {
    expect(keys(sortGroups(groups, column('keep'), 'descending'))).toEqual(['a-style', 'c-style', 'b-style']);
    expect(keys(sortGroups(groups, column('keep'), 'ascending'))).toEqual(['c-style', 'a-style', 'b-style']);
  });
  it('sorts names naturally and breaks ties by name', () => {
    const named = [testGroup('model-10'), testGroup('model-9'), testGroup('model-1')];
    expect(keys(sortGroups(named, column(KEY_COLUMN_ID), 'ascending'))).toEqual(['model-1', 'model-9', 'model-10']);
    expect(keys(sortGroups(named, column('dialogues'), 'descending'))).toEqual(['model-1', 'model-9', 'model-10']);
  });
});

describe('nextSort', () => {
  it('flips the sorted column and starts another column in its natural direction', () => {
    expect(nextSort({ columnId: 'pass', direction: 'descending' }, column('pass'))).toEqual({ columnId: 'pass', direction: 'ascending' });
    expect(nextSort({ columnId: 'pass', direction: 'ascending' }, column('pass'))).toEqual({ columnId: 'pass', direction: 'descending' });
    expect(nextSort({ columnId: 'pass', direction: 'ascending' }, column(KEY_COLUMN_ID))).toEqual({ columnId: KEY_COLUMN_ID, direction: 'ascending' });
    expect(nextSort({ columnId: KEY_COLUMN_ID, direction: 'ascending' }, column('keep'))).toEqual({ columnId: 'keep', direction: 'descending' });
  });
});

describe('chartFigures', () => {
  it('gives percentages per group, no bar without keep answers, and the figures in words', () => {
    const figures = chartFigures(groups, 'Style');
    expect(figures.labels).toEqual(['b-style', 'a-style', 'c-style']);
    expect(figures.keepRates).toEqual([null, 80, 30]);
    expect(figures.passRates).toEqual([90, 20, 50]);
    expect(figures.summary).toBe('Keep rate and filter pass rate by style. b-style: keep no answers, filter pass 90%; a-style: keep 80%, filter pass 20%; c-style: keep 30%, filter pass 50%.');
  });
});
