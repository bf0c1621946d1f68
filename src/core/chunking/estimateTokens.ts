/**
 * A tokenizer-free token estimate, calibrated against the Llama 2 SentencePiece vocabulary (32k tokens) on the
 * math sample (cli/calibrate-tokens.mjs re-runs the fit; docs/corpus-chunking.md gives the error).
 *
 * The estimate is a sum of per-character weights plus a weight per word start, so it is additive: the estimate
 * of a text cut at whitespace is the sum of the estimates of its pieces. Chunking relies on that to size
 * candidate chunks with prefix sums instead of re-counting every slice.
 *
 * Weights are in thousandths of a token so that sums stay exact integers.
 */
export const TOKEN_WEIGHTS_MILLI = {
  letter: 25,
  wordStart: 820,
  digit: 1060,
  symbol: 736,
  backslash: 618,
  space: 233,
  newline: 1435,
  nonAscii: 2233,
} as const;

const LETTER = 1;
const DIGIT = 2;
const SYMBOL = 3;
const SPACE = 4;
const NEWLINE = 5;
const BACKSLASH = 6;

const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[A-Za-z]/.test(char)) ASCII_CLASS[code] = LETTER;
  else if (/[0-9]/.test(char)) ASCII_CLASS[code] = DIGIT;
  else if (char === '\n') ASCII_CLASS[code] = NEWLINE;
  else if (char === '\\') ASCII_CLASS[code] = BACKSLASH;
  else if (/\s/.test(char) || code < 32) ASCII_CLASS[code] = SPACE;
  else ASCII_CLASS[code] = SYMBOL;
}

const CLASS_WEIGHT = [0, 0, 0, 0, 0, 0, 0];
CLASS_WEIGHT[LETTER] = TOKEN_WEIGHTS_MILLI.letter;
CLASS_WEIGHT[DIGIT] = TOKEN_WEIGHTS_MILLI.digit;
CLASS_WEIGHT[SYMBOL] = TOKEN_WEIGHTS_MILLI.symbol;
CLASS_WEIGHT[SPACE] = TOKEN_WEIGHTS_MILLI.space;
CLASS_WEIGHT[NEWLINE] = TOKEN_WEIGHTS_MILLI.newline;
CLASS_WEIGHT[BACKSLASH] = TOKEN_WEIGHTS_MILLI.backslash;

export type TokenFeature = keyof typeof TOKEN_WEIGHTS_MILLI;

const FEATURE_OF_CLASS: TokenFeature[] = ['space', 'letter', 'digit', 'symbol', 'space', 'newline', 'backslash'];

/** How often each weighted feature occurs in `text`; the estimate is the weighted sum of these counts. */
export function countTokenFeatures(text: string): Record<TokenFeature, number> {
  const counts: Record<TokenFeature, number> = {
    letter: 0, wordStart: 0, digit: 0, symbol: 0, backslash: 0, space: 0, newline: 0, nonAscii: 0,
  };
  let previousWasLetter = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const kind = ASCII_CLASS[code] ?? SYMBOL;
      counts[FEATURE_OF_CLASS[kind] ?? 'symbol'] += 1;
      const isLetter = kind === LETTER;
      if (isLetter && !previousWasLetter) counts.wordStart += 1;
      previousWasLetter = isLetter;
    } else {
      if (code < 0xdc00 || code > 0xdfff) counts.nonAscii += 1;
      previousWasLetter = false;
    }
  }
  return counts;
}

/** One prefix sum is kept every this many characters; a lookup re-counts at most this many. */
const SAMPLE_EVERY = 16;

/**
 * Cumulative weights of a text: `at(k)` is the estimate, in thousandths of a token, of text.slice(0, k). For any
 * slice that starts at the text start or right after whitespace, at(end) - at(start) equals the estimate of that
 * slice on its own.
 *
 * Only every 16th sum is stored (8 bytes per 16 characters, plus one byte for whether the character before a
 * sample is a letter: about 0.56 bytes a character), and a lookup adds the few characters after the nearest
 * sample: a sum per character took 8 bytes a character, 1.6 GB for a 200 MiB document.
 */
export class TokenPrefixSums {
  private readonly samples: Float64Array;
  private readonly letterBeforeSample: Uint8Array;

  constructor(private readonly text: string) {
    const sampleCount = Math.floor(text.length / SAMPLE_EVERY) + 1;
    this.samples = new Float64Array(sampleCount);
    this.letterBeforeSample = new Uint8Array(sampleCount);
    let total = 0;
    let previousWasLetter = false;
    for (let i = 0; i < text.length; i += 1) {
      if (i % SAMPLE_EVERY === 0) {
        this.samples[i / SAMPLE_EVERY] = total;
        this.letterBeforeSample[i / SAMPLE_EVERY] = previousWasLetter ? 1 : 0;
      }
      const code = text.charCodeAt(i);
      total += weightOf(code, previousWasLetter);
      previousWasLetter = code < 128 && ASCII_CLASS[code] === LETTER;
    }
    if (text.length % SAMPLE_EVERY === 0) {
      this.samples[sampleCount - 1] = total;
      this.letterBeforeSample[sampleCount - 1] = previousWasLetter ? 1 : 0;
    }
  }

  /** The last answer, so that a run of growing positions (how chunking asks) is counted once, not per lookup. */
  private lastK = 0;
  private lastTotal = 0;
  private lastWasLetter = false;

  /** Estimate of text.slice(0, k) in thousandths of a token; negative k counts from the end, as in Array.at. */
  at(k: number): number {
    if (k < 0) k += this.text.length + 1;
    const sample = Math.floor(k / SAMPLE_EVERY);
    let i: number;
    let total: number;
    let previousWasLetter: boolean;
    if (k >= this.lastK && this.lastK >= sample * SAMPLE_EVERY) {
      i = this.lastK;
      total = this.lastTotal;
      previousWasLetter = this.lastWasLetter;
    } else {
      i = sample * SAMPLE_EVERY;
      total = this.samples[sample] ?? 0;
      previousWasLetter = this.letterBeforeSample[sample] === 1;
    }
    for (; i < k; i += 1) {
      const code = this.text.charCodeAt(i);
      total += weightOf(code, previousWasLetter);
      previousWasLetter = code < 128 && ASCII_CLASS[code] === LETTER;
    }
    this.lastK = k;
    this.lastTotal = total;
    this.lastWasLetter = previousWasLetter;
    return total;
  }
}

/** Weight of one UTF-16 code unit, in thousandths of a token, given whether the one before is a letter. */
function weightOf(code: number, previousWasLetter: boolean): number {
  if (code < 128) {
    const kind = ASCII_CLASS[code] ?? SYMBOL;
    const weight = CLASS_WEIGHT[kind] ?? 0;
    return kind === LETTER && !previousWasLetter ? weight + TOKEN_WEIGHTS_MILLI.wordStart : weight;
  }
  // A low surrogate is the second half of a character already counted.
  return code < 0xdc00 || code > 0xdfff ? TOKEN_WEIGHTS_MILLI.nonAscii : 0;
}

export function tokenPrefixSums(text: string): TokenPrefixSums {
  return new TokenPrefixSums(text);
}

/** Estimated token count of `text` in thousandths of a token. */
export function estimateTokensMilli(text: string): number {
  let total = 0;
  let previousWasLetter = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    total += weightOf(code, previousWasLetter);
    previousWasLetter = code < 128 && ASCII_CLASS[code] === LETTER;
  }
  return total;
}

/** Estimated number of Llama-2-style tokens in `text` (no BOS token). */
export function estimateTokens(text: string): number {
  return Math.round(estimateTokensMilli(text) / 1000);
}
