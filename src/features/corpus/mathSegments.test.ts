import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { mathSegments } from './mathSegments';

describe('math segments', () => {
  it('finds every delimiter kind and keeps the text between', () => {
    expect(mathSegments('Let $x$ be $$x^2$$ and \\(y\\) or \\[z\\] costs \\$5.')).toEqual([
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
    expect(segments[0]).toEqual({ kind: 'text', text: '<script>alert(1)</script> ' });
    const html = katex.renderToString((segments[1] as { tex: string }).tex, { throwOnError: false });
    expect(html).not.toMatch(/<img|<script/);
  });
});
