export type Segment = { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean };

// $$…$$ and \[…\] are display math; \(…\) and $…$ inline. A `\$` is a literal dollar, not a delimiter.
const MATH = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<!\\)\$((?:[^$\n\\]|\\.)+?)\$/g;

/** Splits text into plain runs and math runs; plain runs are rendered as text, never as HTML. */
export function mathSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(MATH)) {
    const at = match.index;
    if (at > last) segments.push({ kind: 'text', text: text.slice(last, at) });
    const [, display, bracket, paren, inline] = match;
    segments.push(display !== undefined || bracket !== undefined
      ? { kind: 'math', tex: (display ?? bracket)!, display: true }
      : { kind: 'math', tex: (paren ?? inline)!, display: false });
    last = at + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}
