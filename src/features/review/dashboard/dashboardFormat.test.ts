import { describe, expect, it } from 'vitest';
import { alphaCell, formatShare, keepCell, meanCell, MISSING } from './dashboardFormat';

describe('formatShare', () => {
  it('gives whole percents, one decimal below 10%', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0.6234)).toBe('62%');
    expect(formatShare(0.034)).toBe('3.4%');
    expect(formatShare(0.05)).toBe('5%');
  });
});

describe('meanCell', () => {
  const base = { questionId: 'math', title: 'Math correctness', n: 3, ratings: 5 };
  it('shows the mean with its interval', () => {
    const cell = meanCell({ ...base, mean: 3.4, low: 2.912, high: 3.888 });
    expect(cell.text).toBe('3.40 [2.91–3.89]');
    expect(cell.title).toContain('3 dialogues (5 answers)');
  });
  it('shows a lone mean when one dialogue gives no interval, and says why', () => {
    const cell = meanCell({ ...base, n: 1, ratings: 1, mean: 4, low: null, high: null });
    expect(cell.text).toBe('4.00');
    expect(cell.title).toMatch(/interval needs two/);
  });
  it('shows a dash without answers and names the question', () => {
    const cell = meanCell({ ...base, n: 0, ratings: 0, mean: null, low: null, high: null });
    expect(cell.text).toBe(MISSING);
    expect(cell.title).toContain('Math correctness');
  });
});

describe('keepCell', () => {
  it('shows the share and its interval', () => {
    expect(keepCell({ share: 0.75, low: 0.409, high: 0.929, successes: 6, n: 8 }, true).text).toBe('75% [41%–93%]');
  });
  it('tells a rubric without a keep question from a group without answers', () => {
    expect(keepCell(null, false)).toEqual({ text: MISSING, title: 'The rubric has no keep/reject question.' });
    expect(keepCell(null, true).title).toMatch(/No submitted keep\/reject answers/);
  });
});

describe('alphaCell', () => {
  const base = { questionId: 'keep', title: 'Keep', level: 'nominal' as const, pairs: 6 };
  it('shows α with the units it rests on', () => {
    expect(alphaCell({ ...base, alpha: 0.7133, reason: null, units: 3 }).text).toBe('0.71 (3 units)');
    expect(alphaCell({ ...base, alpha: -0.2, reason: null, units: 1 }).text).toBe('-0.20 (1 unit)');
  });
  it('explains a missing α: no dialogue with two raters, or the statistic\'s own reason', () => {
    expect(alphaCell({ ...base, alpha: null, reason: 'No unit has two or more values.', units: 0, pairs: 0 }).title).toMatch(/two raters on the same dialogue/);
    expect(alphaCell({ ...base, alpha: null, reason: 'Every pairable value is "keep".', units: 4 }).title).toBe('Every pairable value is "keep".');
  });
});
