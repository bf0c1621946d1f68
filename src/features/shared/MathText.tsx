import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo, type ReactNode } from 'react';
import { mathSegments } from '../../core/chunking/mathSegments';
import { inlineMarkdown, type InlineRun } from '../../core/dialogue/inlineMarkdown';

export interface Highlight {
  start: number;
  end: number;
  kind: 'kept' | 'introduced';
  category: string;
}

const HIGHLIGHT_TITLE = { kept: 'also in the source', introduced: 'not in the source' } as const;

function Mark({ highlight, children }: { highlight: Highlight; children: ReactNode }) {
  return (
    <mark className={`signal signal-${highlight.kind}`} title={`${highlight.category}: ${HIGHLIGHT_TITLE[highlight.kind]}`} data-signal={highlight.kind}>
      {children}
    </mark>
  );
}

/** A run's text cut at the highlights that fall inside it. */
function highlighted(text: string, run: InlineRun, highlights: readonly Highlight[], key: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = run.start;
  for (const h of highlights) {
    if (h.end <= at || h.start >= run.end) continue;
    const start = Math.max(h.start, at);
    const end = Math.min(h.end, run.end);
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<Mark key={`${key}-${start}`} highlight={h}>{text.slice(start, end)}</Mark>);
    at = end;
  }
  if (at < run.end) parts.push(text.slice(at, run.end));
  return parts;
}

const NO_HIGHLIGHTS: readonly Highlight[] = [];
const STYLE_TAG = { strong: 'strong', em: 'em', code: 'code' } as const;

/**
 * Web text and dialogues as a reader wants them: inline markdown and KaTeX math, with the review desk's faithfulness
 * signals marked when given (kept: in both texts; introduced: only in the dialogue). Web text may carry HTML or
 * scripts: text is React text, never HTML; only KaTeX's own output (it escapes its input, `trust` off) is set as HTML.
 */
export function MathText({ text, highlights = NO_HIGHLIGHTS }: { text: string; highlights?: readonly Highlight[] }) {
  const nodes = useMemo(() => {
    const out: ReactNode[] = [];
    for (const segment of mathSegments(text)) {
      const key = String(segment.start);
      if (segment.kind === 'math') {
        const html = katex.renderToString(segment.tex, { throwOnError: false, displayMode: segment.display, trust: false, strict: 'ignore' });
        const math = <span key={key} className={segment.display ? 'math-display' : undefined} dangerouslySetInnerHTML={{ __html: html }} />;
        const mark = highlights.find((h) => h.start < segment.end && h.end > segment.start);
        out.push(mark ? <Mark key={key} highlight={mark}>{math}</Mark> : math);
        continue;
      }
      for (const run of inlineMarkdown(text, segment.start, segment.end)) {
        const parts = highlighted(text, run, highlights, `${key}-${run.start}`);
        if (run.style === 'plain') out.push(...parts.map((p, i) => (typeof p === 'string' ? <span key={`${key}-${run.start}-${i}`}>{p}</span> : p)));
        else {
          const Tag = STYLE_TAG[run.style];
          out.push(<Tag key={`${key}-${run.start}`}>{parts}</Tag>);
        }
      }
    }
    return out;
  }, [text, highlights]);
  return <div className="math-text">{nodes}</div>;
}
