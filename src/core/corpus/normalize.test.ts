import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, normalizeForDedup } from './normalize';

describe('normalizeForDedup', () => {
  it('applies NFC, collapses every whitespace run to one space and trims', () => {
    expect(normalizeForDedup('  e\u0301 \t\r\n\n x\u00a0y\u2003z  ')).toBe('\u00e9 x y z');
  });

  it('keeps case, punctuation and LaTeX', () => {
    expect(normalizeForDedup('Let $X$ be\n\\emph{big}.')).toBe('Let $X$ be \\emph{big}.');
  });
});

describe('contentHash', () => {
  it('is the SHA-256 hex of the normalized text', async () => {
    const expected = createHash('sha256').update('\u00e9 x y', 'utf8').digest('hex');
    expect(await contentHash(' e\u0301\n x  y ')).toBe(expected);
  });

  it('gives the same hash to texts that differ only in whitespace or composition, and differs otherwise', async () => {
    expect(await contentHash('a  b\n')).toBe(await contentHash('a b'));
    expect(await contentHash('$X$')).not.toBe(await contentHash('$x$'));
  });
});
