import { z } from 'zod';
import { estimateTokens } from '../chunking/estimateTokens';
import { parseTurns } from '../dialogue/parseTurns';
import { sha256Hex } from '../hash/sha256';
import type { FilterId, FilterOutcome } from '../records/review';
import type { DialogueTurn, FinishReason } from '../types';

/**
 * Every threshold of the MIND filters. A numeric threshold of 0 turns its check off, so a researcher can switch
 * one check off without touching the others (docs/review-filters.md describes each check).
 */
export const filterThresholdsSchema = z.object({
  /** too-short: fewer tokens than this fails (MIND reimplementations drop dialogues under 50 tokens). */
  minTokens: z.number().int().nonnegative().default(50),
  /** speakers: fewer distinct speaker labels than this fails. */
  minSpeakers: z.number().int().nonnegative().default(2),
  /** turns: fewer labelled turns than this fails; a speaker's consecutive turns count as one. */
  minTurns: z.number().int().nonnegative().default(3),
  /** truncated: also fail a text that ends mid-sentence, not only a generation stopped by its limit. */
  requireEnding: z.boolean().default(true),
  /** repetition: the same line (of four words or more) more often than this fails. */
  maxLineRepeats: z.number().int().nonnegative().default(4),
  /** repetition: a larger share of word 4-grams that repeat an earlier one fails (texts of 100 words or more). */
  maxRepeatedNgramShare: z.number().min(0).max(1).default(0.45),
  /** repetition: the same one to four words back to back more often than this fails ("the the the …"). */
  maxLoopRepeats: z.number().int().nonnegative().default(8),
  /** repetition: the same 1–8 characters back to back more often than this fails ("hahaha…", "1111…"). */
  maxCharRepeats: z.number().int().nonnegative().default(30),
  /** meta: how many non-blank lines at each end are searched for prompt or assistant talk. */
  metaEdgeLines: z.number().int().nonnegative().default(2),
  /** garbage: a larger share of control or replacement characters fails. */
  maxBadCharShare: z.number().min(0).max(1).default(0.01),
  /** garbage: a smaller share of letters among the visible characters fails. */
  minLetterShare: z.number().min(0).max(1).default(0.4),
  /** garbage: words longer than this many characters are "very long". */
  longWordChars: z.number().int().nonnegative().default(40),
  /** garbage: a larger share of the visible characters in very long words fails. */
  maxLongWordShare: z.number().min(0).max(1).default(0.3),
  /** garbage: a smaller share of common English function words ("the", "is", "of" …) fails (texts of 30 words or more). */
  minFunctionWordShare: z.number().min(0).max(1).default(0.08),
});
export type FilterThresholds = z.infer<typeof filterThresholdsSchema>;

export const DEFAULT_FILTER_THRESHOLDS: FilterThresholds = Object.freeze(filterThresholdsSchema.parse({}));

/** A short, stable name for a set of thresholds: analyses computed with other thresholds are recomputed. */
export function thresholdsHash(thresholds: Partial<FilterThresholds> = {}): string {
  const full: FilterThresholds = { ...DEFAULT_FILTER_THRESHOLDS, ...thresholds };
  const keys = Object.keys(DEFAULT_FILTER_THRESHOLDS).sort() as (keyof FilterThresholds)[];
  return sha256Hex(JSON.stringify(keys.map((key) => [key, full[key]]))).slice(0, 16);
}

export interface FilterInput {
  text: string;
  /** The parsed turns, when the caller has them (edited dialogues); parsed from `text` otherwise. */
  turns?: DialogueTurn[];
  finishReason?: FinishReason | null;
  /** The engine's count; the text's estimate is used without it. */
  completionTokens?: number | null;
}

type Check = (input: Prepared, thresholds: FilterThresholds) => string | null;

interface Prepared {
  text: string;
  turns: DialogueTurn[];
  finishReason: FinishReason | null;
  completionTokens: number | null;
  lines: string[];
  words: string[];
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const quote = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
};
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function tooShort({ text, completionTokens }: Prepared, { minTokens }: FilterThresholds): string | null {
  const counted = typeof completionTokens === 'number' && Number.isFinite(completionTokens);
  const tokens = counted ? completionTokens : estimateTokens(text);
  if (tokens >= minTokens) return null;
  return `Too short: ${counted ? '' : 'about '}${plural(tokens, 'token')} (at least ${minTokens}).`;
}

const labelledSpeakers = (turns: DialogueTurn[]) => {
  const names = new Map<string, string>();
  for (const turn of turns) {
    const name = turn.speaker.trim();
    if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()];
};

function speakers({ turns }: Prepared, { minSpeakers }: FilterThresholds): string | null {
  const names = labelledSpeakers(turns);
  if (names.length >= minSpeakers) return null;
  if (names.length === 0) return `No speaker labels (at least ${plural(minSpeakers, 'speaker')}).`;
  return `Only ${plural(names.length, 'speaker')}, ${names.join(', ')} (at least ${minSpeakers}).`;
}

function turnCount({ turns }: Prepared, { minTurns }: FilterThresholds): string | null {
  let count = 0;
  let previous = '';
  for (const turn of turns) {
    const speaker = turn.speaker.trim().toLowerCase();
    if (!speaker || speaker === previous) continue;
    count += 1;
    previous = speaker;
  }
  if (count >= minTurns) return null;
  return `Too few turns: ${count} (at least ${minTurns}; a speaker's consecutive turns count once).`;
}

const STOPPED_EARLY: ReadonlySet<FinishReason> = new Set(['length', 'context', 'abort']);
/** A complete text may end with terminal punctuation, closing brackets or quotes, closing math, or an emoji. */
const CLOSED_ENDING = /(?:[.!?…。！？;)\]}"'”’»`|$]|\\\]|\\\)|\\end\{[^{}]*\}|\p{Extended_Pictographic}\uFE0F?)$/u;
/** Markdown emphasis and trailing separators that say nothing about whether the last sentence ended. */
const TRAILING_DECORATION = /[\s*_~]+$/u;

function unclosedDisplay(text: string): string | null {
  const doubles = text.match(/(?<!\\)\$\$/g)?.length ?? 0;
  if (doubles % 2 === 1) return '$$';
  if (text.lastIndexOf('\\[') > text.lastIndexOf('\\]')) return '\\[';
  const fences = text.match(/^\s{0,3}```/gm)?.length ?? 0;
  if (fences % 2 === 1) return '```';
  return null;
}

function truncated({ text, turns, finishReason }: Prepared, { requireEnding }: FilterThresholds): string | null {
  if (finishReason && STOPPED_EARLY.has(finishReason)) {
    return `Cut off: the generation stopped with finish reason "${finishReason}" before it ended.`;
  }
  if (!requireEnding) return null;
  const body = text.replace(TRAILING_DECORATION, '');
  if (!body) return null;
  const last = turns.at(-1);
  if (last?.speaker && !last.text.trim()) return `Ends with an empty turn: the label "${last.speaker}:" has no text after it.`;
  const opener = unclosedDisplay(text);
  if (opener) return `Ends inside unclosed ${opener === '```' ? 'code' : 'math'}: a ${opener} is never closed.`;
  if (CLOSED_ENDING.test(body)) return null;
  return `Ends mid-sentence: ${quote(body.slice(-40))} has no closing punctuation.`;
}

/** Lines of four words or more, compared without case, spacing or trailing punctuation. */
function mostRepeatedLine(lines: string[]): { line: string; count: number } | null {
  const counts = new Map<string, number>();
  let best: { line: string; count: number } | null = null;
  for (const line of lines) {
    if (line.length < 7) continue;
    const key = line.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.!?,;:]+$/, '').trim();
    let spaces = 0;
    for (let at = key.indexOf(' '); at >= 0 && spaces < 3; at = key.indexOf(' ', at + 1)) spaces += 1;
    if (spaces < 3) continue;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (!best || count > best.count) best = { line, count };
  }
  return best;
}

const NGRAM = 4;
const MIN_WORDS_FOR_NGRAMS = 100;

/** Word ids of up to 13 bits pack a 4-gram into one exact number (52 bits); larger vocabularies fall back to strings. */
const PACKED_VOCABULARY = 2 ** 13;

function repeatedNgramShare(words: string[]): number {
  const total = words.length - NGRAM + 1;
  if (words.length < MIN_WORDS_FOR_NGRAMS || total <= 0) return 0;
  const idOf = new Map<string, number>();
  const ids = words.map((word) => {
    let id = idOf.get(word);
    if (id === undefined) idOf.set(word, (id = idOf.size));
    return id;
  });
  const packed = idOf.size <= PACKED_VOCABULARY;
  const seen = new Set<number | string>();
  let repeats = 0;
  for (let i = 0; i < total; i += 1) {
    const [a, b, c, d] = [ids[i] as number, ids[i + 1] as number, ids[i + 2] as number, ids[i + 3] as number];
    const gram = packed ? ((a * PACKED_VOCABULARY + b) * PACKED_VOCABULARY + c) * PACKED_VOCABULARY + d : `${a},${b},${c},${d}`;
    if (seen.has(gram)) repeats += 1;
    else seen.add(gram);
  }
  return repeats / total;
}

const isSpaceCode = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000;
const isAlphanumeric = (char: string) => /[\p{L}\p{N}]/u.test(char);

/**
 * The first run of one to eight non-space characters repeated back to back more than `limit` times, where the
 * unit has a letter or digit ("hahaha…", "1111…"; a "-----" rule is fine). One pass per period over char codes.
 */
function characterLoop(text: string, limit: number): { unit: string; times: number } | null {
  // A loop of more than `limit` units is a run of more than `limit` non-space characters: most texts have none.
  for (const run of text.matchAll(/\S+/g)) {
    if (run[0].length <= limit) continue;
    const loop = characterLoopIn(run[0], limit);
    if (loop) return loop;
  }
  return null;
}

function characterLoopIn(text: string, limit: number): { unit: string; times: number } | null {
  for (let period = 1; period <= 8; period += 1) {
    let run = 0;
    for (let i = period; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      run = code === text.charCodeAt(i - period) && !isSpaceCode(code) ? run + 1 : 0;
      if (run < period * limit) continue;
      // The loop is complete: measure it to its end, then check its unit.
      while (i + 1 < text.length && text.charCodeAt(i + 1) === text.charCodeAt(i + 1 - period) && !isSpaceCode(text.charCodeAt(i + 1))) {
        i += 1;
        run += 1;
      }
      const unit = text.slice(i - run + 1 - period, i - run + 1);
      if ([...unit].some(isAlphanumeric)) return { unit, times: Math.floor(run / period) + 1 };
      run = 0;
    }
  }
  return null;
}

/** The longest back-to-back repetition of one to four words: the repeated words and how many times in a row. */
function longestWordLoop(words: string[]): { unit: string; times: number } {
  let best = { unit: '', times: 1 };
  for (let period = 1; period <= 4; period += 1) {
    let run = 0;
    for (let i = period; i < words.length; i += 1) {
      run = words[i] === words[i - period] ? run + 1 : 0;
      const times = Math.floor(run / period) + 1;
      if (times > best.times) best = { unit: words.slice(i - period + 1, i + 1).join(' '), times };
    }
  }
  return best;
}

function repetition({ lines, words, text }: Prepared, thresholds: FilterThresholds): string | null {
  const { maxLineRepeats, maxRepeatedNgramShare, maxLoopRepeats, maxCharRepeats } = thresholds;
  if (maxLineRepeats > 0) {
    const line = mostRepeatedLine(lines);
    if (line && line.count > maxLineRepeats) return `The line ${quote(line.line)} appears ${line.count} times (at most ${maxLineRepeats}).`;
  }
  if (maxLoopRepeats > 0) {
    const loop = longestWordLoop(words);
    if (loop.times > maxLoopRepeats) return `${quote(loop.unit)} repeats ${loop.times} times in a row (at most ${maxLoopRepeats}).`;
  }
  if (maxCharRepeats > 0) {
    const loop = characterLoop(text, maxCharRepeats);
    if (loop) return `${quote(loop.unit)} repeats ${loop.times} times back to back (at most ${maxCharRepeats}).`;
  }
  if (maxRepeatedNgramShare > 0) {
    const share = repeatedNgramShare(words);
    if (share > maxRepeatedNgramShare) {
      return `${percent(share)} of the ${NGRAM}-word sequences repeat earlier ones (at most ${percent(maxRepeatedNgramShare)}).`;
    }
  }
  return null;
}

/** What a generator says before a dialogue instead of starting it. */
const META_OPENERS: readonly RegExp[] = [
  /^(?:sure|certainly|absolutely|of course|okay|ok|alright|great)\b.{0,60}\b(?:here(?:'s|’s| is| are)|below)\b/i,
  /^here(?:'s|’s| is| are)\b.{0,80}\b(?:dialogue|conversation|discussion|transcript|debate|interview|exchange|version|rewrite)\b/i,
  /^(?:below|the following)\b.{0,60}\b(?:dialogue|conversation|discussion|transcript|debate|interview|exchange)\b/i,
  /^(?:I(?:'ve|’ve| have| will|'ll|’ll)|let me)\b.{0,40}\b(?:creat|writ|generat|rewr|turn|convert)/i,
];
/** What a generator says after a dialogue, outside any speaker's turn. */
const META_CLOSERS: readonly RegExp[] = [
  /^\(?\s*note\s*:/i,
  /^\(?\s*(?:this|the above|in this|the) (?:dialogue|conversation|discussion|exchange|transcript)\b/i,
  /\bI hope (?:this|that|the|it)\b/i,
  /\blet me know if\b/i,
  /\bfeel free to (?:ask|let|reach)\b/i,
];
const AI_DISCLAIMER = /\b(?:as an|I(?:'m|’m| am)(?: just)? an) AI(?: language)? model\b/i;
const LABELLED_LINE = /^\s*(?:\*\*)?[\p{L}][\p{L}\p{N} .'\u2013-]{0,40}?(?:\*\*)?\s*:/u;
const MARKDOWN_LEAD = /^[\s#>*_-]+/;

function meta({ text, lines }: Prepared, { metaEdgeLines }: FilterThresholds): string | null {
  if (metaEdgeLines === 0) return null;
  const disclaimer = AI_DISCLAIMER.exec(text);
  if (disclaimer) return `Assistant talk: ${quote(text.slice(disclaimer.index, disclaimer.index + 60))}.`;
  const edge = (from: number, step: 1 | -1) => {
    const found: string[] = [];
    for (let i = from; i >= 0 && i < lines.length && found.length < metaEdgeLines; i += step) {
      const line = (lines[i] as string).replace(MARKDOWN_LEAD, '');
      if (line.trim()) found.push(line);
    }
    return found;
  };
  for (const line of edge(0, 1)) {
    if (META_OPENERS.some((pattern) => pattern.test(line))) return `Meta talk at the start: ${quote(line)}.`;
  }
  // A speaker may say "I hope this helps" in character; only lines outside any turn's label are the generator's.
  for (const line of edge(lines.length - 1, -1)) {
    if (LABELLED_LINE.test(line) && !/^\(?\s*note\s*:/i.test(line)) continue;
    if (META_CLOSERS.some((pattern) => pattern.test(line))) return `Meta talk at the end: ${quote(line)}.`;
  }
  return null;
}

const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  ('the a an and or but if so of to in on at by for with from as is are was were be been it its this that these ' +
    'those we you i he she they what which who how why when where not no yes do does did can will would should ' +
    "there here have has had then than our your my me us just let's it's that's i'm we're")
    .split(' '),
);
const MIN_WORDS_FOR_FUNCTION_SHARE = 30;
/** A lowercased word, with the punctuation around it ("the,", "(is") only stripped when it is there. */
const isFunctionWord = (word: string) =>
  FUNCTION_WORDS.has(word) || (/^\W|\W$|’/.test(word) && FUNCTION_WORDS.has(word.replace(/^\W+|\W+$/g, '').replace(/’/g, "'")));
const LETTER = /\p{L}/u;
const NON_SPACE = /\S/u;

/**
 * Visible, letter and bad characters (by code point), counted in one pass with an ASCII fast path. Bad characters
 * are control characters that are not whitespace (C0, DEL, C1) and U+FFFD, the mark of broken decoding.
 */
function characterCounts(text: string): { visible: number; letters: number; bad: number } {
  let visible = 0;
  let letters = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (code > 32 && code !== 127) {
        visible += 1;
        if ((code | 32) >= 97 && (code | 32) <= 122) letters += 1;
      } else if (code !== 32 && (code < 9 || code > 13)) {
        visible += 1;
        bad += 1;
      }
    } else {
      const char = String.fromCodePoint(text.codePointAt(i) as number);
      i += char.length - 1;
      if (!NON_SPACE.test(char)) continue;
      visible += 1;
      if (LETTER.test(char)) letters += 1;
      else if (code === 0xfffd || code <= 0x9f) bad += 1;
    }
  }
  return { visible, letters, bad };
}

function garbage({ text, words }: Prepared, thresholds: FilterThresholds): string | null {
  const { maxBadCharShare, minLetterShare, longWordChars, maxLongWordShare, minFunctionWordShare } = thresholds;
  const { visible, letters, bad } = characterCounts(text);
  if (visible === 0) return null;
  if (maxBadCharShare > 0 && bad / visible > maxBadCharShare) {
    return `Mostly non-text: ${percent(bad / visible)} control or replacement characters (at most ${percent(maxBadCharShare)}).`;
  }
  if (minLetterShare > 0 && letters / visible < minLetterShare) {
    return `Mostly non-text: ${percent(letters / visible)} of the visible characters are letters (at least ${percent(minLetterShare)}).`;
  }
  if (longWordChars > 0 && maxLongWordShare > 0) {
    const inLongWords = words.reduce((sum, word) => (word.length > longWordChars ? sum + word.length : sum), 0);
    if (inLongWords / visible > maxLongWordShare) {
      return `Mostly non-text: ${percent(inLongWords / visible)} of the text is in words over ${longWordChars} characters (at most ${percent(maxLongWordShare)}).`;
    }
  }
  if (minFunctionWordShare > 0 && words.length >= MIN_WORDS_FOR_FUNCTION_SHARE) {
    const common = words.reduce((sum, word) => (isFunctionWord(word) ? sum + 1 : sum), 0);
    if (common / words.length < minFunctionWordShare) {
      return `Reads as gibberish: ${percent(common / words.length)} of the words are common English words like "the" or "is" (at least ${percent(minFunctionWordShare)}).`;
    }
  }
  return null;
}

const CHECKS: readonly [FilterId, Check][] = [
  ['too-short', tooShort],
  ['speakers', speakers],
  ['turns', turnCount],
  ['truncated', truncated],
  ['repetition', repetition],
  ['meta', meta],
  ['garbage', garbage],
];

/** Runs MIND's heuristic filters on one dialogue: one readable reason per filter that fails. */
export function runMindFilters(input: FilterInput, thresholds: Partial<FilterThresholds> = {}): FilterOutcome {
  const settings: FilterThresholds = { ...DEFAULT_FILTER_THRESHOLDS, ...thresholds };
  const text = input.text;
  const prepared: Prepared = {
    text,
    turns: input.turns ?? parseTurns(text),
    finishReason: input.finishReason ?? null,
    completionTokens: input.completionTokens ?? null,
    lines: text.split(/\r?\n/),
    words: text.toLowerCase().split(/\s+/).filter(Boolean),
  };
  const reasons: FilterOutcome['reasons'] = [];
  for (const [filter, check] of CHECKS) {
    const message = check(prepared, settings);
    if (message) reasons.push({ filter, message });
  }
  return { pass: reasons.length === 0, reasons };
}
