import { describe, expect, it } from 'vitest';
import { findProtectedSpans } from './mathSpans';

const spanTexts = (text: string) => findProtectedSpans(text).map((span) => [span.kind, text.slice(span.start, span.end)]);

describe('findProtectedSpans', () => {
  it('finds inline and display math in all four delimiters', () => {
    const text = 'Let $x^2$ and \\(y\\). Then $$a+b$$ and \\[c = d\\] hold.';
    expect(spanTexts(text)).toEqual([
      ['inline-math', '$x^2$'],
      ['inline-math', '\\(y\\)'],
      ['display-math', '$$a+b$$'],
      ['display-math', '\\[c = d\\]'],
    ]);
  });

  it('treats escaped dollars as text', () => {
    expect(spanTexts('It costs \\$5 and \\$6, and $x$ is math.')).toEqual([['inline-math', '$x$']]);
    expect(spanTexts('A \\$ sign then $a \\$ b$ closes on the unescaped dollar.')).toEqual([['inline-math', '$a \\$ b$']]);
  });

  it('does not let an unclosed dollar swallow the following paragraphs', () => {
    const text = 'Prices: $5 for one.\n\nLater $y$ is math.';
    expect(spanTexts(text)).toEqual([['inline-math', '$y$']]);
  });

  it('lets display math span lines but not a blank line', () => {
    expect(spanTexts('$$\na\n= b\n$$')).toEqual([['display-math', '$$\na\n= b\n$$']]);
    expect(spanTexts('$$ a\n\n b $$ c')).toEqual([]);
  });

  it('matches nested environments of the same name, across blank lines', () => {
    const text = '\\begin{align}\na \\begin{align} b \\end{align}\n\nc\n\\end{align} after';
    expect(spanTexts(text)).toEqual([['environment', text.slice(0, text.indexOf(' after'))]]);
    expect(spanTexts('\\begin{proof} never closed $z$')).toEqual([['inline-math', '$z$']]);
  });

  it('protects fenced code and inline code; dollars inside code are not math', () => {
    const text = 'Code:\n```cpp\nint $a = 1;\n\nreturn $a;\n```\nand `x$y` then $z$.';
    expect(spanTexts(text)).toEqual([
      ['code', '```cpp\nint $a = 1;\n\nreturn $a;\n```'],
      ['code', '`x$y`'],
      ['inline-math', '$z$'],
    ]);
  });

  it('treats an unclosed fence as text', () => {
    expect(spanTexts('```\nno end $q$')).toEqual([['inline-math', '$q$']]);
  });

  it('protects a Markdown table from its header to its last row', () => {
    const text = 'Intro\n| n | f(n) |\n|---|:---:|\n| 1 | $1$ |\n| 2 | 2 |\n\nAfter.';
    expect(spanTexts(text)).toEqual([['table', '| n | f(n) |\n|---|:---:|\n| 1 | $1$ |\n| 2 | 2 |']]);
  });
});
