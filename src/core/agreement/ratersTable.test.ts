import { describe, expect, it } from 'vitest';
import { readRatersTable, type RatersTable } from './ratersTable';
import { summarizeAgreement } from './summary';

function table(text: string, level: Parameters<typeof readRatersTable>[1] = 'nominal'): RatersTable {
  const read = readRatersTable(text, level);
  if (!read.ok) throw new Error(`line ${read.line}: ${read.message}`);
  return read.table;
}

// Krippendorff (2011), section C, as a spreadsheet would hold it (empty cells are missing).
const FOUR_OBSERVERS = [
  'observer,1,2,3,4,5,6,7,8,9,10,11,12',
  'A,1,2,3,3,2,1,4,1,2,,,',
  'B,1,2,3,3,2,2,4,1,2,5,,3',
  'C,,3,3,3,2,3,4,2,2,5,1,',
  'D,1,2,3,3,2,4,4,1,2,5,1',
].join('\r\n');

describe('readRatersTable', () => {
  it('reads raters, units and values; empty cells and cells past a short row are missing', () => {
    const read = table(FOUR_OBSERVERS, 'interval');
    expect(read.raterColumn).toBe('observer');
    expect(read.units).toHaveLength(12);
    expect(read.raters).toEqual(['A', 'B', 'C', 'D']);
    expect(read.matrix[0]!.slice(8)).toEqual([2, null, null, null]);
    // D's row ends after unit 11: unit 12 is missing.
    expect(read.matrix[3]![11]).toBeNull();
  });

  it('keeps labels for nominal data and reads numbers as numbers ("1" and "1.0" are one value)', () => {
    const read = table(',a,b,c\n"Smith, J.", yes ,1,2.50\nLee,no,1.0,\n');
    expect(read.raters).toEqual(['Smith, J.', 'Lee']);
    expect(read.raterColumn).toBe('');
    expect(read.matrix).toEqual([['yes', 1, 2.5], ['no', 1, null]]);
  });

  it.each([
    ['', 1, /empty/],
    ['rater\nA\n', 1, /names no unit/],
    ['rater,u1\n', 1, /no rater rows/],
    ['rater,u1\nA,1\n,2\n', 3, /first cell is empty/],
    ['rater,u1\nA,1\nB,2\nA,3\n', 4, /"A" already has a row \(line 2\)/],
    ['rater,u1\nA,1,2\n', 2, /2 values, but the header names 1 units/],
    ['rater,u1\nA,"1"x\n', 2, /after a closing quote/],
    ['rater,u1,u2\nA,1,high\n', 2, /unit "u2": "high" is not a number/],
  ])('refuses %j at line %i', (text, line, message) => {
    const read = readRatersTable(text, 'ordinal');
    expect(read).toMatchObject({ ok: false, line });
    expect(!read.ok && read.message).toMatch(message);
  });

  it('refuses negative values only at the ratio level', () => {
    expect(readRatersTable('r,u1\nA,-2\nB,3\n', 'ratio')).toMatchObject({ ok: false, line: 2 });
    expect(readRatersTable('r,u1\nA,-2\nB,3\n', 'interval').ok).toBe(true);
  });
});

describe('summarizeAgreement', () => {
  it("gives Krippendorff's α on the pairable units and no κ for four raters with missing values", () => {
    const summary = summarizeAgreement(table(FOUR_OBSERVERS, 'ordinal'), 'ordinal');
    expect(summary.alpha).toBeCloseTo(0.815, 3);
    expect(summary).toMatchObject({ level: 'ordinal', units: 11, raters: 4 });
    expect(summary.kappa).toBeUndefined();
  });

  it("adds Cohen's κ for two raters: unweighted for nominal (Wikipedia's 0.40 table, unit by unit)", () => {
    // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    const pairs = [...Array(20).fill(['yes', 'yes']), ...Array(5).fill(['yes', 'no']), ...Array(10).fill(['no', 'yes']), ...Array(15).fill(['no', 'no'])] as [string, string][];
    const csv = [['rater', ...pairs.map((_, unit) => `u${unit + 1}`)], ['A', ...pairs.map(([a]) => a)], ['B', ...pairs.map(([, b]) => b)]].map((row) => row.join(',')).join('\n');
    const summary = summarizeAgreement(table(csv), 'nominal');
    expect(summary.kappa).toMatchObject({ method: 'cohen', weights: 'none', units: 50 });
    expect(summary.kappa?.value).toBeCloseTo(0.4, 12);
  });

  it('weights Cohen linearly for ordinal and quadratically for interval and ratio', () => {
    const csv = 'r,1,2,3,4,5,6\nA,1,1,2,5,5,2\nB,1,2,2,2,5,5\n';
    expect(summarizeAgreement(table(csv, 'ordinal'), 'ordinal').kappa).toMatchObject({ method: 'cohen', weights: 'linear' });
    expect(summarizeAgreement(table(csv, 'interval'), 'interval').kappa).toMatchObject({ method: 'cohen', weights: 'quadratic' });
    expect(summarizeAgreement(table(csv, 'ratio'), 'ratio').kappa).toMatchObject({ method: 'cohen', weights: 'quadratic' });
  });

  it("adds Fleiss' κ for three raters on nominal data when no cell is missing: 1/3 by hand", () => {
    // Units (y,y,y), (y,n,y), (n,n,n), (n,n,y): P_i = 1, 1/3, 1, 1/3 → P̄ = 2/3; shares ½, ½ → P̄e = ½; κ = 1/3.
    const csv = 'r,1,2,3,4\nA,y,y,n,n\nB,y,n,n,n\nC,y,y,n,y\n';
    const summary = summarizeAgreement(table(csv), 'nominal');
    expect(summary.kappa).toMatchObject({ method: 'fleiss', units: 4 });
    expect(summary.kappa?.value).toBeCloseTo(1 / 3, 12);
    expect(summarizeAgreement(table('r,1,2,3,4\nA,y,y,n,n\nB,y,n,n,n\nC,y,y,n,\n'), 'nominal').kappa).toBeUndefined();
  });

  it('says why α is undefined', () => {
    const summary = summarizeAgreement(table('r,1,2\nA,3,3\nB,3,3\n', 'interval'), 'interval');
    expect(summary.alpha).toBeNull();
    expect(summary.reason).toMatch(/variation/);
  });
});
