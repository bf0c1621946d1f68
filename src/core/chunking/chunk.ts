import { BoundaryLevel, forEachBoundary } from './boundaries';
import { estimateTokens, tokenPrefixSums } from './estimateTokens';
import { findProtectedSpans, type ProtectedSpan } from './mathSpans';

export interface ChunkOptions {
  targetTokens: number;
  minTokens: number;
  maxTokens: number;
  /** What to do with a chunk still under minTokens after chunking: keep it ('merge') or leave it out ('drop'). */
  shortChunks: 'merge' | 'drop';
}

/**
 * 500 tokens is the context size MIND reimplementations use. 800 leaves room for a paragraph that overshoots
 * the target instead of cutting it mid-sentence, and still fits a 2k-context model with prompt and answer.
 * 100 tokens (about 60 words) is the least context a dialogue can be built on.
 */
export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = {
  targetTokens: 500,
  minTokens: 100,
  maxTokens: 800,
  shortChunks: 'merge',
};

export interface Chunk {
  index: number;
  /** Exactly text.slice(start, end) of the document. */
  text: string;
  start: number;
  end: number;
  tokens: number;
  /** Math spans ($…$, $$…$$, \(…\), \[…\], \begin…\end) inside the chunk. */
  mathSpans: number;
  /** Over maxTokens because a protected span (or a single unbreakable word) longer than maxTokens stays whole. */
  oversized: boolean;
}

export type TokenCounter = (text: string) => number;

/** Cost of ending a chunk at a boundary of each level, in units of (relative deviation from target)^2. */
const BOUNDARY_PENALTY: Record<BoundaryLevel, number> = {
  [BoundaryLevel.paragraph]: 0,
  [BoundaryLevel.sentence]: 0.15,
  [BoundaryLevel.line]: 0.4,
  [BoundaryLevel.word]: 1,
};
/** A chunk under minTokens costs more than any arrangement without one. */
const SHORT_CHUNK_PENALTY = 1e9;

interface Piece {
  start: number;
  end: number;
  /** Size of the piece itself and of the whitespace after it, in counter units. */
  size: number;
  gapAfter: number;
  /** Level of the boundary after the piece; the last piece ends the document. */
  levelAfter: BoundaryLevel | null;
}

function validateOptions(options: ChunkOptions): void {
  const { minTokens, targetTokens, maxTokens } = options;
  if (!(minTokens >= 0 && minTokens <= targetTokens && targetTokens <= maxTokens && maxTokens > 0)) {
    throw new RangeError(
      `Chunk sizes must satisfy 0 <= min <= target <= max and max > 0 (got min ${minTokens}, target ${targetTokens}, max ${maxTokens}).`,
    );
  }
}

/**
 * Pieces between the chosen boundaries. Word boundaries are used only inside stretches (between stronger
 * boundaries) larger than minTokens: they are needed there to keep chunks under maxTokens, and leaving them out
 * elsewhere keeps the search small.
 *
 * Where pieces are tiny (a one-line list of numbers, a wall of one-letter words), a boundary closer than
 * `grainUnits` to the last kept one is dropped when the piece after it is tiny too and it is no stronger than the
 * last kept one. The search over cut points costs (pieces) x (pieces in a chunk), so this keeps a chunk to about
 * a hundred pieces whatever the input, while every boundary next to a large piece, and every stronger one, stays:
 * a merged piece is under twice the grain, so it can never make a chunk oversized.
 *
 * Boundaries stream through both rules as they are found, so memory holds the kept pieces, not every boundary:
 * word boundaries wait only until their stretch is known to be larger than minTokens (a bounded number), and
 * each boundary waits for the next one to know the piece after it.
 */
function buildPieces(
  text: string,
  spans: readonly ProtectedSpan[],
  measure: (start: number, end: number) => number,
  cumulative: ((position: number) => number) | null,
  minUnits: number,
  grainUnits: number,
): Piece[] {
  const first = text.search(/\S/);
  if (first < 0) return [];
  let last = text.length;
  while (/\s/.test(text[last - 1] ?? '')) last -= 1;

  // The grain rule: the last candidate waits for the start of the next one.
  const pieces: Piece[] = [];
  let pieceStart = first;
  let keptLevel: BoundaryLevel = BoundaryLevel.paragraph;
  let heldStart = -1;
  let heldEnd = -1;
  let heldLevel: BoundaryLevel = BoundaryLevel.word;
  const decideHeld = (nextStart: number) => {
    if (heldStart < 0) return;
    const size = measure(pieceStart, heldStart);
    if (!(size < grainUnits && heldLevel <= keptLevel && measure(heldEnd, nextStart) < grainUnits)) {
      pieces.push({ start: pieceStart, end: heldStart, size, gapAfter: measure(heldStart, heldEnd), levelAfter: heldLevel });
      keptLevel = heldLevel;
      pieceStart = heldEnd;
    }
    heldStart = -1;
  };
  const candidate = (start: number, end: number, level: BoundaryLevel) => {
    decideHeld(start);
    heldStart = start;
    heldEnd = end;
    heldLevel = level;
  };

  // The stretch rule: word boundaries wait until their stretch is known to be larger than minTokens.
  let stretchStart = first;
  let stretchStartUnits = Number.NaN;
  let stretchLarge = false;
  let waitingStarts: number[] = [];
  let waitingEnds: number[] = [];
  const stretchSizeTo = (position: number) => {
    if (!cumulative) return measure(stretchStart, position);
    if (Number.isNaN(stretchStartUnits)) stretchStartUnits = cumulative(stretchStart);
    return cumulative(position) - stretchStartUnits;
  };
  const releaseWaiting = () => {
    for (let i = 0; i < waitingStarts.length; i += 1) candidate(waitingStarts[i] as number, waitingEnds[i] as number, BoundaryLevel.word);
  };
  const closeStretch = (stretchEnd: number) => {
    if (!stretchLarge && waitingStarts.length > 0 && stretchSizeTo(stretchEnd) > minUnits) releaseWaiting();
    if (waitingStarts.length > 0) {
      waitingStarts = [];
      waitingEnds = [];
    }
  };
  forEachBoundary(text, spans, (start, end, level) => {
    if (level === BoundaryLevel.word) {
      if (stretchLarge) {
        candidate(start, end, level);
        return;
      }
      waitingStarts.push(start);
      waitingEnds.push(end);
      if (stretchSizeTo(start) > minUnits) {
        stretchLarge = true;
        releaseWaiting();
        waitingStarts = [];
        waitingEnds = [];
      }
      return;
    }
    closeStretch(start);
    candidate(start, end, level);
    stretchStart = end;
    stretchStartUnits = Number.NaN;
    stretchLarge = false;
  });
  closeStretch(last);
  decideHeld(last);
  pieces.push({ start: pieceStart, end: last, size: measure(pieceStart, last), gapAfter: 0, levelAfter: null });
  return pieces;
}

/**
 * Splits `text` into chunks near targetTokens. Cuts fall only on whitespace outside protected spans, preferring
 * blank lines, then sentence ends, then line breaks, then spaces; chunk boundaries are chosen together (dynamic
 * programming) to minimise the squared deviation from the target plus the cost of weaker cuts, with chunks under
 * minTokens avoided whenever a neighbour can take them without going over maxTokens.
 *
 * Whitespace rule: each chunk is the exact slice text.slice(start, end), with no leading or trailing whitespace;
 * what lies between consecutive chunks (and before the first and after the last) is whitespace only.
 */
export function chunkDocument(
  text: string,
  options: Partial<ChunkOptions> = {},
  countTokens: TokenCounter = estimateTokens,
): Chunk[] {
  const settings: ChunkOptions = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  validateOptions(settings);
  const spans = findProtectedSpans(text);

  // The default estimator is additive, so sizes come from prefix sums in exact thousandths of a token.
  const usePrefixSums = countTokens === estimateTokens;
  const scale = usePrefixSums ? 1000 : 1;
  const prefix = usePrefixSums ? tokenPrefixSums(text) : null;
  // Callers measure left to right ([a, b] then [b, c] …): the sum at the start is usually the last end's, so it is
  // kept, and the prefix sums are then walked forward only.
  let lastEnd = -1;
  let lastEndUnits = 0;
  const measure = prefix
    ? (start: number, end: number) => {
      const startUnits = start === lastEnd ? lastEndUnits : prefix.at(start);
      const endUnits = prefix.at(end);
      lastEnd = end;
      lastEndUnits = endUnits;
      return endUnits - startUnits;
    }
    : (start: number, end: number) => countTokens(text.slice(start, end));
  const toTokens = (units: number) => Math.round(units / scale);

  // The grain: 1/25 of the target (20 tokens by default), never more than half of max.
  const grainTokens = Math.max(0, Math.min(settings.targetTokens / 25, settings.maxTokens / 2));
  const pieces = buildPieces(text, spans, measure, prefix ? (position) => prefix.at(position) : null, settings.minTokens * scale, grainTokens * scale);
  if (pieces.length === 0) return [];

  const { targetTokens, minTokens, maxTokens } = settings;
  const count = pieces.length;
  const best = new Float64Array(count + 1).fill(Infinity);
  const choice = new Int32Array(count + 1);
  best[0] = 0;
  for (let end = 1; end <= count; end += 1) {
    const lastPiece = pieces[end - 1] as Piece;
    const endPenalty = lastPiece.levelAfter === null ? 0 : BOUNDARY_PENALTY[lastPiece.levelAfter];
    let size = 0;
    let largest = 0;
    for (let start = end - 1; start >= 0; start -= 1) {
      const piece = pieces[start] as Piece;
      size += piece.size + (start < end - 1 ? piece.gapAfter : 0);
      largest = Math.max(largest, piece.size);
      const tokens = toTokens(size);
      const single = start === end - 1;
      const fitsMax = tokens <= maxTokens;
      // An unbreakable piece over max may carry short neighbours (up to minTokens) rather than strand them.
      const carriedByOversized = toTokens(largest) > maxTokens && toTokens(size - largest) <= minTokens;
      if (!single && !fitsMax && !carriedByOversized) break;
      const clamped = Math.min(Math.max(tokens, minTokens), maxTokens);
      const deviation = (clamped - targetTokens) / Math.max(targetTokens, 1);
      const shortPenalty = tokens < minTokens ? SHORT_CHUNK_PENALTY + (minTokens - tokens) : 0;
      const cost = (best[start] ?? Infinity) + deviation * deviation + endPenalty + shortPenalty;
      if (cost < (best[end] ?? Infinity)) {
        best[end] = cost;
        choice[end] = start;
      }
    }
  }

  const ranges: { start: number; end: number }[] = [];
  for (let end = count; end > 0; end = choice[end] ?? 0) {
    const first = pieces[choice[end] ?? 0] as Piece;
    const last = pieces[end - 1] as Piece;
    ranges.push({ start: first.start, end: last.end });
  }
  ranges.reverse();

  const mathSpans = spans.filter((span) => span.kind !== 'code' && span.kind !== 'table');
  const chunks: Chunk[] = [];
  let spanIndex = 0;
  for (const range of ranges) {
    const tokens = prefix ? toTokens(measure(range.start, range.end)) : countTokens(text.slice(range.start, range.end));
    if (tokens < minTokens && settings.shortChunks === 'drop') continue;
    let mathCount = 0;
    while (spanIndex < mathSpans.length && (mathSpans[spanIndex] as ProtectedSpan).start < range.end) {
      if ((mathSpans[spanIndex] as ProtectedSpan).start >= range.start) mathCount += 1;
      spanIndex += 1;
    }
    chunks.push({
      index: chunks.length,
      text: text.slice(range.start, range.end),
      start: range.start,
      end: range.end,
      tokens,
      mathSpans: mathCount,
      oversized: tokens > maxTokens,
    });
  }
  return chunks;
}
