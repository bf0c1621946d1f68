import { findProtectedSpans, type ProtectedSpan } from '../chunking/mathSpans';
import type { FaithfulnessSignals } from '../records/review';

export type SignalCategory = 'numbers' | 'formulas' | 'variables' | 'terms';

export interface SignalSpan {
  start: number;
  end: number;
  kind: 'kept' | 'introduced';
  category: SignalCategory;
}

/** One occurrence of an item in a text: `key` is what the two texts are compared by, `display` how it is shown. */
interface Found {
  category: SignalCategory;
  key: string;
  display: string;
  start: number;
  end: number;
}

interface TextRange {
  start: number;
  end: number;
}

/** "Does [start, end) overlap one of these sorted, disjoint ranges?", asked with growing `start`: linear overall. */
function overlapChecker(ranges: readonly TextRange[]): (start: number, end: number) => boolean {
  let next = 0;
  return (start, end) => {
    while (next < ranges.length && (ranges[next] as TextRange).end <= start) next += 1;
    const range = ranges[next];
    return range !== undefined && range.start < end;
  };
}

/** Merges two sorted lists of disjoint ranges that do not overlap each other. */
const mergeRanges = (a: readonly TextRange[], b: readonly TextRange[]) => [...a, ...b].sort((x, y) => x.start - y.start);

// ---------------------------------------------------------------------------------------------------------------
// Numbers: 1,000 and 1000.0 are 1000; .5 is 0.5; 21.10.2014 stays as written. Digits glued to a letter before them
// (D70, x2, CHEM-NWU9LE) are names, not numbers.

const NUMBER = /(?<![\p{L}\p{N}_.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)*|(?<![\p{L}\p{N}_.])\.\d+/gu;

export function normalizeNumber(raw: string): string {
  const plain = raw.replace(/,/g, '');
  if (!/^\d*(?:\.\d+)?$/.test(plain)) return plain;
  const [whole = '', fraction = ''] = plain.split('.');
  const integer = whole.replace(/^0+(?=\d)/, '') || '0';
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}

function findNumbers(text: string, skip: readonly TextRange[], out: Found[]): void {
  const skipped = overlapChecker(skip);
  for (const match of text.matchAll(NUMBER)) {
    if (skipped(match.index, match.index + match[0].length)) continue;
    const key = normalizeNumber(match[0]);
    out.push({ category: 'numbers', key, display: key, start: match.index, end: match.index + match[0].length });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Formulas: LaTeX math spans, and plain-text formulas such as "1+100=101" or "c > a > d", compared as normalized
// LaTeX: no spaces, \left/\right and sizing dropped, \dfrac is \frac, ≤ is \leq, every multiplication is \times,
// braces around a single character dropped where they group nothing.

const FORMULA_REWRITES: readonly [RegExp, string][] = [
  [/\\(?:left|right)\./g, ''],
  [/\\(?:left|right|[bB]igg?[lr]?)(?![a-zA-Z])\s*(\\[{}|]|[()[\]|]|\\[a-zA-Z]+)?/g, '$1'],
  [/\\[dtc]frac(?![a-zA-Z])/g, '\\frac'],
  [/\\(?:displaystyle|textstyle|scriptstyle)(?![a-zA-Z])/g, ''],
  [/\\(?:q?quad(?![a-zA-Z])|[,;:! ])/g, ''],
  [/~/g, ''],
  [/\\(?:cdot|ast)(?![a-zA-Z])|[*×·∗]/g, '\\times '],
  [/\\(?:le|leqslant)(?![a-zA-Z])|≤|<=/g, '\\leq '],
  [/\\(?:ge|geqslant)(?![a-zA-Z])|≥|>=/g, '\\geq '],
  [/\\ne(?![a-zA-Z])|≠/g, '\\neq '],
  [/±/g, '\\pm '],
  [/÷/g, '\\div '],
  [/[−–]/g, '-'],
  [/\\to(?![a-zA-Z])|→/g, '\\rightarrow '],
];

/** Whether `out` ends with a command name or a closing brace, so a `{` after it opens an argument. */
function endsWithCommandOrGroup(out: string): boolean {
  let i = out.length - 1;
  if (out[i] === '}') return true;
  while (i >= 0 && /[a-zA-Z]/.test(out[i] as string)) i -= 1;
  return i < out.length - 1 && out[i] === '\\';
}

/** Drops `{x}` around one character unless the braces are a command's argument (\frac{1}{2} keeps its braces). */
function dropSingleBraces(tex: string): string {
  let out = '';
  for (let i = 0; i < tex.length; i += 1) {
    const char = tex[i] as string;
    if (char === '{' && tex[i + 2] === '}' && tex[i + 1] !== '\\' && tex[i + 1] !== '{' && !endsWithCommandOrGroup(out)) {
      out += tex[i + 1];
      i += 2;
    } else {
      out += char;
    }
  }
  return out;
}

export function normalizeFormula(tex: string): string {
  let text = tex;
  for (const [pattern, replacement] of FORMULA_REWRITES) text = text.replace(pattern, replacement);
  // Spaces go, except the one that ends a command name before a letter (\times x stays two tokens).
  text = text.replace(/(\\[a-zA-Z]+)?\s+(?=([a-zA-Z])?)/g, (_space, command?: string, letter?: string) => (command ? (letter ? `${command} ` : command) : ''));
  return dropSingleBraces(text).replace(/[.,;:]+$/, '').replace(NUMBER, normalizeNumber);
}

/** A formula relates or combines things; a lone number or letter is counted as a number or a variable instead. */
const isFormula = (key: string) => key.length >= 2 && /[=<>+\-/^_\\!|()[\]]/.test(key) && !/^-?[\d.]+$/.test(key);

const MATH_DELIMITERS: readonly (readonly [string, string])[] = [['$$', '$$'], ['\\[', '\\]'], ['\\(', '\\)'], ['$', '$']];

/** The TeX inside a math span, with where it starts in the text. */
function mathInside(text: string, start: number, end: number, kind: string): { tex: string; offset: number } {
  const raw = text.slice(start, end);
  if (kind !== 'environment') {
    for (const [open, close] of MATH_DELIMITERS) {
      if (raw.startsWith(open) && raw.endsWith(close) && raw.length >= open.length + close.length) {
        return { tex: raw.slice(open.length, raw.length - close.length), offset: start + open.length };
      }
    }
  }
  return { tex: raw, offset: start };
}

const FUNCTION_NAMES: ReadonlySet<string> = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'ln', 'exp', 'lim', 'max', 'min', 'det', 'mod', 'gcd', 'lcm', 'deg', 'dim', 'ker', 'arg', 'sup', 'inf']);
/**
 * Inside TeX: a command (skipped, with the text argument of \text-like commands), or a run of letters with an
 * optional simple subscript. Runs of one to three letters are variables (2xy is x and y); longer runs are words.
 */
const TEX_TOKEN = /\\(?:text\w*|mathrm|operatorname|mbox|label|begin|end)\s*\{[^{}]*\}|\\[a-zA-Z]+|\\.|([A-Za-z]{1,3})(?![A-Za-z])(?:_(\{[A-Za-z0-9]{1,4}\}|[A-Za-z0-9]))?|[A-Za-z]{4,}/g;

function findTexVariables(tex: string, offset: number, out: Found[]): void {
  for (const match of tex.matchAll(TEX_TOKEN)) {
    const letters = match[1];
    if (!letters || FUNCTION_NAMES.has(letters)) continue;
    const subscript = match[2]?.replace(/[{}]/g, '');
    for (let i = 0; i < letters.length; i += 1) {
      const last = i === letters.length - 1;
      const key = last && subscript ? `${letters[i]}_${subscript}` : (letters[i] as string);
      const start = offset + match.index + i;
      out.push({ category: 'variables', key, display: key, start, end: last ? offset + match.index + match[0].length : start + 1 });
    }
  }
}

const OPERAND = String.raw`(?:(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)%?(?:[A-Za-z](?![\p{L}\p{N}]))?|(?<![\p{L}\p{N}'’])[A-Za-z](?![\p{L}\p{N}'’])%?)`;
const OPERATOR = String.raw`\s*(?:<=|>=|!=|[-+*/^=<>≤≥≠×÷±·−])\s*`;
const PLAIN_FORMULA = new RegExp(`${OPERAND}(?:${OPERATOR}${OPERAND})+`, 'gu');
const PLAIN_VARIABLE = /(?<![\p{L}\p{N}'’])[A-Za-z](?![\p{L}'’])|(?<=\d)[A-Za-z](?![\p{L}])/gu;
const RELATION = /[=<>≤≥≠]/;

function findPlainFormulas(text: string, mathSpans: readonly TextRange[], out: Found[]): void {
  let spanIndex = 0;
  for (const match of text.matchAll(PLAIN_FORMULA)) {
    const start = match.index;
    const end = start + match[0].length;
    while (spanIndex < mathSpans.length && (mathSpans[spanIndex] as { end: number }).end <= start) spanIndex += 1;
    const span = mathSpans[spanIndex];
    if (span && span.start < end) continue;
    const raw = match[0];
    if (!RELATION.test(raw) && !/\d/.test(raw)) continue;
    const key = normalizeFormula(raw);
    if (!isFormula(key)) continue;
    out.push({ category: 'formulas', key, display: key, start, end });
    for (const variable of raw.matchAll(PLAIN_VARIABLE)) {
      const at = start + variable.index;
      out.push({ category: 'variables', key: variable[0], display: variable[0], start: at, end: at + 1 });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Named terms: capitalised names (Gauss, Martin Luther King Jr, CAT) and multi-word math terms from a short list.

const MATH_TERMS = [
  'natural number', 'whole number', 'prime number', 'odd number', 'even number', 'real number', 'rational number',
  'irrational number', 'complex number', 'negative number', 'positive integer', 'negative integer', 'common denominator',
  'least common multiple', 'greatest common divisor', 'common factor', 'prime factorization', 'arithmetic progression',
  'arithmetic sequence', 'arithmetic series', 'geometric progression', 'geometric sequence', 'geometric series',
  'quadratic equation', 'quadratic formula', 'linear equation', 'system of equations', 'standard deviation',
  'margin of error', 'confidence interval', 'sample size', 'null hypothesis', 'normal distribution',
  'binomial distribution', 'probability distribution', 'expected value', 'random variable', 'conditional probability',
  'mean value theorem', 'fundamental theorem of calculus', 'chain rule', 'product rule', 'quotient rule',
  'partial derivative', 'definite integral', 'indefinite integral', 'power series', 'right angle', 'right triangle',
  'unit circle', 'decimal point', 'place value', 'significant figure', 'scientific notation', 'square root',
  'cube root', 'absolute value', 'equilibrium constant', 'rate of change', 'line of best fit', 'order of operations',
  'common ratio', 'common difference', 'exponential growth', 'exponential decay', 'inverse function', 'dot product',
  'cross product', 'matrix multiplication', 'vector space', 'modular arithmetic', 'mathematical induction',
  'binomial theorem', 'law of cosines', 'law of sines', 'slope of the line', 'population proportion', 'estimation interval',
];
const TERM_LIST = new RegExp(`\\b(?:${[...MATH_TERMS].sort((a, b) => b.length - a.length).join('|')})(?:e?s)?\\b`, 'gi');
const termKeyOf = (phrase: string) => {
  const lower = phrase.toLowerCase().replace(/\s+/g, ' ');
  return MATH_TERMS.find((term) => lower === term || lower === `${term}s` || lower === `${term}es`) ?? lower;
};

const WORD = String.raw`\p{Lu}[\p{L}\p{N}]*(?:['’-][\p{L}\p{N}]+)*`;
const CAPITALISED_RUN = new RegExp(`(?<![\\p{L}\\p{N}_\\\\])${WORD}(?:[ \\t]+${WORD})*`, 'gu');
const SENTENCE_START = /(?:^|[.!?:;"“(*#>\n]|\*\*|^\s*[-•]|\d\.)\s*$/;
const PRONOUN_I = /^I(?:['’](?:m|ve|d|ll))?$/;
const isAcronym = (word: string) => /^\p{Lu}[\p{Lu}\p{N}-]+$/u.test(word);

/** Sentence-opening words that are never names, however a text capitalises them. */
const NOT_NAMES: ReadonlySet<string> = new Set(
  'Ah Oh Okay Ok Yes No Yeah Well So Hmm Right Exactly Great Sure Hi Hello Hey Thanks Wow Alright Now Then But And Or The A'.split(' '),
);
const startsSentence = (text: string, at: number) => SENTENCE_START.test(text.slice(Math.max(0, at - 4), at));

/** Capitalised words that sit in the middle of a sentence somewhere in the text, hence are names. */
function midSentenceWords(text: string, runs: readonly RegExpExecArray[]): Set<string> {
  const names = new Set<string>();
  for (const run of runs) {
    const opensSentence = startsSentence(text, run.index);
    run[0].split(/[ \t]+/).forEach((word, i) => {
      if (i > 0 || !opensSentence) names.add(word);
    });
  }
  return names;
}

function findTerms(text: string, mathSpans: readonly TextRange[], runs: readonly RegExpExecArray[], names: ReadonlySet<string>, out: Found[]): void {
  const inMath = overlapChecker(mathSpans);
  const listed: TextRange[] = [];
  for (const match of text.matchAll(TERM_LIST)) {
    const end = match.index + match[0].length;
    if (inMath(match.index, end)) continue;
    out.push({ category: 'terms', key: termKeyOf(match[0]), display: match[0], start: match.index, end });
    listed.push({ start: match.index, end });
  }
  const overlaps = overlapChecker(mergeRanges(mathSpans, listed));
  for (const run of runs) {
    let start = run.index;
    let words = run[0].split(/([ \t]+)/);
    // A sentence's first word is a name only when a text capitalises it mid-sentence too (or it is an acronym).
    const first = words[0] as string;
    if (NOT_NAMES.has(first) || (startsSentence(text, start) && !names.has(first) && !isAcronym(first))) {
      start += first.length + (words[1]?.length ?? 0);
      words = words.slice(2);
    }
    // A speaker label ("Professor 1:", "Alex:") names a role in the dialogue, not a fact of the excerpt.
    const end = start + words.join('').length;
    if (/^\s*\**\s*(?:\d+\s*)?\**\s*:/.test(text.slice(end, end + 8)) && /(?:^|\n)\s*\**\s*$/.test(text.slice(Math.max(0, run.index - 4), run.index))) continue;
    const display = words.join('').replace(/['’]s?$/, '');
    if (display.length < 2 || PRONOUN_I.test(display) || overlaps(start, start + display.length)) continue;
    out.push({ category: 'terms', key: termKeyOf(display), display, start, end: start + display.length });
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** One text, read once: its math spans and capitalised runs, shared by every finder. */
interface ScannedText {
  text: string;
  mathSpans: ProtectedSpan[];
  runs: RegExpExecArray[];
  /** Capitalised words this text uses mid-sentence. */
  names: Set<string>;
}

function scanText(text: string): ScannedText {
  const mathSpans = findProtectedSpans(text).filter((span) => span.kind !== 'code' && span.kind !== 'table');
  const runs = [...text.matchAll(CAPITALISED_RUN)];
  return { text, mathSpans, runs, names: midSentenceWords(text, runs) };
}

/** Speaker labels at line starts ("Professor 1:", "**Alex:**"): their words are the dialogue's cast, not its facts. */
const SPEAKER_LABEL = /^[ \t]*(?:\*\*)?([\p{L}][\p{L}\p{N} .'\u2013-]{0,40}?)(?:\*\*)?[ \t]*:/gmu;
/** Header lines that number the dialogue's own parts ("**Turn 3**", "### Round 2"). */
const PART_HEADER = /^[ \t]*[#*_]*[ \t]*(?:turn|round|part|exchange|scene)[ \t]+\d+[ \t]*[*_:]*[ \t]*$/gim;

/** The dialogue's own structure: labels and numbered part headers, whose numbers are not the excerpt's. */
function dialogueStructure(text: string): TextRange[] {
  const ranges = [...text.matchAll(SPEAKER_LABEL), ...text.matchAll(PART_HEADER)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * Every number, formula, variable and term of a text, in no particular order; items of different kinds may overlap.
 * `names` are capitalised words known to be names (from either text); `dialogue` skips the numbers of labels and
 * part headers.
 */
function findItems(scanned: ScannedText, names: ReadonlySet<string>, dialogue: boolean): Found[] {
  const { text, mathSpans, runs } = scanned;
  const found: Found[] = [];
  for (const span of mathSpans) {
    const { tex, offset } = mathInside(text, span.start, span.end, span.kind);
    const key = normalizeFormula(tex);
    if (isFormula(key)) found.push({ category: 'formulas', key, display: key, start: span.start, end: span.end });
    findTexVariables(tex, offset, found);
  }
  findNumbers(text, dialogue ? dialogueStructure(text) : [], found);
  findPlainFormulas(text, mathSpans, found);
  findTerms(text, mathSpans, runs, names, found);
  return found;
}

/** Distinct keys of one category, each with the first way it was written. */
function distinct(found: readonly Found[], category: SignalCategory): Map<string, string> {
  const keys = new Map<string, string>();
  for (const item of found) if (item.category === category && !keys.has(item.key)) keys.set(item.key, item.display);
  return keys;
}

/** Whitespace-separated words, counted without building them. */
function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x1680 || code === 0xfeff;
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/**
 * What a dialogue keeps of its excerpt's numbers, formulas, variables and named terms, and which ones it brings
 * in that the excerpt does not have (docs/review-filters.md).
 */
export function faithfulnessSignals(excerpt: string, dialogue: string): FaithfulnessSignals {
  const excerptText = scanText(excerpt);
  const dialogueText = scanText(dialogue);
  // "Wikipedia has more…" opens a sentence in the excerpt; the dialogue's "but Wikipedia says" shows it is a name.
  const names = new Set([...excerptText.names, ...dialogueText.names]);
  const source = findItems(excerptText, names, false);
  const target = findItems(dialogueText, names, true);
  const cast = new Set([...dialogue.matchAll(SPEAKER_LABEL)].flatMap((label) => (label[1] as string).toLowerCase().split(/\s+/)));
  const compare = (category: SignalCategory) => {
    const from = distinct(source, category);
    const to = distinct(target, category);
    const kept: string[] = [];
    const introduced: string[] = [];
    for (const [key, display] of to) {
      if (from.has(key)) kept.push(category === 'terms' ? (from.get(key) as string) : key);
      // A name the dialogue gives its own speakers is not a fact it brought in.
      else if (!(category === 'terms' && key.split(' ').every((word) => cast.has(word)))) introduced.push(category === 'terms' ? display : key);
    }
    return { source: from.size, kept, introduced, dialogueSize: to.size };
  };
  const numbers = compare('numbers');
  const formulas = compare('formulas');
  const variables = compare('variables');
  const terms = compare('terms');
  const mathSource = numbers.source + formulas.source + variables.source;
  const mathKept = numbers.kept.length + formulas.kept.length + variables.kept.length;
  const strip = ({ source: count, kept, introduced }: ReturnType<typeof compare>) => ({ source: count, kept, introduced });
  return {
    numbers: strip(numbers),
    formulas: strip(formulas),
    variables: strip(variables),
    terms: strip(terms),
    mathCoverage: mathSource === 0 ? 1 : mathKept / mathSource,
    lengthRatio: wordCount(dialogue) / Math.max(1, wordCount(excerpt)),
    newNumberRate: numbers.dialogueSize === 0 ? 0 : numbers.introduced.length / numbers.dialogueSize,
  };
}

/** Which category wins where two items overlap: the larger structure first, then the more specific kind. */
const PRIORITY: Record<SignalCategory, number> = { formulas: 0, terms: 1, numbers: 2, variables: 3 };

/**
 * Where the kept and introduced items of `signals` sit in one of the two texts, for highlighting: sorted and
 * never overlapping (a kept formula covers the numbers inside it). The excerpt side has only kept items.
 */
export function signalSpans(text: string, signals: FaithfulnessSignals, side: 'excerpt' | 'dialogue'): SignalSpan[] {
  const lookup = (category: SignalCategory) => {
    const lower = (items: string[]) => new Set(items.map((item) => (category === 'terms' ? termKeyOf(item) : item)));
    return { kept: lower(signals[category].kept), introduced: side === 'dialogue' ? lower(signals[category].introduced) : new Set<string>() };
  };
  const sets = { numbers: lookup('numbers'), formulas: lookup('formulas'), variables: lookup('variables'), terms: lookup('terms') };
  const candidates: SignalSpan[] = [];
  const scanned = scanText(text);
  const names = new Set(scanned.names);
  for (const term of [...signals.terms.kept, ...signals.terms.introduced]) for (const word of term.split(/\s+/)) names.add(word);
  for (const item of findItems(scanned, names, side === 'dialogue')) {
    const set = sets[item.category];
    const kind = set.kept.has(item.key) ? 'kept' : set.introduced.has(item.key) ? 'introduced' : null;
    if (kind && item.end > item.start) candidates.push({ start: item.start, end: item.end, kind, category: item.category });
  }
  candidates.sort((a, b) => PRIORITY[a.category] - PRIORITY[b.category] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const placed: SignalSpan[] = [];
  for (const span of candidates) {
    let low = 0;
    let high = placed.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((placed[middle] as SignalSpan).start < span.start) low = middle + 1;
      else high = middle;
    }
    const before = placed[low - 1];
    const after = placed[low];
    if ((before && before.end > span.start) || (after && after.start < span.end)) continue;
    placed.splice(low, 0, span);
  }
  return placed;
}
