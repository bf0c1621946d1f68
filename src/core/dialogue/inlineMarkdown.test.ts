import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inlineMarkdown } from './inlineMarkdown';

const show = (text: string) => inlineMarkdown(text).map((r) => `${r.style}:${text.slice(r.start, r.end)}`);

describe('inline markdown', () => {
  it('finds bold, emphasis and code, and leaves arithmetic and unclosed markers alone', () => {
    expect(show('**Turn 3** then *why* and `x+1`')).toEqual(['strong:Turn 3', 'plain: then ', 'em:why', 'plain: and ', 'code:x+1']);
    expect(show('2 * 3 * 4 = 24')).toEqual(['plain:2 * 3 * 4 = 24']);
    expect(show('a **b\nc** d')).toEqual(['plain:a **b\nc** d']);
    expect(show('<img src=x onerror=alert(1)>')).toEqual(['plain:<img src=x onerror=alert(1)>']);
    expect(show('window.__pwned = 1; x.__y__ and __bold__')).toEqual(['plain:window.__pwned = 1; x.__y__ and ', 'strong:bold']);
  });

  it('gives ordered, non-overlapping runs inside the text whose content is never a marker (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '*', '**', '`', '_', '__', '\n', 'x')).map((p) => p.join('')), (text) => {
        let at = 0;
        for (const run of inlineMarkdown(text)) {
          expect(run.start).toBeGreaterThanOrEqual(at);
          expect(run.end).toBeGreaterThanOrEqual(run.start);
          expect(run.end).toBeLessThanOrEqual(text.length);
          at = run.end;
        }
        const covered = inlineMarkdown(text).reduce((n, r) => n + (r.end - r.start), 0);
        expect(covered).toBeLessThanOrEqual(text.length);
      }),
    );
  });
});
