import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING } from '../../core/types';
import { columnAggregates, columnKeyOf, gridProblem, MAX_ROWS, parsePastedExcerpts, planGrid, rowDiffers, rowsProblem, type GridInput } from './grid';

const hash = (c: string) => c.repeat(64);
const base: GridInput = {
  id: 'compare-1',
  excerpts: [{ text: 'First excerpt: $x^2$.' }, { text: 'Second excerpt.' }],
  versions: [
    { id: 'builtin:TWO_STUDENTS@v1', hash: hash('a'), templateName: 'Two Students', number: 1 },
    { id: 'builtin:DEBATE@v1', hash: hash('b'), templateName: 'Debate', number: 1 },
  ],
  models: [{ key: 'wllama:m.gguf', modelName: 'm.gguf', engine: 'wllama' }],
  presets: [{ id: 'p1', label: 'A', params: { ...DEFAULT_SAMPLING, seed: 9 } }],
};

describe('parsePastedExcerpts', () => {
  it('splits on blank lines (even with spaces on them) and drops empty parts', () => {
    expect(parsePastedExcerpts('one\nstill one\n\n  \ntwo\n \t\n\n')).toEqual([{ text: 'one\nstill one' }, { text: 'two' }]);
    expect(parsePastedExcerpts(' \n\n ')).toEqual([]);
  });
});

describe('rowsProblem', () => {
  it('refuses zero and more than the maximum', () => {
    expect(rowsProblem(0)).toMatch(/No excerpts/);
    expect(rowsProblem(1)).toBeNull();
    expect(rowsProblem(MAX_ROWS)).toBeNull();
    expect(rowsProblem(MAX_ROWS + 1)).toMatch(/20 excerpts at most \(got 21\)/);
  });
});

describe('planGrid', () => {
  it('makes one item per cell, columns template × model × preset, with the same seed in every column', () => {
    const grid = planGrid({ ...base, presets: [...base.presets, { id: 'p2', label: 'B', params: { ...DEFAULT_SAMPLING, seed: 9, temperature: 0.2 } }] });
    expect(grid.rows.map((r) => r.number)).toEqual([1, 2]);
    expect(grid.columns.map((c) => [c.version.templateName, c.preset.label])).toEqual([
      ['Two Students', 'A'], ['Two Students', 'B'], ['Debate', 'A'], ['Debate', 'B'],
    ]);
    expect(grid.items).toHaveLength(8);
    expect(new Set(grid.items.map((i) => i.params.seed))).toEqual(new Set([9]));
    for (const row of grid.rows) {
      for (const column of grid.columns) {
        const id = grid.cellItems[row.key]?.[column.key];
        const item = grid.items.find((i) => i.id === id);
        expect(item?.excerptText).toBe(row.excerpt.text);
        expect(item?.templateVersionId).toBe(column.version.id);
        expect(item?.presetId).toBe(column.preset.id);
      }
    }
    expect(grid.columns[0]!.key).toBe(columnKeyOf('builtin:TWO_STUDENTS@v1', 'wllama:m.gguf', 'p1'));
  });

  it('merges an excerpt pasted twice into one row', () => {
    const grid = planGrid({ ...base, excerpts: [{ text: 'Same.' }, { text: ' Same. ' }, { text: 'Other.' }] });
    expect(grid.rows).toHaveLength(2);
    expect(grid.items).toHaveLength(4);
  });

  it('gives a new grid new item ids, so a second comparison never collides with the first', () => {
    const a = planGrid(base).items.map((i) => i.id);
    const b = planGrid({ ...base, id: 'compare-2' }).items.map((i) => i.id);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  it('refuses what would plan empty or identical columns', () => {
    expect(() => planGrid({ ...base, excerpts: [] })).toThrow(/No excerpts/);
    expect(gridProblem({ ...base, versions: [] })).toMatch(/at least one template/);
    expect(gridProblem({ ...base, models: [] })).toMatch(/Load a model/);
    expect(gridProblem({ ...base, presets: [...base.presets, { id: 'p2', label: 'B', params: { ...DEFAULT_SAMPLING, seed: 9 } }] })).toMatch(/same settings/);
    expect(gridProblem({ ...base, presets: [...base.presets, { id: 'p2', label: 'A', params: DEFAULT_SAMPLING }] })).toMatch(/different label/);
    expect(gridProblem({ ...base, versions: [base.versions[0]!, { ...base.versions[1]!, hash: hash('a') }] })).toMatch(/same text/);
    expect(gridProblem({ ...base, excerpts: Array.from({ length: 21 }, (_, i) => ({ text: `e${i}` })) })).toMatch(/got 21/);
    expect(gridProblem(base)).toBeNull();
  });
});

const cell = (promptTokens: number, completionTokens: number, decodeTokensPerSecond: number | null, pass: boolean) => ({
  stats: { promptTokens, completionTokens, decodeTokensPerSecond },
  checks: { pass },
});

describe('columnAggregates', () => {
  it('averages completion tokens, output ÷ input per cell, speed over cells that report it, and the passing share', () => {
    const aggregates = columnAggregates([cell(100, 50, 400, true), cell(200, 20, null, false), cell(50, 80, 600, true), cell(0, 10, 500, false)]);
    expect(aggregates.finished).toBe(4);
    expect(aggregates.meanCompletionTokens).toBe(40);
    // (0.5 + 0.1 + 1.6) / 3: the 0-token prompt has no ratio.
    expect(aggregates.meanOutputInputRatio).toBeCloseTo(2.2 / 3, 10);
    expect(aggregates.meanTokensPerSecond).toBe(500);
    expect(aggregates.passing).toBe(2);
    expect(aggregates.passShare).toBe(0.5);
  });

  it('has no figures before a cell finishes', () => {
    expect(columnAggregates([])).toEqual({
      finished: 0, meanCompletionTokens: null, meanOutputInputRatio: null, meanTokensPerSecond: null, passing: 0, passShare: null,
    });
  });
});

describe('rowDiffers', () => {
  it('is true only when two or more finished outputs differ', () => {
    expect(rowDiffers(['a', 'b'])).toBe(true);
    expect(rowDiffers(['a', 'a', 'b'])).toBe(true);
    expect(rowDiffers(['a', 'a'])).toBe(false);
    expect(rowDiffers(['a', null, null])).toBe(false);
    expect(rowDiffers([null, null])).toBe(false);
    expect(rowDiffers([])).toBe(false);
  });

  it('ignores unfinished cells and whitespace-only differences', () => {
    expect(rowDiffers(['Student A: hi\nStudent B: yo', null, ' Student A: hi  Student B: yo\n'])).toBe(false);
    expect(rowDiffers(['same', null, 'same'])).toBe(false);
  });
});
