import { describe, expect, it } from 'vitest';
import { countTokenFeatures, estimateTokens, estimateTokensMilli, tokenPrefixSums, TOKEN_WEIGHTS_MILLI } from './estimateTokens';
import fixture from './tokenCounts.fixture.json';

// Real Llama 2 token counts of six chunks of the math sample, written by `node cli/calibrate-tokens.mjs --write-fixture`.
describe('estimateTokens', () => {
  it('stays within 10% of the real Llama 2 count on each fixture text and within 5% on average', () => {
    expect(fixture.length).toBeGreaterThanOrEqual(5);
    const errors = fixture.map(({ text, llama2Tokens }) => Math.abs(estimateTokens(text) - llama2Tokens) / llama2Tokens);
    for (const error of errors) expect(error).toBeLessThan(0.1);
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeLessThan(0.05);
  });

  it('is additive across whitespace, which chunk sizing relies on', () => {
    const left = 'Let $\\alpha_1 = 3.5$, über';
    const right = 'x\\in\\mathbb{R}^{n}.';
    expect(estimateTokensMilli(`${left} \n${right}`)).toBe(
      estimateTokensMilli(left) + estimateTokensMilli(' \n') + estimateTokensMilli(right),
    );
    const prefix = tokenPrefixSums(`${left} \n${right}`);
    expect(prefix.at(-1) - prefix.at(left.length + 2)).toBe(estimateTokensMilli(right));
  });

  it('answers every prefix from sums sampled every 16 characters, the same as counting the prefix', () => {
    const text = 'Let $x_1$ be über-real, 12 ways.\n'.repeat(9) + 'αβγ 𝔽 word';
    const prefix = tokenPrefixSums(text);
    for (let k = 0; k <= text.length; k += 1) {
      // Cutting inside a word changes the word-start count, so compare with a count of the same characters.
      expect(prefix.at(k)).toBe(estimateTokensMilli(text.slice(0, k)));
    }
  });

  it('is the weighted sum of its features', () => {
    const text = 'Sum: $\\sum_{k=1}^{10} k = 55$ — ∎\n';
    const counts = countTokenFeatures(text);
    const weighted = (Object.keys(TOKEN_WEIGHTS_MILLI) as (keyof typeof TOKEN_WEIGHTS_MILLI)[]).reduce(
      (sum, name) => sum + counts[name] * TOKEN_WEIGHTS_MILLI[name],
      0,
    );
    expect(estimateTokensMilli(text)).toBe(weighted);
    expect(estimateTokens('')).toBe(0);
  });
});
