import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { once } from 'node:events';
import { importTypeScript } from './loadTypeScript.mjs';

async function loadCore() {
  const [core, { asyncBufferFromFile }] = await Promise.all([importTypeScript('cli/core.ts'), import('hyparquet')]);
  return { ...core, asyncBufferFromFile };
}

/** Writes lines to a stream, waiting when its buffer is full so memory stays flat. */
function lineWriter(stream) {
  return async (line) => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
}

/**
 * `mind-lab chunk`: reads every input, chunks each new document and writes excerpt lines. The output file is
 * written beside OUT and renamed at the end, so an interrupted run leaves no half-written OUT.
 * Returns the exit code: 0 when at least one document was read, 1 when none was (and then OUT is not written).
 */
export async function runChunk({ inputs, output, chunkOptions, textField, keepDuplicates }) {
  const core = await loadCore();
  const options = { ...core.DEFAULT_CHUNK_OPTIONS, ...chunkOptions };
  try {
    core.chunkDocument('x', options);
  } catch (error) {
    // Bad sizes are a usage error, reported before anything is read.
    throw Object.assign(error, { code: 'USAGE' });
  }

  const toStdout = output === '-';
  const partial = `${output}.partial`;
  const out = toStdout ? process.stdout : createWriteStream(partial);
  const write = lineWriter(out);
  const seen = new Set();
  const totals = { documents: 0, duplicates: 0, rejected: 0, excerpts: 0, oversized: 0, bytes: 0 };
  const started = performance.now();

  try {
    for (const path of inputs) {
      const name = basename(path);
      try {
        core.detectFormat(name);
        totals.bytes += (await stat(path)).size;
      } catch (error) {
        totals.rejected += 1;
        process.stderr.write(`${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}\n`);
        continue;
      }
      const file = {
        name,
        stream: () => createReadStream(path, { highWaterMark: 1 << 20 }),
        asyncBuffer: () => core.asyncBufferFromFile(path),
      };
      for await (const event of core.readCorpus(file, { textField })) {
        if (event.kind === 'rejected') {
          totals.rejected += 1;
          process.stderr.write(`${path}:${event.rejected.line}: ${event.rejected.reason}\n`);
          continue;
        }
        if (event.kind !== 'record') continue;
        const { document } = event;
        const documentId = await core.contentHash(document.text);
        if (seen.has(documentId) && !keepDuplicates) {
          totals.duplicates += 1;
          continue;
        }
        seen.add(documentId);
        totals.documents += 1;
        for (const chunk of core.chunkDocument(document.text, options)) {
          totals.excerpts += 1;
          if (chunk.oversized) totals.oversized += 1;
          await write(
            JSON.stringify({
              documentId,
              url: document.url,
              index: chunk.index,
              text: chunk.text,
              tokens: chunk.tokens,
              start: chunk.start,
              end: chunk.end,
              mathSpans: chunk.mathSpans,
            }),
          );
        }
      }
    }
  } catch (error) {
    if (!toStdout) {
      out.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  }

  if (!toStdout) {
    out.end();
    await once(out, 'finish');
    if (totals.documents > 0) await rename(partial, output);
    else await rm(partial, { force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `${totals.documents} documents -> ${totals.excerpts} excerpts (${totals.oversized} oversized), ` +
      `${totals.duplicates} duplicates skipped, ${totals.rejected} rejected, ` +
      `${(totals.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s\n`,
  );
  return totals.documents > 0 ? 0 : 1;
}
