import { seededRandom } from '../../src/core/sampling/seededSample';

const WORDS = ['theorem', 'lemma', 'proof', 'integral', 'derivative', 'matrix', 'eigenvalue', 'vector', 'space', 'group', 'ring', 'field',
  'prime', 'number', 'sequence', 'series', 'converges', 'bounded', 'continuous', 'function', 'limit', 'polynomial', 'root', 'graph',
  'vertex', 'edge', 'probability', 'variance', 'expectation', 'random', 'variable', 'distribution', 'measure', 'set', 'subset', 'open',
  'closed', 'compact', 'metric', 'norm', 'linear', 'map', 'kernel', 'image', 'basis', 'dimension', 'algorithm', 'complexity', 'tree',
  'modulo', 'congruence', 'divisor', 'factor', 'inequality', 'estimate', 'bound', 'triangle', 'angle', 'circle', 'area', 'volume'];
const MATH = ['$x^2 + y^2 = r^2$', '$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$', '$$\\int_0^1 f(x)\\,dx \\le \\|f\\|_\\infty$$', '$a \\equiv b \\pmod{m}$',
  '$\\lambda v = A v$', '$$\\det(A - \\lambda I) = 0$$', '$\\mathbb{E}[X] = \\mu$', '$O(n \\log n)$', '\\(\\varepsilon > 0\\)', '\\[e^{i\\pi} + 1 = 0\\]'];

const SYLLABLES = ['al', 'be', 'co', 'di', 'er', 'fa', 'gen', 'hy', 'io', 'ka', 'lo', 'mor', 'ni', 'or', 'pa', 'qui', 'ra', 'su', 'ti', 'ul', 'va', 'xe', 'yo', 'ze'];
/** Math words plus 13,824 pseudo-words: a vocabulary wide enough that a query word hits a realistic share of pages. */
export const VOCABULARY = [...WORDS, ...SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.map((c) => a + b + c)))];

/** Zipf-like: low indexes (the math words first) are far more frequent than high ones, as in real text. */
export const pickWord = (random: () => number) => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 3)]!;

/** One OpenWebMath-like record: url, text of a few paragraphs with inline and display math, date, metadata JSON. */
export function generatedRecord(i: number, random: () => number, paragraphs: number): string {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const parts: string[] = [`Question ${i}: why is every ${pick(WORDS)} ${pick(WORDS)}?`];
  for (let p = 0; p < paragraphs; p += 1) {
    const sentences: string[] = [];
    for (let s = 0; s < 4; s += 1) {
      const words = Array.from({ length: 8 + Math.floor(random() * 10) }, () => pickWord(random));
      sentences.push(`${words.join(' ')} ${random() < 0.5 ? pick(MATH) : ''}.`);
    }
    parts.push(sentences.join(' '));
  }
  return JSON.stringify({
    url: `https://math.example.org/questions/${i}`,
    text: parts.join('\n\n'),
    date: '2023-03-29',
    metadata: JSON.stringify({ site: 'math.example.org', license: 'generated for benchmarks' }),
  });
}

/** A JSONL Blob of n unique records, built in slices so no single string holds the corpus. */
export function generatedCorpus(n: number, seed = 1, paragraphs = 2): Blob {
  const random = seededRandom(seed);
  const parts: string[] = [];
  for (let start = 0; start < n; start += 1000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(n, start + 1000); i += 1) lines.push(generatedRecord(i, random, paragraphs));
    parts.push(lines.join('\n') + '\n');
  }
  return new Blob(parts, { type: 'application/x-ndjson' });
}
