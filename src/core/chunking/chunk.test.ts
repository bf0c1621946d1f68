import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBoundaries } from './boundaries';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS, type Chunk, type ChunkOptions } from './chunk';
import { estimateTokens } from './estimateTokens';
import { findProtectedSpans, type ProtectedSpan } from './mathSpans';

const SAMPLE = fileURLToPath(new URL('../../../../shared/data/owm_sample.jsonl', import.meta.url));

const isWhitespace = (text: string) => /^\s*$/.test(text);

/** The documented whitespace rule: chunks are exact slices, in order, separated (and surrounded) by whitespace. */
function expectRebuilds(text: string, chunks: Chunk[]): void {
  let cursor = 0;
  chunks.forEach((chunk, index) => {
    expect(chunk.index).toBe(index);
    expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
    expect(chunk.start).toBeGreaterThanOrEqual(cursor);
    expect(isWhitespace(text.slice(cursor, chunk.start))).toBe(true);
    expect(chunk.text).toBe(chunk.text.trim());
    cursor = chunk.end;
  });
  expect(isWhitespace(text.slice(cursor))).toBe(true);
}

function expectNoCutInsideSpans(text: string, chunks: Chunk[], spans: ProtectedSpan[]): void {
  for (const chunk of chunks) {
    for (const span of spans) {
      const overlaps = span.start < chunk.end && span.end > chunk.start;
      if (overlaps) expect(span.start >= chunk.start && span.end <= chunk.end).toBe(true);
    }
    // Nothing opened in a chunk stays open: the chunk alone shows exactly the document's math spans inside it.
    const inside = spans
      .filter((span) => span.start >= chunk.start && span.end <= chunk.end && span.kind !== 'table')
      .map((span) => ({ ...span, start: span.start - chunk.start, end: span.end - chunk.start }));
    expect(findProtectedSpans(chunk.text).filter((span) => span.kind !== 'table')).toEqual(inside);
    const isMath = (span: ProtectedSpan) => span.kind !== 'code' && span.kind !== 'table';
    expect(chunk.mathSpans).toBe(inside.filter(isMath).length);
  }
}

/** Largest stretch between cut points (a protected span or a word) inside the chunk, in estimated tokens. */
function largestUnbreakable(text: string, chunk: Chunk, spans: ProtectedSpan[]): number {
  const cuts = findBoundaries(text, spans).filter((cut) => cut.start >= chunk.start && cut.end <= chunk.end);
  let largest = 0;
  let start = chunk.start;
  for (const cut of [...cuts, { start: chunk.end, end: chunk.end }]) {
    largest = Math.max(largest, estimateTokens(text.slice(start, cut.start)));
    start = cut.end;
  }
  return largest;
}

function expectSizes(text: string, chunks: Chunk[], options: ChunkOptions, spans: ProtectedSpan[]): void {
  chunks.forEach((chunk, index) => {
    expect(chunk.tokens).toBe(estimateTokens(chunk.text));
    expect(chunk.oversized).toBe(chunk.tokens > options.maxTokens);
    if (chunk.oversized) expect(largestUnbreakable(text, chunk, spans)).toBeGreaterThan(options.maxTokens);
    if (chunk.tokens < options.minTokens && chunks.length > 1) {
      // A short chunk remains only where either neighbour would go over max by taking it.
      const previous = chunks[index - 1];
      const next = chunks[index + 1];
      if (previous) expect(estimateTokens(text.slice(previous.start, chunk.end))).toBeGreaterThan(options.maxTokens);
      if (next) expect(estimateTokens(text.slice(chunk.start, next.end))).toBeGreaterThan(options.maxTokens);
    }
  });
}

const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
const mathBody = fc.stringMatching(/^[a-z0-9+\-=^_{}\\ ]{1,30}$/).filter((body) => !body.endsWith('\\'));
const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 25 }), fc.constantFrom('.', '?', '!', ',', ''))
  .map(([words, end]) => `${words.join(' ')}${end}`);
const piece = fc.oneof(
  { weight: 8, arbitrary: sentence },
  { weight: 3, arbitrary: mathBody.map((body) => `$${body}$`) },
  { weight: 2, arbitrary: fc.array(mathBody, { minLength: 1, maxLength: 4 }).map((lines) => `$$\n${lines.join('\n')}\n$$`) },
  { weight: 1, arbitrary: mathBody.map((body) => `\\[${body}\\]`) },
  {
    weight: 1,
    arbitrary: fc
      .array(mathBody, { minLength: 1, maxLength: 30 })
      .map((lines) => `\\begin{align}\n${lines.join(' \\\\\n')}\n\\end{align}`),
  },
  { weight: 1, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 8 }).map((lines) => `\n\`\`\`\n${lines.join('\n\n')}\n\`\`\`\n`) },
  { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 6 }).map((cells) => `\n| a | b |\n|---|---|\n${cells.map((cell) => `| ${cell} | $x$ |`).join('\n')}\n`) },
  { weight: 1, arbitrary: fc.constantFrom('\\$5', 'costs $3 only', '$', '`a$b`', '\\(', 'x\\)') },
);
const documentText = fc
  .array(fc.tuple(piece, fc.constantFrom(' ', ' ', '\n', '\n\n', '\n\n\n', '  ')), { maxLength: 120 })
  .map((parts) => parts.map(([text, gap]) => `${text}${gap}`).join(''));
const chunkOptions = fc
  .tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 600 }))
  .map(([min, extraTarget, extraMax]): ChunkOptions => ({
    minTokens: min,
    targetTokens: Math.max(1, min + extraTarget),
    maxTokens: Math.max(1, min + extraTarget + extraMax, 2 * min),
    shortChunks: 'merge',
  }));

describe('chunkDocument properties', () => {
  it('rebuilds the document, never cuts a protected span, keeps sizes in range, is deterministic', () => {
    fc.assert(
      fc.property(documentText, chunkOptions, (text, options) => {
        const chunks = chunkDocument(text, options);
        const spans = findProtectedSpans(text);
        expectRebuilds(text, chunks);
        expectNoCutInsideSpans(text, chunks, spans);
        expectSizes(text, chunks, options, spans);
        expect(chunkDocument(text, options)).toEqual(chunks);
      }),
      { numRuns: 300 },
    );
  });

  it('drop mode keeps exactly the merge-mode chunks of at least minTokens', () => {
    fc.assert(
      fc.property(documentText, chunkOptions, (text, options) => {
        const kept = chunkDocument(text, { ...options, shortChunks: 'merge' }).filter(
          (chunk) => chunk.tokens >= options.minTokens,
        );
        const dropped = chunkDocument(text, { ...options, shortChunks: 'drop' });
        expect(dropped.map(({ start, end }) => [start, end])).toEqual(kept.map(({ start, end }) => [start, end]));
        expect(dropped.map((chunk) => chunk.index)).toEqual(dropped.map((_, index) => index));
      }),
      { numRuns: 150 },
    );
  });
});

describe('chunkDocument examples', () => {
  it('keeps a long formula whole and flags the chunk oversized', () => {
    const formula = `$$${Array.from({ length: 400 }, (_, i) => `x_{${i}}`).join('+')}$$`;
    const text = `Intro sentence here.\n\n${formula}\n\nA closing remark.`;
    const chunks = chunkDocument(text, { minTokens: 10, targetTokens: 100, maxTokens: 200 });
    const holder = chunks.find((chunk) => chunk.text.includes(formula));
    expect(holder?.oversized).toBe(true);
    expect(chunks.filter((chunk) => chunk.oversized)).toHaveLength(1);
  });

  it('prefers paragraph breaks to sentence breaks', () => {
    const paragraph = (n: number) => Array.from({ length: 6 }, (_, i) => `Sentence ${n}-${i} talks about groups and rings.`).join(' ');
    const text = [1, 2, 3, 4].map(paragraph).join('\n\n');
    const chunks = chunkDocument(text, { minTokens: 20, targetTokens: 120, maxTokens: 200 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text.endsWith('rings.')).toBe(true);
    for (const chunk of chunks.slice(0, -1)) expect(text.slice(chunk.end, chunk.end + 2)).toBe('\n\n');
  });

  it('returns one short chunk for a short document, none for blank text, none in drop mode', () => {
    expect(chunkDocument('  Just $x$.  ')).toMatchObject([{ text: 'Just $x$.', start: 2, end: 11, mathSpans: 1 }]);
    expect(chunkDocument(' \n\t ')).toEqual([]);
    expect(chunkDocument('Just $x$.', { shortChunks: 'drop' })).toEqual([]);
  });

  it('rejects impossible size settings', () => {
    expect(() => chunkDocument('text', { minTokens: 600 })).toThrow(/min <= target <= max/);
  });

  it('sizes chunks with a custom token counter', () => {
    const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
    const text = Array.from({ length: 50 }, (_, i) => `Claim ${i} holds.`).join(' ');
    const chunks = chunkDocument(text, { minTokens: 10, targetTokens: 30, maxTokens: 40 }, words);
    for (const chunk of chunks) {
      expect(chunk.tokens).toBe(words(chunk.text));
      expect(chunk.tokens).toBeLessThanOrEqual(40);
      expect(chunk.tokens).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('chunkDocument on the 320 sample documents', () => {
  const documents = readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { url: string; text: string });

  it('chunks every document with the default options: exact slices, no protected span cut, sizes in range', () => {
    expect(documents).toHaveLength(320);
    let chunkCount = 0;
    let shortCount = 0;
    for (const { text } of documents) {
      const chunks = chunkDocument(text);
      const spans = findProtectedSpans(text);
      expectRebuilds(text, chunks);
      expectNoCutInsideSpans(text, chunks, spans);
      expectSizes(text, chunks, DEFAULT_CHUNK_OPTIONS, spans);
      for (const chunk of chunks) {
        if (!chunk.oversized) expect(chunk.tokens).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxTokens);
        if (chunks.length > 1 && chunk.tokens < DEFAULT_CHUNK_OPTIONS.minTokens) shortCount += 1;
      }
      chunkCount += chunks.length;
    }
    expect(chunkCount).toBeGreaterThan(320);
    // Only where a neighbour near max (checked above) could not take it: one chunk in the whole sample.
    expect(shortCount).toBeLessThanOrEqual(chunkCount / 100);
  });

  it('keeps the segment-tree article formulas and code whole at a small target', () => {
    const longest = documents.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const chunks = chunkDocument(longest.text, { minTokens: 50, targetTokens: 200, maxTokens: 300 });
    expectNoCutInsideSpans(longest.text, chunks, findProtectedSpans(longest.text));
    expect(chunks.length).toBeGreaterThan(20);
  });
});
