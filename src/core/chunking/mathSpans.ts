/**
 * Finds the parts of a document a chunk boundary must never fall inside: LaTeX math, LaTeX environments,
 * fenced and inline code, and Markdown tables.
 *
 * Rules (see docs/corpus-chunking.md):
 * - A `$` preceded by an odd number of backslashes (`\$`) is a literal dollar, never a delimiter.
 * - `$…$`, `$$…$$`, `\(…\)` and `\[…\]` must close before the next blank line. An opener with no closer in its
 *   paragraph is plain text, so one stray `$` cannot swallow the rest of the document.
 * - `\begin{name}…\end{name}` (nesting of the same name counted) may span blank lines; without its `\end` the
 *   `\begin` is plain text.
 * - A fenced code block opens with ``` or ~~~ at the start of a line and closes with a fence of the same
 *   character, at least as long, at the start of a later line. An unclosed fence is plain text.
 * - Inline code `` `…` `` closes on the same line with the same number of backticks; `$` inside code is not math.
 * - A Markdown table is a header line containing `|`, a delimiter row (`|---|:--:|`) and the following lines
 *   containing `|`.
 */
export type ProtectedSpanKind = 'inline-math' | 'display-math' | 'environment' | 'code' | 'table';

export interface ProtectedSpan {
  start: number;
  end: number;
  kind: ProtectedSpanKind;
}

const BLANK_LINE = /\n[ \t\r\f\v]*\n/g;
const TABLE_DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const ENVIRONMENT_NAME = /^\\begin\{([^{}\n]{1,40})\}/;
/** Characters where a protected construct may start; everything else is skipped with one regex search. */
const INTERESTING = /[\n$\\`]/g;

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === 92; i -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

/**
 * Index of the next blank line (the position of its first newline) at or after `from`, or text.length.
 * Callers ask with increasing `from`, so the last answer is reused until `from` passes it.
 */
function paragraphEnds(text: string): (from: number) => number {
  let known = -1;
  return (from) => {
    if (from <= known) return known;
    BLANK_LINE.lastIndex = from;
    const match = BLANK_LINE.exec(text);
    known = match ? match.index : text.length;
    return known;
  };
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/** Finds an unescaped `closer` in [from, limit); returns the index just after it or -1. */
function findCloser(text: string, closer: string, from: number, limit: number): number {
  let at = text.indexOf(closer, from);
  while (at >= 0 && at + closer.length <= limit) {
    // `$` closers must not be escaped; `\)` and `\]` closers begin with their own backslash.
    if (closer[0] !== '$' || !isEscaped(text, at)) return at + closer.length;
    at = text.indexOf(closer, at + 1);
  }
  return -1;
}

function fencedCodeEnd(text: string, lineStart: number): number {
  const open = FENCE_OPEN.exec(text.slice(lineStart, lineEnd(text, lineStart)));
  if (!open?.[1]) return -1;
  const fence = open[1];
  const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  let cursor = lineEnd(text, lineStart);
  while (cursor < text.length) {
    const start = cursor + 1;
    const end = lineEnd(text, start);
    if (closing.test(text.slice(start, end))) return end;
    cursor = end;
  }
  return -1;
}

function tableEnd(text: string, lineStart: number): number {
  const headerEnd = lineEnd(text, lineStart);
  if (headerEnd >= text.length || !text.slice(lineStart, headerEnd).includes('|')) return -1;
  const delimiterEnd = lineEnd(text, headerEnd + 1);
  if (!TABLE_DELIMITER_ROW.test(text.slice(headerEnd + 1, delimiterEnd))) return -1;
  let end = delimiterEnd;
  while (end < text.length) {
    const nextEnd = lineEnd(text, end + 1);
    const line = text.slice(end + 1, nextEnd);
    if (!line.includes('|') || line.trim() === '') break;
    end = nextEnd;
  }
  return end;
}

function environmentEnd(text: string, start: number): number {
  const open = ENVIRONMENT_NAME.exec(text.slice(start, start + 60));
  if (!open?.[1]) return -1;
  const begin = `\\begin{${open[1]}}`;
  const end = `\\end{${open[1]}}`;
  let depth = 1;
  let cursor = start + begin.length;
  while (depth > 0) {
    const nextEnd = text.indexOf(end, cursor);
    if (nextEnd < 0) return -1;
    const nextBegin = text.indexOf(begin, cursor);
    if (nextBegin >= 0 && nextBegin < nextEnd) {
      depth += 1;
      cursor = nextBegin + begin.length;
    } else {
      depth -= 1;
      cursor = nextEnd + end.length;
    }
  }
  return cursor;
}

function inlineCodeEnd(text: string, start: number): number {
  let ticks = 0;
  while (text.charCodeAt(start + ticks) === 96) ticks += 1;
  const limit = lineEnd(text, start);
  const marker = '`'.repeat(ticks);
  let at = text.indexOf(marker, start + ticks);
  while (at >= 0 && at < limit) {
    let run = 0;
    while (text.charCodeAt(at + run) === 96) run += 1;
    if (run === ticks) return at + ticks;
    at = text.indexOf(marker, at + run);
  }
  return -1;
}

/** A construct that begins at `index` (which holds `$`, `\\` or a backtick), or null. */
function spanAt(text: string, index: number, paragraphEnd: (from: number) => number): ProtectedSpan | null {
  const char = text[index];
  if (char === '`') {
    const end = inlineCodeEnd(text, index);
    return end > 0 ? { start: index, end, kind: 'code' } : null;
  }
  if (isEscaped(text, index)) return null;
  if (char === '$') {
    const display = text[index + 1] === '$';
    const limit = paragraphEnd(index);
    const end = findCloser(text, display ? '$$' : '$', index + (display ? 2 : 1), limit);
    if (end < 0) return null;
    return { start: index, end, kind: display ? 'display-math' : 'inline-math' };
  }
  const next = text[index + 1];
  if (next === '(' || next === '[') {
    const end = findCloser(text, next === '(' ? '\\)' : '\\]', index + 2, paragraphEnd(index));
    if (end < 0) return null;
    return { start: index, end, kind: next === '(' ? 'inline-math' : 'display-math' };
  }
  if (text.startsWith('\\begin{', index)) {
    const end = environmentEnd(text, index);
    return end > 0 ? { start: index, end, kind: 'environment' } : null;
  }
  return null;
}

function blockAt(text: string, lineStart: number): ProtectedSpan | null {
  const codeEnd = fencedCodeEnd(text, lineStart);
  if (codeEnd > 0) return { start: lineStart, end: codeEnd, kind: 'code' };
  const end = tableEnd(text, lineStart);
  if (end > 0) return { start: lineStart, end, kind: 'table' };
  return null;
}

/** Protected spans in document order; they never overlap (an outer span swallows what is inside it). */
export function findProtectedSpans(text: string): ProtectedSpan[] {
  const spans: ProtectedSpan[] = [];
  let cursor = 0;
  let atLineStart = true;
  const paragraphEnd = paragraphEnds(text);
  while (cursor < text.length) {
    if (atLineStart) {
      const block = blockAt(text, cursor);
      if (block) {
        spans.push(block);
        cursor = block.end;
        atLineStart = false;
        continue;
      }
    }
    INTERESTING.lastIndex = cursor;
    const match = INTERESTING.exec(text);
    if (!match) break;
    const index = match.index;
    if (text[index] === '\n') {
      cursor = index + 1;
      atLineStart = true;
      continue;
    }
    atLineStart = false;
    const span = spanAt(text, index, paragraphEnd);
    if (span) {
      spans.push(span);
      cursor = span.end;
    } else {
      cursor = index + 1;
    }
  }
  return spans;
}
