import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { importTypeScript } from './loadTypeScript.mjs';
import { lineWriter, numberedLines } from './lineFiles.mjs';

const usage = (message) => Object.assign(new Error(message), { code: 'USAGE' });

/**
 * The filter thresholds as command-line flags: each key of src/core/review/filters.ts's filterThresholdsSchema,
 * in kebab case (minTokens is --min-tokens). The flags are parsed before core loads, so they are listed here;
 * cli/filter.test.ts checks that the list matches the schema.
 */
export const THRESHOLD_KEYS = [
  'minTokens',
  'minSpeakers',
  'minTurns',
  'requireEnding',
  'maxLineRepeats',
  'maxRepeatedNgramShare',
  'maxLoopRepeats',
  'maxCharRepeats',
  'metaEdgeLines',
  'maxBadCharShare',
  'minLetterShare',
  'longWordChars',
  'maxLongWordShare',
  'minFunctionWordShare',
];

export const flagOf = (key) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** At most this many bad lines are named one by one; the rest are counted. */
const MAX_REPORTED = 20;

/** Thresholds from the flags given, checked against the schema, or a usage error naming the flag. */
function thresholdsFrom(core, flags) {
  const given = {};
  for (const key of THRESHOLD_KEYS) {
    const raw = flags[key];
    if (raw === undefined) continue;
    if (typeof core.DEFAULT_FILTER_THRESHOLDS[key] === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw usage(`--${flagOf(key)} must be true or false, got "${raw}"`);
      given[key] = raw === 'true';
    } else {
      if (!/^\d+(\.\d+)?$/.test(raw)) throw usage(`--${flagOf(key)} must be a number, got "${raw}"`);
      given[key] = Number(raw);
    }
  }
  const parsed = core.filterThresholdsSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usage(`--${flagOf(String(issue?.path[0]))}: ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * `mind-lab filter`: writes every dialogue line of the inputs back with its MIND filters (and its faithfulness
 * signals when the line has its excerpt). All or nothing: one bad line (not JSON, no dialogue) is reported as
 * FILE:LINE and OUT is not written, so a filtered file never silently lacks lines of its input. OUT is written
 * beside itself and renamed at the end. Returns the exit code: 0 when every line was analyzed, 1 otherwise.
 */
export async function runFilter({ inputs, output, flags }) {
  const core = await importTypeScript('cli/core.ts');
  const thresholds = thresholdsFrom(core, flags);

  const toStdout = output === '-';
  if (toStdout && inputs.includes('-')) throw usage('standard input cannot also be the output');
  const partial = `${output}.partial`;
  const out = toStdout ? process.stdout : createWriteStream(partial);
  const write = lineWriter(out);
  const totals = { analyzed: 0, passed: 0, bad: 0 };
  const failedBy = new Map();
  const started = performance.now();
  const reportBad = (where, reason) => {
    totals.bad += 1;
    if (totals.bad <= MAX_REPORTED) process.stderr.write(`${where}: ${reason}\n`);
  };

  try {
    for await (const { name, lineNumber, line } of numberedLines(inputs, reportBad)) {
      const result = core.analyzeDialogueLine(line, thresholds);
      if (result.kind === 'blank') continue;
      if (result.kind === 'rejected') {
        reportBad(`${name}:${lineNumber}`, result.reason);
        continue;
      }
      totals.analyzed += 1;
      if (result.filters.pass) totals.passed += 1;
      for (const { filter } of result.filters.reasons) failedBy.set(filter, (failedBy.get(filter) ?? 0) + 1);
      // After a bad line the output is dropped anyway; reading on only finds the other bad lines.
      if (totals.bad === 0) await write(result.line);
    }
  } catch (error) {
    if (!toStdout) {
      out.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  }

  const ok = totals.bad === 0 && totals.analyzed > 0;
  if (!toStdout) {
    out.end();
    await once(out, 'finish');
    if (ok) await rename(partial, output);
    else await rm(partial, { force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const failed = [...failedBy].map(([filter, count]) => `${filter} ${count}`).join(', ');
  if (totals.bad > MAX_REPORTED) process.stderr.write(`… and ${totals.bad - MAX_REPORTED} more bad lines\n`);
  if (totals.bad > 0) process.stderr.write(`${totals.bad} bad line${totals.bad === 1 ? '' : 's'}: nothing was written${toStdout ? ' after the first one' : ` to ${output}`}\n`);
  else if (totals.analyzed === 0) process.stderr.write('no dialogue lines: nothing was written\n');
  process.stderr.write(
    `${totals.analyzed} dialogues: ${totals.passed} passed, ${totals.analyzed - totals.passed} failed` +
      `${failed ? ` (${failed})` : ''}; thresholds ${core.thresholdsHash(thresholds)}; ${seconds.toFixed(2)} s\n`,
  );
  return ok ? 0 : 1;
}
