#!/usr/bin/env node
/**
 * mind-lab command line. It runs the TypeScript of src/core directly through Vite's module runner
 * (cli/loadTypeScript.mjs), so it works right after `npm install` / `npm ci` with no build step.
 */
import { parseArgs } from 'node:util';
import { runChunk } from './chunkCommand.mjs';

const HELP = `Usage:
  mind-lab chunk IN [IN ...] -o OUT [options]

Split OpenWebMath-style documents into MIND excerpts (contexts near a target token count, never cut inside
math, code or tables) and write one JSON line per excerpt:
  {"documentId","url","index","text","tokens","start","end","mathSpans"}
documentId is the SHA-256 of the normalized document text; start/end are character offsets into it.

IN    .jsonl / .ndjson / .json (a JSON array), optionally .gz; .parquet; .txt / .md (one document each)
Options:
  -o, --output FILE        where to write the excerpts (JSONL); "-" for standard output
      --target-tokens N    target excerpt size in tokens (default 500)
      --min-tokens N       smallest excerpt (default 100)
      --max-tokens N       largest excerpt, unless one formula/code block/table alone is larger (default 800)
      --short-chunks MODE  merge (default) or drop excerpts still under --min-tokens
      --text-field NAME    JSON field or Parquet column holding the text (default "text")
      --keep-duplicates    also chunk documents whose normalized text was already seen
  -h, --help               show this help

Rejected records are reported on stderr as FILE:LINE: reason. Exit code 0 when at least one document was read,
1 when nothing could be read, 2 on a usage error.`;

function usageError(message) {
  process.stderr.write(`mind-lab: ${message}\nRun "mind-lab --help" for usage.\n`);
  process.exit(2);
}

function positiveInteger(name, value) {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) usageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      'target-tokens': { type: 'string' },
      'min-tokens': { type: 'string' },
      'max-tokens': { type: 'string' },
      'short-chunks': { type: 'string' },
      'text-field': { type: 'string' },
      'keep-duplicates': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  usageError(error.message);
}

const { values, positionals } = parsed;
const [command, ...inputs] = positionals;
if (values.help || command === 'help') {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
if (command !== 'chunk') usageError(command ? `unknown command "${command}"` : 'missing command');
if (inputs.length === 0) usageError('missing input file');
if (!values.output) usageError('missing -o OUT');
const shortChunks = values['short-chunks'] ?? 'merge';
if (shortChunks !== 'merge' && shortChunks !== 'drop') usageError('--short-chunks must be "merge" or "drop"');

const chunkOptions = Object.fromEntries(
  Object.entries({
    targetTokens: positiveInteger('target-tokens', values['target-tokens']),
    minTokens: positiveInteger('min-tokens', values['min-tokens']),
    maxTokens: positiveInteger('max-tokens', values['max-tokens']),
    shortChunks,
  }).filter(([, value]) => value !== undefined),
);

try {
  const exitCode = await runChunk({
    inputs,
    output: values.output,
    chunkOptions,
    textField: values['text-field'],
    keepDuplicates: values['keep-duplicates'],
  });
  process.exit(exitCode);
} catch (error) {
  process.stderr.write(`mind-lab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error?.code === 'USAGE' ? 2 : 1);
}
