import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { importTypeScript } from './loadTypeScript.mjs';
import { chunkThreads, inThreadChunker, workerChunker } from './chunkPool.mjs';

async function loadCore() {
  const [core, { asyncBufferFromFile }] = await Promise.all([importTypeScript('cli/core.ts'), import('hyparquet')]);
  return { ...core, asyncBufferFromFile };
}

/** Writes text to a stream, waiting when its buffer is full so memory stays flat. */
function textWriter(stream) {
  return async (text) => {
    if (text && !stream.write(text)) await once(stream, 'drain');
  };
}

/** Documents are hashed and chunked in batches of this many, or of this many characters of text. */
const BATCH_DOCUMENTS = 256;
const BATCH_CHARS = 2 ** 21;
/** From this much input on, hashing and chunking run in worker threads (starting them takes about a second). */
export const POOL_MIN_BYTES = 16 * 2 ** 20;

/** Seconds without a read event after which `mind-lab chunk` gives up (a damaged file can make a reader spin). */
export const DEFAULT_STALL_SECONDS = 60;

// Runs in its own thread, so it fires even while the main thread is stuck in a synchronous loop. It writes with
// fs.writeSync (a worker's process.stderr goes through the main thread) and kills the process with SIGKILL
// (no handler on a stuck main thread could ever run).
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync, rmSync } = require('node:fs');
const beat = new Int32Array(workerData.heartbeat);
setInterval(() => {
  const silentSeconds = Math.floor(Date.now() / 1000) - Atomics.load(beat, 0);
  if (Atomics.load(beat, 1) === 1 || silentSeconds < workerData.stallSeconds) return;
  writeSync(2, 'mind-lab: no progress for ' + silentSeconds + ' s while reading ' + String(workerData.names[Atomics.load(beat, 2)] ?? '') +
    ' (a damaged file can make a reader loop forever); stopped, and nothing was written.\\n');
  for (const path of workerData.cleanup) rmSync(path, { force: true });
  process.kill(process.pid, 'SIGKILL');
}, 250);
`;

/**
 * A no-progress watchdog in a worker thread: `beat(inputIndex)` on every read event; after `stallSeconds` without
 * one it removes the partial output and kills the process (exit status 137), since a synchronous loop in a
 * dependency can never be interrupted from the thread it runs on.
 */
function startWatchdog({ stallSeconds, names, cleanup }) {
  const heartbeat = new SharedArrayBuffer(12);
  const beats = new Int32Array(heartbeat);
  const now = () => Math.floor(Date.now() / 1000);
  Atomics.store(beats, 0, now());
  const worker = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { heartbeat, stallSeconds, names, cleanup } });
  worker.unref();
  return {
    beat(inputIndex) {
      Atomics.store(beats, 0, now());
      Atomics.store(beats, 2, inputIndex);
    },
    async stop() {
      Atomics.store(beats, 1, 1);
      await worker.terminate();
    },
  };
}

/**
 * `mind-lab chunk`: reads every input, chunks each new document and writes excerpt lines. The output file is
 * written beside OUT and renamed at the end, so an interrupted run leaves no half-written OUT.
 *
 * Whole or nothing per input: each input's excerpts go to a scratch file first and join the output only when the
 * input was read to its end. An input that fails part-way (a corrupt or cut-off gzip, an unclosed JSON array, a
 * damaged Parquet page, a read error) adds nothing, unless `keepPartial` keeps what was read before the failure.
 * Returns the exit code: 0 when at least one document was read, 1 when none was (and then OUT is not written).
 */
export async function runChunk({ inputs, output, chunkOptions, textField, keepDuplicates, keepPartial = false, stallSeconds = DEFAULT_STALL_SECONDS, threads = chunkThreads() }) {
  const core = await loadCore();
  const options = { ...core.DEFAULT_CHUNK_OPTIONS, ...chunkOptions };
  try {
    core.chunkDocument('x', options);
  } catch (error) {
    // Bad sizes are a usage error, reported before anything is read.
    throw Object.assign(error, { code: 'USAGE' });
  }

  const started = performance.now();
  // Chosen before anything is written, so a pool that cannot start leaves nothing behind.
  const inputBytes = (await Promise.all(inputs.map((path) => stat(path).then((s) => s.size, () => 0)))).reduce((sum, size) => sum + size, 0);
  const chunker = inputBytes >= POOL_MIN_BYTES && threads > 1 ? await workerChunker(options, threads) : inThreadChunker(core, options);

  const toStdout = output === '-';
  const scratchBase = toStdout ? join(tmpdir(), `mind-lab-chunk-${process.pid}`) : output;
  const partial = `${scratchBase}.partial`;
  const scratch = `${scratchBase}.partial-input`;
  const out = toStdout ? process.stdout : createWriteStream(partial);
  const watchdog = startWatchdog({ stallSeconds, names: inputs, cleanup: [partial, scratch] });
  const seen = new Set();
  const totals = { documents: 0, duplicates: 0, rejected: 0, excerpts: 0, oversized: 0, bytes: 0, failedFiles: 0 };

  /** Reads one input into the scratch file; returns its counts and the failure, if the input was not read whole. */
  async function chunkInput(path, index) {
    const name = basename(path);
    const file = {
      name,
      stream: () => createReadStream(path, { highWaterMark: 1 << 20 }),
      asyncBuffer: () => core.asyncBufferFromFile(path),
    };
    const scratchOut = createWriteStream(scratch);
    const write = textWriter(scratchOut);
    const counts = { documents: 0, duplicates: 0, rejected: 0, excerpts: 0, oversized: 0, added: [] };
    let failure = null;
    /** Batches being hashed and chunked, oldest first: their lines are written in this order. */
    const inFlight = [];
    let batch = [];
    let batchChars = 0;
    const send = () => {
      if (batch.length === 0) return;
      const sent = chunker.submit(batch);
      // A failure surfaces when this batch's turn to be written comes, not as an unhandled rejection.
      sent.catch(() => {});
      inFlight.push(sent);
      batch = [];
      batchChars = 0;
    };
    const writeOldest = async () => {
      let text = '';
      for (const result of await inFlight.shift()) {
        if (seen.has(result.documentId) && !keepDuplicates) {
          counts.duplicates += 1;
          continue;
        }
        seen.add(result.documentId);
        counts.added.push(result.documentId);
        counts.documents += 1;
        counts.excerpts += result.excerpts;
        counts.oversized += result.oversized;
        text += result.lines;
      }
      await write(text);
    };
    try {
      for await (const event of core.readCorpus(file, { textField })) {
        watchdog.beat(index);
        if (event.kind === 'failed') {
          failure = event.rejected;
          continue;
        }
        if (event.kind === 'rejected') {
          counts.rejected += 1;
          process.stderr.write(`${path}:${event.rejected.line}: ${event.rejected.reason}\n`);
          continue;
        }
        if (event.kind !== 'record') continue;
        batch.push({ text: event.document.text, url: event.document.url });
        batchChars += event.document.text.length;
        if (batch.length >= BATCH_DOCUMENTS || batchChars >= BATCH_CHARS) {
          send();
          // Reading runs ahead by at most one batch per thread, so memory stays flat.
          while (inFlight.length > chunker.parallelism) await writeOldest();
        }
      }
      send();
      while (inFlight.length) await writeOldest();
    } finally {
      scratchOut.end();
      await once(scratchOut, 'close');
    }
    return { counts, failure };
  }

  try {
    for (const [index, path] of inputs.entries()) {
      watchdog.beat(index);
      try {
        core.detectFormat(basename(path));
        totals.bytes += (await stat(path)).size;
      } catch (error) {
        totals.rejected += 1;
        process.stderr.write(`${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}\n`);
        continue;
      }
      const { counts, failure } = await chunkInput(path, index);
      totals.rejected += counts.rejected;
      if (failure && !keepPartial) {
        // Whole or nothing: forget this input's documents so later inputs are not skipped as their duplicates.
        for (const id of counts.added) seen.delete(id);
        totals.rejected += 1;
        totals.failedFiles += 1;
        process.stderr.write(
          `${path}:${failure.line}: ${failure.reason}; nothing of this file was kept (${counts.documents} documents read before the failure; --keep-partial keeps them)\n`,
        );
        continue;
      }
      if (failure) {
        totals.rejected += 1;
        process.stderr.write(`${path}:${failure.line}: ${failure.reason}; kept the ${counts.documents} documents read before it (--keep-partial)\n`);
      }
      await pipeline(createReadStream(scratch), out, { end: false });
      totals.documents += counts.documents;
      totals.duplicates += counts.duplicates;
      totals.excerpts += counts.excerpts;
      totals.oversized += counts.oversized;
    }
  } catch (error) {
    await chunker.close();
    await watchdog.stop();
    if (!toStdout) out.destroy();
    await rm(partial, { force: true });
    await rm(scratch, { force: true });
    throw error;
  }
  await chunker.close();
  await watchdog.stop();
  await rm(scratch, { force: true });

  if (!toStdout) {
    out.end();
    await once(out, 'finish');
    if (totals.documents > 0) await rename(partial, output);
    else await rm(partial, { force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `${totals.documents} documents -> ${totals.excerpts} excerpts (${totals.oversized} oversized), ` +
      `${totals.duplicates} duplicates skipped, ${totals.rejected} rejected` +
      `${totals.failedFiles ? ` (${totals.failedFiles} files not read to their end, nothing kept of them)` : ''}, ` +
      `${(totals.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s` +
      `${chunker.parallelism > 1 ? ` (hashed and chunked on ${chunker.parallelism} worker threads)` : ''}\n`,
  );
  return totals.documents > 0 ? 0 : 1;
}
