import { describe, expect, it } from 'vitest';
import { highlightSnippet } from './highlight';

const marked = (text: string, query: string, width?: number) =>
  highlightSnippet(text, query, width).map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('highlighted snippets', () => {
  it('marks the words the query matched, longer words its 4+ letter words begin, case-insensitively', () => {
    expect(marked('An Integral and integrals, not integ.', 'integ')).toBe('An [Integral] and [integrals], not [integ].');
    expect(marked('a set, a subset, sets', 'set')).toBe('a [set], a subset, sets');
    expect(marked('the group of units', 'group units')).toBe('the [group] of [units]');
  });

  it('opens the window shortly before the first match, on a word boundary, with ellipses where text is cut', () => {
    const text = `${'word '.repeat(40)}eigenvalue of the matrix ${'tail '.repeat(40)}`;
    const snippet = marked(text, 'eigenvalue', 60);
    expect(snippet.startsWith('…word ')).toBe(true);
    expect(snippet).toContain('[eigenvalue] of the matrix');
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(60 + 4);
  });

  it('shows the start of the text unmarked without a query or a match, and keeps markup as text', () => {
    expect(marked('<img src=x onerror=alert(1)> prime', '')).toBe('<img src=x onerror=alert(1)> prime');
    expect(marked('<script>x</script> prime', 'prime')).toBe('<script>x</script> [prime]');
    expect(marked('nothing here', 'eigenvalue')).toBe('nothing here');
  });
});
