import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';
import { mathSegments } from '../../core/chunking/mathSegments';

/**
 * Web text may carry HTML or scripts: plain runs are React text (escaped); only KaTeX's own output, which escapes
 * its input and has `trust` off, is set as HTML.
 */
export function MathText({ text }: { text: string }) {
  const parts = useMemo(() => mathSegments(text).map((segment) =>
    segment.kind === 'text'
      ? segment
      : { ...segment, html: katex.renderToString(segment.tex, { throwOnError: false, displayMode: segment.display, trust: false, strict: 'ignore' }) }), [text]);
  return (
    <div className="math-text">
      {parts.map((part, i) =>
        part.kind === 'text'
          ? <span key={i}>{part.text}</span>
          : <span key={i} className={part.display ? 'math-display' : undefined} dangerouslySetInnerHTML={{ __html: part.html }} />)}
    </div>
  );
}
