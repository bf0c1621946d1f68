import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { excerptFiles, loadRecipe, recipeRequests } from './batchCommand.mjs';
import { importTypeScript } from './loadTypeScript.mjs';
import { lines } from './lineFiles.mjs';

const usage = (message) => Object.assign(new Error(message), { code: 'USAGE' });

export const DEFAULT_MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 60_000;
/** Statuses that pass: the server is busy or failed this once (the OpenAI Batch API and vLLM retry the same). */
const PASSING_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);
/** Statuses that say no request can succeed: stop at once rather than fill OUT with the same failure. */
const FATAL_STATUS = new Set([401, 403, 404]);

/**
 * What OUT already holds: the custom_ids answered, and how many bytes of it are whole lines. A crash can leave a
 * cut-off last line; it is reported and cut away before anything is appended. A bad line before the last one is
 * not a crash's doing, so it stops the run rather than guess.
 */
async function scanOutput(path) {
  const done = new Set();
  let size;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if (error.code === 'ENOENT') return { done, tornBytes: 0 };
    throw error;
  }
  let offset = 0;
  let lineNumber = 0;
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let newline;
    while ((newline = data.indexOf(10)) >= 0) {
      const line = data.subarray(0, newline).toString('utf8');
      data = data.subarray(newline + 1);
      offset += newline + 1;
      lineNumber += 1;
      if (!line.trim()) continue;
      let customId;
      try {
        customId = JSON.parse(line).custom_id;
      } catch {
        customId = undefined;
      }
      if (typeof customId !== 'string') throw new Error(`${path}:${lineNumber} is not a batch output line; move the file away or fix that line, then run again`);
      done.add(customId);
    }
    rest = Buffer.from(data);
  }
  const tornBytes = size - offset;
  if (tornBytes > 0) await truncate(path, offset);
  return { done, tornBytes };
}

/** One generate per OUT at a time: two would answer the same custom_ids twice. A lock left by a killed run is taken over. */
async function lockOutput(out) {
  const lock = `${out}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
      let alive = false;
      try {
        alive = pid > 0 && pid !== process.pid && process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive) throw usage(`${out} is being written by another mind-lab generate (process ${pid}); wait for it or stop it`);
      await rm(lock, { force: true });
    }
  }
  throw new Error(`could not lock ${out}`);
}

/** Appends whole lines, one write each, in the order they finish; a line is never split across writes. */
async function openAppender(path) {
  const handle = await open(path, 'a');
  let chain = Promise.resolve();
  return {
    append(line) {
      const bytes = Buffer.from(`${line}\n`);
      chain = chain.then(async () => {
        let written = 0;
        while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
      });
      return chain;
    },
    async close() {
      await chain;
      await handle.close();
    },
  };
}

/** Request lines from files `mind-lab batch` wrote (or any OpenAI Batch input), each checked, each custom_id once. */
async function* requestFileLines(files, totals) {
  const seen = new Set();
  for (const path of files) {
    let lineNumber = 0;
    for await (const line of lines(path)) {
      lineNumber += 1;
      if (!line.trim()) continue;
      let request;
      try {
        request = JSON.parse(line);
      } catch {
        request = null;
      }
      if (typeof request?.custom_id !== 'string' || typeof request.body !== 'object' || request.body === null || request.url !== '/v1/chat/completions') {
        totals.rejected += 1;
        process.stderr.write(`${path}:${lineNumber}: not a chat completion batch request (custom_id, url "/v1/chat/completions", body)\n`);
        continue;
      }
      if (seen.has(request.custom_id)) {
        totals.duplicates += 1;
        continue;
      }
      seen.add(request.custom_id);
      yield { request };
    }
  }
}

/** Non-blank lines of the files: the number of excerpts (or requests), for the ETA before the stream is read. */
async function countLines(files) {
  let count = 0;
  for (const path of files) for await (const line of lines(path)) if (line.trim()) count += 1;
  return count;
}

const backoffMs = (attempt, retryAfterMs) => (retryAfterMs !== undefined ? Math.min(retryAfterMs, MAX_DELAY_MS) : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1)));

const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

const formatSeconds = (seconds) => (seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : seconds >= 60 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds)} s`);

class FatalAnswer extends Error {}

/**
 * `mind-lab generate`: the recipe's requests for IN sent to one or more OpenAI-compatible servers, answers appended
 * to OUT in the OpenAI Batch output format as they come. Resumable: custom_ids already in OUT are skipped, so a run
 * stopped by Ctrl-C or a crash picks up where it was, never writing an id twice. Passing failures (429, 5xx, a
 * dropped connection) retry with backoff, honouring Retry-After, on the least busy endpoint; a request that still
 * fails is left out of OUT for the next run. Other HTTP errors are answers and are written (as the batch APIs do).
 * Returns the exit code: 0 when every request has its line, 1 when some are left, 130 when interrupted.
 */
export async function runGenerate({ inputs, recipeFile, endpoints, model, out, concurrency = 4, apiKeyEnv, excerpts = false, requestFiles = false, maxAttempts = DEFAULT_MAX_ATTEMPTS }) {
  if (endpoints.length === 0) throw usage('give at least one --endpoint URL (e.g. http://localhost:8000/v1)');
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw usage('--concurrency must be a whole number of at least 1');
  if (excerpts && requestFiles) throw usage('give --excerpts or --requests, not both');
  const core = await importTypeScript('cli/core.ts');
  const recipe = requestFiles && !recipeFile ? null : await loadRecipe(core, recipeFile);
  let apiKey;
  if (apiKeyEnv) {
    apiKey = process.env[apiKeyEnv];
    if (!apiKey) throw usage(`--api-key-env ${apiKeyEnv}: that environment variable is not set`);
  }
  const servers = endpoints.map((url) => {
    try {
      return { apiRoot: core.toApiRoot(url), inFlight: 0, sent: 0, failures: 0, downUntil: 0 };
    } catch (error) {
      throw usage(`--endpoint ${url}: ${error.message}`);
    }
  });

  const release = await lockOutput(out);
  const totals = { excerpts: 0, rejected: 0, duplicates: 0, skipped: 0, done: 0, failed: 0, left: 0 };
  let scratch = null;
  let appender = null;
  const stop = new AbortController();
  let interrupted = false;
  let fatal = null;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nmind-lab: stopping; answers already received are kept (Ctrl-C again to quit at once)\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { done, tornBytes } = await scanOutput(out);
    if (tornBytes > 0) process.stderr.write(`${out}: cut away a cut-off last line (${tornBytes} bytes) left by an earlier run that was killed\n`);
    if (done.size > 0) process.stderr.write(`${out}: ${done.size} answers already there; resuming with the rest\n`);
    appender = await openAppender(out);

    let source;
    let expected;
    if (requestFiles) {
      source = requestFileLines(inputs, totals);
      expected = await countLines(inputs);
    } else {
      scratch = await excerptFiles({ inputs, recipe, excerpts });
      source = recipeRequests(core, recipe, scratch.files, totals);
      const perExcerpt = (recipe.styleAssignment === 'every' ? recipe.styles.length : 1) * recipe.samplesPerExcerpt;
      expected = (await countLines(scratch.files)) * perExcerpt;
    }

    const started = performance.now();
    let firstSentAt = null;
    let lastAnsweredAt = null;
    const progress = () => {
      const seconds = (performance.now() - (firstSentAt ?? started)) / 1000;
      const rate = seconds > 0 ? totals.done / seconds : 0;
      const remaining = Math.max(0, expected - totals.skipped - totals.done - totals.failed - totals.left);
      const eta = rate > 0 ? formatSeconds(remaining / rate) : '?';
      return `done ${totals.done + totals.skipped}/${expected}, failed ${totals.failed}${totals.left ? `, left ${totals.left}` : ''}, ${rate.toFixed(1)} req/s, ETA ${eta}`;
    };
    const ticker = setInterval(() => process.stderr.write(process.stderr.isTTY ? `\r${progress()}   ` : `${progress()}\n`), process.stderr.isTTY ? 500 : 10_000);
    ticker.unref();

    /**
     * The least busy endpoint that is not resting after a dropped connection; when all rest, the one back soonest.
     * A dead replica so costs its neighbours nothing but the one connection refused.
     */
    const pickServer = () => {
      const now = Date.now();
      const up = servers.filter((server) => server.downUntil <= now);
      if (up.length === 0) return servers.reduce((best, server) => (server.downUntil < best.downUntil ? server : best));
      return up.reduce((best, server) => (server.inFlight < best.inFlight || (server.inFlight === best.inFlight && server.sent < best.sent) ? server : best));
    };

    const answerLine = (customId, response) => ({
      ok: response.status_code === 200,
      line: JSON.stringify({ id: `batch_req_${randomUUID().replaceAll('-', '')}`, custom_id: customId, response, error: null }),
    });

    /** Sends one request until it has an answer line to write, or gives up on it for this run (returns null). */
    async function answer(request) {
      const body = JSON.stringify(model ? { ...request.body, model } : request.body);
      for (let attempt = 1; ; attempt++) {
        if (stop.signal.aborted) return null;
        const server = pickServer();
        server.inFlight += 1;
        server.sent += 1;
        let retryAfterMs;
        let reason;
        try {
          const response = await fetch(`${server.apiRoot}/chat/completions`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) },
            body,
            signal: stop.signal,
          });
          const text = await response.text();
          server.failures = 0;
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          const requestId = response.headers.get('x-request-id') ?? (typeof json?.id === 'string' ? json.id : `req_${randomUUID().replaceAll('-', '')}`);
          if (response.ok && json !== null) return answerLine(request.custom_id, { status_code: response.status, request_id: requestId, body: json });
          if (FATAL_STATUS.has(response.status)) {
            const error = core.errorFromResponse(response.status, text, 'chat completion', null);
            throw new FatalAnswer(`${server.apiRoot}: ${error.message} ${error.hint}`);
          }
          if (!response.ok && !PASSING_STATUS.has(response.status)) {
            return answerLine(request.custom_id, { status_code: response.status, request_id: requestId, body: json ?? { error: { message: text.slice(0, 2000) } } });
          }
          retryAfterMs = core.parseRetryAfter(response.headers.get('retry-after'));
          reason = response.ok ? `HTTP 200 with a body that is not JSON` : `HTTP ${response.status}`;
        } catch (error) {
          if (error instanceof FatalAnswer) throw error;
          if (stop.signal.aborted) return null;
          reason = `${server.apiRoot} unreachable (${error.cause?.code ?? error.message})`;
          server.failures += 1;
          server.downUntil = Date.now() + backoffMs(server.failures);
        } finally {
          server.inFlight -= 1;
        }
        // A dropped connection while another endpoint is up: try that one at once, without counting this try.
        if (server.failures > 0 && servers.some((other) => other.downUntil <= Date.now())) {
          attempt -= 1;
          continue;
        }
        if (attempt >= maxAttempts) {
          process.stderr.write(`${request.custom_id}: ${reason} after ${attempt} tries; left for the next run\n`);
          return null;
        }
        await sleep(backoffMs(attempt, retryAfterMs), stop.signal);
      }
    }

    async function lane() {
      for (;;) {
        if (stop.signal.aborted) return;
        const next = await source.next();
        if (next.done) return;
        const { request } = next.value;
        if (done.has(request.custom_id)) {
          totals.skipped += 1;
          continue;
        }
        firstSentAt ??= performance.now();
        const answered = await answer(request);
        if (answered === null) {
          totals.left += 1;
          continue;
        }
        await appender.append(answered.line);
        lastAnsweredAt = performance.now();
        if (answered.ok) totals.done += 1;
        else totals.failed += 1;
      }
    }

    try {
      await Promise.all(Array.from({ length: concurrency }, () =>
        lane().catch((error) => {
          if (!(error instanceof FatalAnswer)) throw error;
          fatal ??= error.message;
          stop.abort();
        }),
      ));
    } finally {
      clearInterval(ticker);
    }
    const sendingSeconds = firstSentAt !== null && lastAnsweredAt !== null ? (lastAnsweredAt - firstSentAt) / 1000 : 0;
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stderr.write(
      `${totals.done} answered, ${totals.failed} failed (written with their error), ${totals.left} left for the next run, ` +
        `${totals.skipped} already in ${out}, ${totals.rejected} rejected lines, ${totals.duplicates} duplicates; ` +
        `${(totals.done + totals.failed) > 0 && sendingSeconds > 0 ? ((totals.done + totals.failed) / sendingSeconds).toFixed(2) : '0'} req/s over ${sendingSeconds.toFixed(2)} s of sending ` +
        `(${servers.map((s) => `${s.apiRoot}: ${s.sent}`).join(', ')})\n`,
    );
    if (fatal) {
      process.stderr.write(`mind-lab: ${fatal}\n`);
      return 1;
    }
    if (interrupted) {
      process.stderr.write(`mind-lab: stopped; run the same command again to resume\n`);
      return 130;
    }
    return totals.left > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await appender?.close();
    await scratch?.cleanup();
    await release();
  }
}
