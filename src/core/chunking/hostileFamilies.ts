/**
 * Adversarial documents for the chunker, each a family indexed by size: the shapes scraped web pages and broken
 * files really take (runaway backslashes, unclosed delimiters, thousands of `\begin`), sized so that a scan that
 * rescans per opener shows as super-linear growth. Used by the scaling tests (hostileInput.test.ts) and by the
 * hostile bench suite (bench/suites/hostile.mjs).
 */
export interface HostileFamily {
  name: string;
  /** A document of about `size` characters. */
  make: (size: number) => string;
}

const repeatTo = (unit: string, size: number) => unit.repeat(Math.max(1, Math.ceil(size / unit.length)));

/** Fence openers whose runs grow 3, 4, 5, … with a closer too short for each: walks the candidates. */
function growingFences(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let run = 3; length < size; run = run >= 60 ? 3 : run + 1) {
    const part = `${'`'.repeat(run + 1)}x\n${'`'.repeat(run)}\ntext\n`;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** Backtick runs of many different lengths on one line, none closed. */
function distinctBacktickRuns(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let run = 1; length < size; run = run >= 200 ? 1 : run + 1) {
    const part = `${'`'.repeat(run)} a `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** A deterministic soup of every delimiter the span finder knows, on few lines and no blank line. */
function delimiterSoup(size: number): string {
  const tokens = ['$', '$$', '\\(', '\\)', '\\[', '\\]', '\\', '\\\\', '`', '```', '~~~', '|', '|---|', '\\begin{a}', '\\end{a}', '\\begin{b}', 'x', ' ', ' ', '\n', '. '];
  let seed = 12345;
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const token = tokens[seed % tokens.length] as string;
    parts.push(token);
    length += token.length;
  }
  return parts.join('');
}

export const HOSTILE_FAMILIES: readonly HostileFamily[] = [
  { name: 'one-line word list', make: (size) => repeatTo('a ', size) },
  { name: 'one-line number list', make: (size) => repeatTo('3.14159, ', size) },
  { name: 'nested \\begin{x} with fewer \\end{x}', make: (size) => repeatTo('\\begin{x} ', (size * 2) / 3) + repeatTo('\\end{x} ', size / 3) },
  { name: 'many environment names, none closed', make: (size) => Array.from({ length: Math.ceil(size / 14) }, (_, i) => `\\begin{e${i % 997}} `).join('') },
  { name: 'run of backslashes', make: (size) => repeatTo('\\', size) },
  { name: 'backslash runs before dollars', make: (size) => repeatTo(`${'\\'.repeat(41)}$ `, size) },
  { name: 'unclosed \\( and \\[', make: (size) => repeatTo('\\( a \\[ b ', size) },
  { name: 'escaped dollars in one paragraph', make: (size) => `$ ${repeatTo('\\$ x ', size)}` },
  { name: 'unclosed ``` fences', make: (size) => repeatTo('```x\n', size) },
  { name: 'fences each a bit longer than the closer', make: growingFences },
  { name: 'long backtick run', make: (size) => repeatTo('`', size) },
  { name: 'backtick runs of distinct lengths', make: distinctBacktickRuns },
  { name: 'padded table delimiter row', make: (size) => `| a |\n|--${' '.repeat(size)}x` },
  { name: 'table headers without delimiter rows', make: (size) => repeatTo('| a | b |\n', size) },
  { name: 'long table', make: (size) => `| a | b |\n|---|---|\n${repeatTo('| 1 | $x$ |\n', size)}` },
  { name: 'tiny pieces', make: (size) => repeatTo('\u0001 ', size) },
  { name: 'one long word', make: (size) => repeatTo('a', size) },
  { name: 'blank lines only between dollars', make: (size) => repeatTo('$ a\n\n', size) },
  { name: 'delimiter soup', make: delimiterSoup },
];
