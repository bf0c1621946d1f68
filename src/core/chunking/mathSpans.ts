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
 * - A fenced code block opens with ``` or ~~~ at the start of a line (up to 3 spaces of indent) and closes with a
 *   fence of the same character, at least as long, alone on a later line. An unclosed fence is plain text.
 * - Inline code `` `…` `` closes on the same line with the same number of backticks; `$` inside code is not math.
 *   A backtick run with no closer is plain text as a whole.
 * - A Markdown table is a header line containing `|`, a delimiter row (`|---|:--:|`) and the following lines
 *   containing `|`.
 * - Spans never begin or end with whitespace (an indented fence or table starts at its first visible character),
 *   so a cut, which always falls on whitespace, can never touch the inside of a span.
 *
 * Cost: linear in the document, whatever the input. The text is scanned once, left to right; every question that
 * used to rescan the rest of the document for each opener ("where does this `\(` close?", "which later line
 * closes this fence?", "where is the matching `\end`?") is answered from an index built once or from a cached
 * answer that only moves forward. The scaling tests in hostileInput.test.ts hold this for each adversarial family.
 */
import { isWhitespaceCode } from './whitespace';

export type ProtectedSpanKind = 'inline-math' | 'display-math' | 'environment' | 'code' | 'table';

export interface ProtectedSpan {
  start: number;
  end: number;
  kind: ProtectedSpanKind;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const TAB = 9;
const DOLLAR = 36;
const BACKSLASH = 92;
const BACKTICK = 96;
const TILDE = 126;
const PIPE = 124;
const COLON = 58;
const DASH = 45;

/** Characters where a protected construct may start; everything else is skipped with one regex search. */
const INTERESTING = /[\n$\\`]/g;
/** A blank line; the match starts at its first newline. Linear: each attempt consumes spaces up to a non-space. */
const BLANK_LINE = /\n[ \t\r\f\v]*\n/g;
/** Every `\begin{name}` and `\end{name}` token; bounded backtracking (a name is at most 40 characters). */
const ENVIRONMENT_TOKEN = /\\(begin|end)\{([^{}\n]{1,40})\}/g;

const isSpaceOrTab = (code: number) => code === SPACE || code === TAB;

function lineEndOf(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/**
 * "Where is the first acceptable occurrence of `needle` at or after `from`?" Queries arrive with growing `from`,
 * so the last answer stays right until `from` passes it: each position of the text is searched at most once.
 */
class NextOccurrence {
  private askedFrom = Number.POSITIVE_INFINITY;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
    private readonly accept: (index: number) => boolean = () => true,
  ) {}

  /** Index of the occurrence, or -1 when there is none. */
  next(from: number): number {
    if (from >= this.askedFrom && (this.found < 0 || from <= this.found)) return this.found;
    let at = this.text.indexOf(this.needle, from);
    while (at >= 0 && !this.accept(at)) at = this.text.indexOf(this.needle, at + 1);
    this.askedFrom = from;
    this.found = at;
    return at;
  }
}

/** Odd number of backslashes right before `index`. Only asked once per dollar, so the count-backs never overlap. */
function dollarIsEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

/**
 * Closing fences of the whole document, built once: every line that is up to 3 spaces, a run of 3 or more
 * backticks or tildes, then only spaces or tabs. "The first closing line after line L with a run of at least n"
 * is answered by jumping along next-longer links, so an opener never walks the lines it cannot close.
 */
class FenceIndex {
  private readonly lineStart: number[] = [];
  private readonly contentEnd: number[] = [];
  private readonly runLength: number[] = [];
  private readonly nextLonger: Int32Array;
  /** A failed search for length n after position p means every later search for n or more fails too. */
  private failedFrom = Number.POSITIVE_INFINITY;
  private failedLength = Number.POSITIVE_INFINITY;
  private askedAfter = 0;
  private firstAfter = 0;

  constructor(text: string, fenceChar: number) {
    for (let start = 0; start <= text.length; ) {
      const end = lineEndOf(text, start);
      const run = closingFenceRun(text, start, end, fenceChar);
      if (run) {
        this.lineStart.push(start);
        this.contentEnd.push(run.contentEnd);
        this.runLength.push(run.length);
      }
      start = end + 1;
    }
    const count = this.lineStart.length;
    this.nextLonger = new Int32Array(count).fill(-1);
    const stack: number[] = [];
    for (let i = count - 1; i >= 0; i -= 1) {
      const length = this.runLength[i] as number;
      while (stack.length > 0 && (this.runLength[stack[stack.length - 1] as number] as number) <= length) stack.pop();
      this.nextLonger[i] = stack.length > 0 ? (stack[stack.length - 1] as number) : -1;
      stack.push(i);
    }
  }

  /** End (after the last fence character) of the first closing line starting after `after` with a run >= length. */
  closerAfter(after: number, length: number): number {
    if (after >= this.failedFrom && length >= this.failedLength) return -1;
    // Openers are asked about in document order, so the first closing line after `after` is found by a cursor
    // that only moves forward.
    if (after < this.askedAfter) this.firstAfter = 0;
    this.askedAfter = after;
    while (this.firstAfter < this.lineStart.length && (this.lineStart[this.firstAfter] as number) <= after) this.firstAfter += 1;
    let index = this.firstAfter < this.lineStart.length ? this.firstAfter : -1;
    while (index >= 0 && (this.runLength[index] as number) < length) index = this.nextLonger[index] as number;
    if (index < 0) {
      if (length < this.failedLength) {
        this.failedFrom = after;
        this.failedLength = length;
      }
      return -1;
    }
    return this.contentEnd[index] as number;
  }
}

/** The fence run of a closing-fence line in [start, end), or null. */
function closingFenceRun(text: string, start: number, end: number, fenceChar: number): { length: number; contentEnd: number } | null {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === SPACE) i += 1;
  const runStart = i;
  while (i < end && text.charCodeAt(i) === fenceChar) i += 1;
  const length = i - runStart;
  if (length < 3) return null;
  const contentEnd = i;
  while (i < end && (isSpaceOrTab(text.charCodeAt(i)) || text.charCodeAt(i) === CARRIAGE_RETURN)) i += 1;
  return i === end ? { length, contentEnd } : null;
}

/** The end of the `\end{name}` matching each `\begin{name}`, by position of the `\begin`. One regex pass, one stack per name. */
function matchEnvironments(text: string): Map<number, number> {
  const matched = new Map<number, number>();
  const open = new Map<string, number[]>();
  ENVIRONMENT_TOKEN.lastIndex = 0;
  for (let token = ENVIRONMENT_TOKEN.exec(text); token; token = ENVIRONMENT_TOKEN.exec(text)) {
    const name = token[2] as string;
    let stack = open.get(name);
    if (token[1] === 'begin') {
      if (!stack) open.set(name, (stack = []));
      stack.push(token.index);
    } else if (stack && stack.length > 0) {
      matched.set(stack.pop() as number, token.index + token[0].length);
    }
  }
  return matched;
}

/** A Markdown delimiter row (`|---|:--:|`) in [start, end), parsed by hand: a regex for it backtracks on padding. */
function isDelimiterRow(text: string, start: number, end: number): boolean {
  let i = start;
  const skipBlanks = () => {
    while (i < end && isSpaceOrTab(text.charCodeAt(i))) i += 1;
  };
  if (end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end -= 1;
  skipBlanks();
  if (text.charCodeAt(i) === PIPE && i < end) i += 1;
  for (;;) {
    skipBlanks();
    if (text.charCodeAt(i) === COLON && i < end) i += 1;
    let dashes = 0;
    while (i < end && text.charCodeAt(i) === DASH) {
      dashes += 1;
      i += 1;
    }
    if (dashes < 2) return false;
    if (text.charCodeAt(i) === COLON && i < end) i += 1;
    skipBlanks();
    if (i === end) return true;
    if (text.charCodeAt(i) !== PIPE) return false;
    i += 1;
    skipBlanks();
    if (i === end) return true;
  }
}


function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** Backtick runs of the line being scanned, by length, each list read through a forward-only cursor. */
class BacktickLine {
  readonly end: number;
  private readonly runs = new Map<number, { positions: number[]; cursor: number }>();

  constructor(text: string, from: number) {
    this.end = lineEndOf(text, from);
    for (let i = text.indexOf('`', from); i >= 0 && i < this.end; ) {
      let length = 0;
      while (text.charCodeAt(i + length) === BACKTICK) length += 1;
      let entry = this.runs.get(length);
      if (!entry) this.runs.set(length, (entry = { positions: [], cursor: 0 }));
      entry.positions.push(i);
      i = text.indexOf('`', i + length);
    }
  }

  /** Start of the next run of exactly `length` backticks after `index`, or -1. */
  closerAfter(index: number, length: number): number {
    const entry = this.runs.get(length);
    if (!entry) return -1;
    while (entry.cursor < entry.positions.length && (entry.positions[entry.cursor] as number) <= index) entry.cursor += 1;
    return entry.cursor < entry.positions.length ? (entry.positions[entry.cursor] as number) : -1;
  }
}

class SpanScanner {
  readonly spans: ProtectedSpan[] = [];
  private paragraphEndKnown = -1;
  private readonly dollar: NextOccurrence;
  private readonly doubleDollar: NextOccurrence;
  private readonly closeParen: NextOccurrence;
  private readonly closeBracket: NextOccurrence;
  /** Pipes, for tables: every line start asks, so an unbounded indexOf per line would be quadratic. */
  private readonly pipe: NextOccurrence;
  private fences: Map<number, FenceIndex> = new Map();
  private environments: Map<number, number> | null = null;
  private backtickLine: BacktickLine | null = null;

  constructor(private readonly text: string) {
    const unescaped = (index: number) => !dollarIsEscaped(text, index);
    this.dollar = new NextOccurrence(text, '$', unescaped);
    this.doubleDollar = new NextOccurrence(text, '$$', unescaped);
    // `\)` and `\]` closers begin with their own backslash; they are not checked for escapes.
    this.closeParen = new NextOccurrence(text, '\\)');
    this.closeBracket = new NextOccurrence(text, '\\]');
    this.pipe = new NextOccurrence(text, '|');
  }

  /** Index of the first blank line at or after `from` (text.length if none); asked with growing `from`. */
  private paragraphEnd(from: number): number {
    if (from <= this.paragraphEndKnown) return this.paragraphEndKnown;
    BLANK_LINE.lastIndex = from;
    const match = BLANK_LINE.exec(this.text);
    this.paragraphEndKnown = match ? match.index : this.text.length;
    return this.paragraphEndKnown;
  }

  /** End of a closer found by `finder` after `from`, if it ends within the paragraph of `opener`, else -1. */
  private closeWithinParagraph(finder: NextOccurrence, closerLength: number, opener: number, from: number): number {
    const at = finder.next(from);
    if (at < 0 || at + closerLength > this.paragraphEnd(opener)) return -1;
    return at + closerLength;
  }

  private lineHasPipe(start: number, end: number): boolean {
    const pipe = this.pipe.next(start);
    return pipe >= 0 && pipe < end;
  }

  private fenceIndex(fenceChar: number): FenceIndex {
    let index = this.fences.get(fenceChar);
    if (!index) this.fences.set(fenceChar, (index = new FenceIndex(this.text, fenceChar)));
    return index;
  }

  private trimmed(start: number, end: number, kind: ProtectedSpanKind): ProtectedSpan {
    const { text } = this;
    while (start < end && isWhitespaceCode(text.charCodeAt(start))) start += 1;
    while (end > start && isWhitespaceCode(text.charCodeAt(end - 1))) end -= 1;
    return { start, end, kind };
  }

  /** A fenced code block or a table starting on the line at `lineStart`. */
  private blockAt(lineStart: number): ProtectedSpan | null {
    const { text } = this;
    const headerEnd = lineEndOf(text, lineStart);
    let i = lineStart;
    while (i < headerEnd && i - lineStart < 3 && text.charCodeAt(i) === SPACE) i += 1;
    const fenceChar = text.charCodeAt(i);
    if (fenceChar === BACKTICK || fenceChar === TILDE) {
      let length = 0;
      while (text.charCodeAt(i + length) === fenceChar) length += 1;
      if (length >= 3) {
        const closeEnd = this.fenceIndex(fenceChar).closerAfter(lineStart, length);
        if (closeEnd >= 0) return this.trimmed(lineStart, closeEnd, 'code');
      }
    }
    if (headerEnd >= text.length || !this.lineHasPipe(lineStart, headerEnd)) return null;
    const delimiterEnd = lineEndOf(text, headerEnd + 1);
    if (!isDelimiterRow(text, headerEnd + 1, delimiterEnd)) return null;
    let end = delimiterEnd;
    while (end < text.length) {
      const nextEnd = lineEndOf(text, end + 1);
      if (!this.lineHasPipe(end + 1, nextEnd) || isBlankLine(text, end + 1, nextEnd)) break;
      end = nextEnd;
    }
    return this.trimmed(lineStart, end, 'table');
  }

  /** End of the line holding `index`; asked with growing `index`, so each line is measured once. */
  private lineEndKnown = -1;
  private lineEndAt(index: number): number {
    if (index > this.lineEndKnown) this.lineEndKnown = lineEndOf(this.text, index);
    return this.lineEndKnown;
  }

  private inlineCodeAt(index: number): { span: ProtectedSpan | null; runEnd: number } {
    const { text } = this;
    let ticks = 0;
    while (text.charCodeAt(index + ticks) === BACKTICK) ticks += 1;
    const runEnd = index + ticks;
    const lineEnd = this.lineEndAt(index);
    // The usual cases need no index: the next run on the line closes the span, or there is none.
    const next = text.indexOf('`', runEnd);
    if (next < 0 || next >= lineEnd) return { span: null, runEnd };
    let nextTicks = 0;
    while (text.charCodeAt(next + nextTicks) === BACKTICK) nextTicks += 1;
    if (nextTicks === ticks) return { span: { start: index, end: next + ticks, kind: 'code' }, runEnd };
    if (!this.backtickLine || index >= this.backtickLine.end) this.backtickLine = new BacktickLine(text, index);
    const closer = this.backtickLine.closerAfter(index, ticks);
    return { span: closer < 0 ? null : { start: index, end: closer + ticks, kind: 'code' }, runEnd };
  }

  private mathAtDollar(index: number): ProtectedSpan | null {
    const display = this.text.charCodeAt(index + 1) === DOLLAR;
    const end = display
      ? this.closeWithinParagraph(this.doubleDollar, 2, index, index + 2)
      : this.closeWithinParagraph(this.dollar, 1, index, index + 1);
    return end < 0 ? null : { start: index, end, kind: display ? 'display-math' : 'inline-math' };
  }

  /** A construct begun by the unescaped backslash at `index`, or null. */
  private commandAt(index: number): ProtectedSpan | null {
    const { text } = this;
    const next = text[index + 1];
    if (next === '(' || next === '[') {
      const paren = next === '(';
      const end = this.closeWithinParagraph(paren ? this.closeParen : this.closeBracket, 2, index, index + 2);
      return end < 0 ? null : { start: index, end, kind: paren ? 'inline-math' : 'display-math' };
    }
    if (text.startsWith('\\begin{', index)) {
      this.environments ??= matchEnvironments(text);
      const end = this.environments.get(index);
      return end === undefined ? null : { start: index, end, kind: 'environment' };
    }
    return null;
  }

  run(): ProtectedSpan[] {
    const { text, spans } = this;
    let cursor = 0;
    let atLineStart = true;
    while (cursor < text.length) {
      if (atLineStart) {
        atLineStart = false;
        const block = this.blockAt(cursor);
        if (block) {
          spans.push(block);
          cursor = block.end;
          continue;
        }
      }
      INTERESTING.lastIndex = cursor;
      const match = INTERESTING.exec(text);
      if (!match) break;
      const index = match.index;
      const code = text.charCodeAt(index);
      if (code === NEWLINE) {
        cursor = index + 1;
        atLineStart = true;
        continue;
      }
      let span: ProtectedSpan | null = null;
      let resume = index + 1;
      if (code === BACKTICK) {
        const found = this.inlineCodeAt(index);
        span = found.span;
        resume = found.runEnd;
      } else if (code === DOLLAR) {
        // The scan never stops inside a run of backslashes, so a dollar reached here is unescaped.
        span = this.mathAtDollar(index);
      } else {
        // A run of backslashes: pairs escape each other; only an odd last one escapes or starts what follows.
        let runEnd = index;
        while (text.charCodeAt(runEnd) === BACKSLASH) runEnd += 1;
        resume = runEnd;
        if ((runEnd - index) % 2 === 1) {
          span = this.commandAt(runEnd - 1);
          // An escaped dollar is a literal: step over it.
          if (!span && text.charCodeAt(runEnd) === DOLLAR) resume = runEnd + 1;
        }
      }
      if (span) {
        spans.push(span);
        cursor = span.end;
      } else {
        cursor = resume;
      }
    }
    return spans;
  }
}

/** Protected spans in document order; they never overlap (an outer span swallows what is inside it). */
export function findProtectedSpans(text: string): ProtectedSpan[] {
  return new SpanScanner(text).run();
}
