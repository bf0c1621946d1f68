import { findProtectedSpans, type ProtectedSpan } from './mathSpans';

/** start/end: where the run (with its delimiters) lies in the text, so highlights can be placed on it. */
export type Segment = ({ kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean }) & { start: number; end: number };

const DELIMITERS: readonly (readonly [string, string])[] = [['$$', '$$'], ['\\[', '\\]'], ['\\(', '\\)'], ['$', '$']];

function toMath(source: string, span: ProtectedSpan): Segment {
  const raw = source.slice(span.start, span.end);
  // Environments (align, cases, …) go to KaTeX whole, in display mode.
  if (span.kind === 'environment') return { kind: 'math', tex: raw, display: true, start: span.start, end: span.end };
  const [open, close] = DELIMITERS.find(([o, c]) => raw.startsWith(o) && raw.endsWith(c) && raw.length >= o.length + c.length) ?? ['', ''];
  return { kind: 'math', tex: raw.slice(open.length, raw.length - close.length), display: span.kind === 'display-math', start: span.start, end: span.end };
}

/**
 * Splits text into plain runs and math runs with the same rules chunking uses (findProtectedSpans), so what the
 * excerpt view renders as math is exactly what chunking kept whole. Plain runs are rendered as text, never as HTML.
 */
export function mathSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const span of findProtectedSpans(text)) {
    if (span.kind === 'code' || span.kind === 'table') continue;
    if (span.start > last) segments.push({ kind: 'text', text: text.slice(last, span.start), start: last, end: span.start });
    segments.push(toMath(text, span));
    last = span.end;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last), start: last, end: text.length });
  return segments;
}
