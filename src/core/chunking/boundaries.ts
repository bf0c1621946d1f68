import type { ProtectedSpan } from './mathSpans';
import { isWhitespaceCode } from './whitespace';

/** How good a place to cut: a blank line beats a sentence end, which beats a line break, which beats a space. */
export const BoundaryLevel = { word: 0, line: 1, sentence: 2, paragraph: 3 } as const;
export type BoundaryLevel = (typeof BoundaryLevel)[keyof typeof BoundaryLevel];

/** A run of whitespace outside every protected span, where a chunk may end and the next begin. */
export interface Boundary {
  start: number;
  end: number;
  level: BoundaryLevel;
}

const CLOSING_PUNCTUATION = /["')\]}*_»”’]+$/;
const SENTENCE_END = /[.!?:;]$/;
/** Words whose trailing period does not end a sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:[A-Za-z]|e\.g|i\.e|etc|cf|vs|Fig|Eq|Eqs|Thm|Prop|Lem|Def|Sec|Ch|resp|approx|Dr|Mr|Mrs|Ms|Prof|St|no|pp|p|vol|ed|al)\.$/;
const LOWERCASE_START = /^\p{Ll}/u;
const BLOCK_START = /^(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|```|~~~|\|)/;

/** Characters that can end a sentence, possibly followed by closing punctuation, by character code. */
const MAY_END_SENTENCE = new Set(Array.from('.!?:;"\')]}*_»”’', (char) => char.charCodeAt(0)));

function levelOf(text: string, start: number, end: number): BoundaryLevel {
  let newlines = 0;
  for (let i = start; i < end && newlines < 2; i += 1) if (text.charCodeAt(i) === 10) newlines += 1;
  if (newlines >= 2) return BoundaryLevel.paragraph;
  // Most boundaries are plain spaces between words: settle those without slicing.
  if (newlines === 0 && !MAY_END_SENTENCE.has(text.charCodeAt(start - 1))) return BoundaryLevel.word;
  const following = text.slice(end, end + 8);
  if (newlines === 1 && BLOCK_START.test(following)) return BoundaryLevel.paragraph;
  const before = text.slice(Math.max(0, start - 16), start).replace(CLOSING_PUNCTUATION, '');
  if (SENTENCE_END.test(before) && !LOWERCASE_START.test(following) && !ABBREVIATION.test(before)) {
    return BoundaryLevel.sentence;
  }
  return newlines === 1 ? BoundaryLevel.line : BoundaryLevel.word;
}

/**
 * Calls `visit(start, end, level)` for every whitespace run of `text` that lies outside the protected spans
 * (clipped where a run touches one), excluding leading and trailing whitespace of the document, in order. No
 * object per boundary: a one-line list of numbers has one every few characters.
 */
export function forEachBoundary(
  text: string,
  spans: readonly ProtectedSpan[],
  visit: (start: number, end: number, level: BoundaryLevel) => void,
): void {
  let spanIndex = 0;
  // A scan by character code, not a /\s+/g regex: a match object per run was most of the cost on one-line lists.
  const length = text.length;
  for (let i = 0; i < length; ) {
    if (!isWhitespaceCode(text.charCodeAt(i))) {
      i += 1;
      continue;
    }
    let start = i;
    while (i < length && isWhitespaceCode(text.charCodeAt(i))) i += 1;
    let end = i;
    if (start === 0 || end === length) continue;
    while (spanIndex < spans.length && (spans[spanIndex]?.end ?? 0) <= start) spanIndex += 1;
    const span = spans[spanIndex];
    if (span && span.start < end) {
      // Spans start and end with visible characters, so a run is either inside one or outside all; clip anyway,
      // on both sides, so that no boundary can ever reach into a span.
      if (span.start <= start) start = Math.max(start, span.end);
      else end = span.start;
      const following = spans[spanIndex + 1];
      if (following && following.start < end) end = following.start;
      if (start >= end) continue;
    }
    visit(start, end, levelOf(text, start, end));
  }
}

/** Every boundary of `text` (see forEachBoundary), as objects. */
export function findBoundaries(text: string, spans: readonly ProtectedSpan[]): Boundary[] {
  const boundaries: Boundary[] = [];
  forEachBoundary(text, spans, (start, end, level) => boundaries.push({ start, end, level }));
  return boundaries;
}
