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

/**
 * Cumulative weights: result[k] is the estimate, in thousandths of a token, of text.slice(0, k). For any slice
 * that starts at the text start or right after whitespace, result[end] - result[start] equals the estimate of
 * that slice on its own.
 */
export function tokenPrefixSums(text: string): Float64Array {
  const sums = new Float64Array(text.length + 1);
  let total = 0;
  let previousWasLetter = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const kind = ASCII_CLASS[code] ?? SYMBOL;
      total += CLASS_WEIGHT[kind] ?? 0;
      const isLetter = kind === LETTER;
      if (isLetter && !previousWasLetter) total += TOKEN_WEIGHTS_MILLI.wordStart;
      previousWasLetter = isLetter;
    } else {
      // A low surrogate is the second half of a character already counted.
      if (code < 0xdc00 || code > 0xdfff) total += TOKEN_WEIGHTS_MILLI.nonAscii;
      previousWasLetter = false;
    }
    sums[i + 1] = total;
  }
  return sums;
}

/** Estimated token count of `text` in thousandths of a token. */
export function estimateTokensMilli(text: string): number {
  return tokenPrefixSums(text)[text.length] ?? 0;
}

/** Estimated number of Llama-2-style tokens in `text` (no BOS token). */
export function estimateTokens(text: string): number {
  return Math.round(estimateTokensMilli(text) / 1000);
}
