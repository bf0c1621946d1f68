import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument, type Chunk } from './chunk';
import { HOSTILE_FAMILIES } from './hostileFamilies';
import { findProtectedSpans } from './mathSpans';
import { measureScaling, scanCharacters } from './measureScaling';

/** Linear work gives about 4 from n to 4n; quadratic about 16. 8 leaves room for noise on a loaded machine. */
const MAX_GROWTH_FOR_4X = 8;

function expectWholeAndUncut(text: string, chunks: Chunk[]): void {
  const spans = findProtectedSpans(text);
  let cursor = 0;
  for (const chunk of chunks) {
    expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
    expect(/^\s*$/.test(text.slice(cursor, chunk.start))).toBe(true);
    expect(chunk.text.trim()).toBe(chunk.text);
    cursor = chunk.end;
  }
  expect(/^\s*$/.test(text.slice(cursor))).toBe(true);
  for (const span of spans) {
    expect(span.start).toBeLessThan(span.end);
    expect(text.slice(span.start, span.end).trim()).toBe(text.slice(span.start, span.end));
    const holder = chunks.filter((chunk) => chunk.start < span.end && span.start < chunk.end);
    expect(holder.length).toBeLessThanOrEqual(1);
    if (holder[0]) expect(holder[0].start <= span.start && span.end <= holder[0].end).toBe(true);
  }
}

describe('chunking hostile families', () => {
  it('chunks 123,600 one-letter words on one line (a spread of them overflowed the stack)', () => {
    const text = 'a '.repeat(123_600);
    const chunks = chunkDocument(text);
    expect(chunks.length).toBeGreaterThan(100);
    expectWholeAndUncut(text, chunks);
  });

  for (const family of HOSTILE_FAMILIES) {
    it(`stays linear: ${family.name}`, () => {
      const text = family.make(20_000);
      expectWholeAndUncut(text, chunkDocument(text));
      // The span finder is fast, so it is measured up to a million characters: a rescan that is cheap per step
      // (an indexOf to the end of the text for every line) only shows at that size.
      const spans = measureScaling(family.make, (input) => findProtectedSpans(input), { size: 250_000, baseline: scanCharacters });
      expect(spans.ratio, `findProtectedSpans, ${family.name}: ${JSON.stringify(spans)}`).toBeLessThan(MAX_GROWTH_FOR_4X);
      const chunks = measureScaling(family.make, (input) => chunkDocument(input), { size: 25_000, baseline: scanCharacters });
      expect(chunks.ratio, `chunkDocument, ${family.name}: ${JSON.stringify(chunks)}`).toBeLessThan(MAX_GROWTH_FOR_4X);
    });
  }
});

describe('chunking examples from the hostile-input report', () => {
  it('an indented fence and an indented table start at their first visible character', () => {
    const text = 'Intro paragraph.\n\n   ```\n   code line\n   ```   \n\n  | a | b |\n  |---|---|\n  | 1 | 2 |  \n\nEnd.';
    const spans = findProtectedSpans(text);
    expect(spans.map((span) => [span.kind, text.slice(span.start, span.end)])).toEqual([
      ['code', '```\n   code line\n   ```'],
      ['table', '| a | b |\n  |---|---|\n  | 1 | 2 |'],
    ]);
    for (const options of [{ minTokens: 0, targetTokens: 1, maxTokens: 1 }, {}]) expectWholeAndUncut(text, chunkDocument(text, options));
  });

  it('a document that starts with an indented fence is not cut inside it', () => {
    const text = '  ```\n  x = 1\n  ```\n\nafter the code';
    expectWholeAndUncut(text, chunkDocument(text, { minTokens: 0, targetTokens: 1, maxTokens: 2 }));
  });

  it('a backtick run with no closer is text as a whole, so a shorter run inside it opens nothing', () => {
    expect(findProtectedSpans('``x and `y`')).toEqual([{ start: 8, end: 11, kind: 'code' }]);
  });

  it('nested \\begin{x} with one \\end{x} matches the innermost', () => {
    const text = '\\begin{x} \\begin{x} a \\end{x} b';
    expect(findProtectedSpans(text)).toEqual([{ start: 10, end: 29, kind: 'environment' }]);
  });

  it('a fence closes on the first later fence of the same character that is at least as long', () => {
    const text = '````\na\n```\nb\n~~~~\nc\n`````\nafter';
    expect(findProtectedSpans(text).map((span) => text.slice(span.start, span.end))).toEqual(['````\na\n```\nb\n~~~~\nc\n`````']);
  });

  it('a closing fence may end with a carriage return', () => {
    const text = '```\r\ncode\r\n```\r\nafter';
    expect(findProtectedSpans(text).map((span) => text.slice(span.start, span.end))).toEqual(['```\r\ncode\r\n```']);
  });
});

/** Delimiters and whitespace in every combination, plus arbitrary Unicode (lone surrogates included). */
const delimiterSoup = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('$', '$$', '\\(', '\\)', '\\[', '\\]', '\\', '`', '```', '~~~', '|', '|--|', ':-', '\\begin{a}', '\\end{a}', '\\begin{b}', '\\end{b}', '\\$') },
      { weight: 5, arbitrary: fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', '\r\n', ' \n ', '\u00a0', '\u2028') },
      { weight: 3, arbitrary: fc.constantFrom('word', 'x', 'Eq.', 'end.', '# H', '- item', '1.', '> q') },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

describe('chunking properties over delimiter soups and arbitrary Unicode', () => {
  it('never throws, rebuilds the document and never cuts inside a span', () => {
    fc.assert(
      fc.property(delimiterSoup, fc.integer({ min: 0, max: 30 }), (text, min) => {
        const options = { minTokens: min, targetTokens: min + 5, maxTokens: min + 15 };
        expectWholeAndUncut(text, chunkDocument(text, options));
      }),
      { numRuns: 400 },
    );
  });

  it('finds the same spans in a chunk on its own as in the document', () => {
    fc.assert(
      fc.property(delimiterSoup, (text) => {
        const spans = findProtectedSpans(text);
        for (const chunk of chunkDocument(text, { minTokens: 0, targetTokens: 3, maxTokens: 6 })) {
          const inside = spans
            .filter((span) => span.start >= chunk.start && span.end <= chunk.end && span.kind !== 'table')
            .map((span) => ({ ...span, start: span.start - chunk.start, end: span.end - chunk.start }));
          expect(findProtectedSpans(chunk.text).filter((span) => span.kind !== 'table')).toEqual(inside);
        }
      }),
      { numRuns: 300 },
    );
  });
});
