import { describe, expect, it } from 'vitest';
import katex from 'katex';
import fc from 'fast-check';
import { mathSegments, type Segment } from './mathSegments';

const withoutOffsets = (segments: Segment[]) => segments.map(({ start: _start, end: _end, ...rest }) => rest);

describe('math segments', () => {
  it('finds every delimiter kind and keeps the text between', () => {
    expect(withoutOffsets(mathSegments('Let $x$ be $$x^2$$ and \\(y\\) or \\[z\\] costs \\$5.'))).toEqual([
      { kind: 'text', text: 'Let ' },
      { kind: 'math', tex: 'x', display: false },
      { kind: 'text', text: ' be ' },
      { kind: 'math', tex: 'x^2', display: true },
      { kind: 'text', text: ' and ' },
      { kind: 'math', tex: 'y', display: false },
      { kind: 'text', text: ' or ' },
      { kind: 'math', tex: 'z', display: true },
      { kind: 'text', text: ' costs \\$5.' },
    ]);
  });

  it('leaves HTML in text as text, and KaTeX escapes HTML inside math', () => {
    const segments = mathSegments('<script>alert(1)</script> $<img src=x onerror=alert(1)>$');
    expect(segments[0]).toMatchObject({ kind: 'text', text: '<script>alert(1)</script> ' });
    const html = katex.renderToString((segments[1] as { tex: string }).tex, { throwOnError: false });
    expect(html).not.toMatch(/<img|<script/);
  });
});

describe('math segments follow the chunking rules', () => {
  it('renders a LaTeX environment as display math and leaves math inside code alone', () => {
    expect(withoutOffsets(mathSegments('See\n\\begin{align}a&=b\\\\c&=d\\end{align}\nand `$x$`.'))).toEqual([
      { kind: 'text', text: 'See\n' },
      { kind: 'math', tex: '\\begin{align}a&=b\\\\c&=d\\end{align}', display: true },
      { kind: 'text', text: '\nand `$x$`.' },
    ]);
  });

  it('treats a dollar with no closer in its paragraph as text', () => {
    expect(withoutOffsets(mathSegments('It costs $5.\n\nThen $y$.'))).toEqual([
      { kind: 'text', text: 'It costs $5.\n\nThen ' },
      { kind: 'math', tex: 'y', display: false },
      { kind: 'text', text: '.' },
    ]);
  });
});

describe('math segment offsets', () => {
  it('cover the text end to end, each run exactly where it lies (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '$', '$$', 'x^2', '\\(', '\\)', '\\[', '\\]', '\n', '`', '\\begin{align}', '\\end{align}')).map((parts) => parts.join('')), (text) => {
        let at = 0;
        for (const segment of mathSegments(text)) {
          expect(segment.start).toBe(at);
          if (segment.kind === 'text') expect(text.slice(segment.start, segment.end)).toBe(segment.text);
          else expect(text.slice(segment.start, segment.end)).toContain(segment.tex);
          at = segment.end;
        }
        expect(at).toBe(text.length);
      }),
    );
  });
});
