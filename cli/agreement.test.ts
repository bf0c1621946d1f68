import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './testing/runCli';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-agreement-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers × 12 units.
const fourObservers = file(
  'four-observers.csv',
  [',1,2,3,4,5,6,7,8,9,10,11,12', 'A,1,2,3,3,2,1,4,1,2,,,', 'B,1,2,3,3,2,2,4,1,2,5,,3', 'C,,3,3,3,2,3,4,2,2,5,1,', 'D,1,2,3,3,2,4,4,1,2,5,1,'].join('\n'),
);

describe('mind-lab agreement', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ])("prints Krippendorff's α at the %s level: %s", async (level, published) => {
    const result = await runCli(['agreement', fourObservers, '--level', level]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.alpha).toBeCloseTo(published, 3);
    expect(summary).toMatchObject({ level, units: 11, raters: 4 });
    // Four raters with missing cells: neither Cohen nor Fleiss applies.
    expect(summary.kappa).toBeUndefined();
  });

  it("adds Cohen's κ for two raters (quoted names and labels), quadratic for interval", async () => {
    const nominal = file('two.csv', 'rater,"unit, first",u2,u3,u4\n"Smith, J.",yes,no,yes,"no"\nLee,yes,no,no,no\n');
    const summary = JSON.parse((await runCli(['agreement', nominal, '--level', 'nominal'])).stdout);
    // Table [[1,1],[0,2]]: p_o = 3/4, p_e = (2·1 + 2·3)/16 = 1/2 → κ = 1/2.
    expect(summary.kappa).toMatchObject({ method: 'cohen', weights: 'none', units: 4 });
    expect(summary.kappa.value).toBeCloseTo(0.5, 12);

    const scores = file('scores.csv', 'r,1,2,3,4,5,6\nA,1,1,2,5,5,2\nB,1,2,2,2,5,5\n');
    const interval = JSON.parse((await runCli(['agreement', scores, '--level', 'interval'])).stdout);
    expect(interval.kappa).toMatchObject({ method: 'cohen', weights: 'quadratic', units: 6 });
  });

  it("adds Fleiss' κ for three raters on complete nominal data", async () => {
    const complete = file('three.csv', 'r,1,2,3,4\nA,y,y,n,n\nB,y,n,n,n\nC,y,y,n,y\n');
    const summary = JSON.parse((await runCli(['agreement', complete, '--level', 'nominal'])).stdout);
    expect(summary.kappa).toMatchObject({ method: 'fleiss', units: 4 });
    expect(summary.kappa.value).toBeCloseTo(1 / 3, 12);
  });

  it('prints null with a reason when α is undefined', async () => {
    const same = file('same.csv', 'r,1,2\nA,3,3\nB,3,3\n');
    const result = await runCli(['agreement', same, '--level', 'ordinal']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.alpha).toBeNull();
    expect(summary.reason).toMatch(/variation/);
  });

  it('names the file and line of a bad file and exits 1', async () => {
    const labels = file('labels.csv', 'r,u1,u2\nA,1,2\nB,2,high\n');
    const result = await runCli(['agreement', labels, '--level', 'interval']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${labels}:3: unit "u2": "high" is not a number; the interval level needs numbers (use nominal for labels).\n`);

    const unclosed = file('unclosed.csv', 'r,u1\nA,"1\nB,2\n');
    expect((await runCli(['agreement', unclosed, '--level', 'nominal'])).stderr).toMatch(new RegExp(`^${unclosed.replaceAll('/', '\\/')}:2: .*never closed`));

    const missing = await runCli(['agreement', join(work, 'nope.csv'), '--level', 'nominal']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: no such file/);
  });

  it('refuses a missing or unknown level and a missing file with a usage error (exit 2)', async () => {
    const noLevel = await runCli(['agreement', fourObservers]);
    expect(noLevel.code).toBe(2);
    expect(noLevel.stderr).toMatch(/--level must be one of nominal, ordinal, interval, ratio/);
    const badLevel = await runCli(['agreement', fourObservers, '--level', 'cardinal']);
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toMatch(/got "cardinal"/);
    expect((await runCli(['agreement', '--level', 'nominal'])).code).toBe(2);
    expect((await runCli(['agreement', fourObservers, '-o', 'x'])).code).toBe(2);
  });

  it('is described in --help', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/mind-lab agreement FILE --level/);
  });
});
