import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { runChunk } from './chunkCommand.mjs';
import { importTypeScript } from './loadTypeScript.mjs';
import { lines, lineWriter } from './lineFiles.mjs';

const usage = (message) => Object.assign(new Error(message), { code: 'USAGE' });

/** The recipe file, checked; a bad one is a usage error naming the field. */
export async function loadRecipe(core, recipeFile) {
  if (!recipeFile) throw usage('missing --recipe FILE (a recipe.json exported by the lab)');
  let text;
  try {
    text = await readFile(recipeFile, 'utf8');
  } catch (error) {
    throw usage(`${recipeFile}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  }
  const read = core.readRecipe(recipeFile, text);
  if (!read.ok) throw usage(read.message);
  return read.recipe;
}

/**
 * Excerpt JSONL files for the inputs: as they are with `excerpts`, else chunked as the recipe says by `mind-lab
 * chunk` itself (into a scratch folder, removed by `cleanup`), so chunking has one implementation.
 */
export async function excerptFiles({ inputs, recipe, excerpts }) {
  if (excerpts) return { files: inputs, cleanup: async () => {} };
  const scratch = await mkdtemp(join(tmpdir(), 'mind-lab-batch-'));
  const file = join(scratch, 'excerpts.jsonl');
  const textField = recipe.source.kind === 'huggingface' ? recipe.source.columns.text : recipe.source.textField;
  const code = await runChunk({ inputs, output: file, chunkOptions: recipe.chunking, textField, keepDuplicates: false });
  const cleanup = () => rm(scratch, { recursive: true, force: true });
  if (code !== 0) {
    await cleanup();
    throw new Error('no document could be read from the inputs, so there is nothing to send');
  }
  return { files: [file], cleanup };
}

/**
 * Every request the recipe makes of the excerpt files, in file order: `{request, source}` per line rendered, with
 * bad lines reported on stderr as FILE:LINE and the same custom_id twice sent once. `totals` counts as it goes.
 */
export async function* recipeRequests(core, recipe, files, totals) {
  const seen = new Set();
  for (const path of files) {
    let lineNumber = 0;
    for await (const line of lines(path)) {
      lineNumber += 1;
      const result = core.recipeRequestsForLine(recipe, line);
      if (result.kind === 'blank') continue;
      if (result.kind === 'rejected') {
        totals.rejected += 1;
        process.stderr.write(`${path}:${lineNumber}: ${result.reason}\n`);
        continue;
      }
      totals.excerpts += 1;
      for (const made of result.requests) {
        if (seen.has(made.request.custom_id)) {
          totals.duplicates += 1;
          continue;
        }
        seen.add(made.request.custom_id);
        yield made;
      }
    }
  }
}

/** One open shard: its requests and sources files, written as .partial and renamed once whole. */
function openShard(core, dir, shard, gzip) {
  const open = (kind) => {
    const path = join(dir, core.shardName(kind, shard, gzip));
    const file = createWriteStream(`${path}.partial`);
    const stream = gzip ? createGzip() : file;
    if (gzip) stream.pipe(file);
    return { path, file, write: lineWriter(stream), stream };
  };
  const parts = [open('requests'), open('sources')];
  return {
    requests: parts[0],
    sources: parts[1],
    async close() {
      for (const part of parts) {
        part.stream.end();
        await once(part.file, 'close');
        await rename(`${part.path}.partial`, part.path);
      }
    },
    destroy: () => Promise.all(parts.map(async (part) => {
      part.stream.destroy();
      part.file.destroy();
      await rm(`${part.path}.partial`, { force: true });
    })),
  };
}

/**
 * `mind-lab batch`: the recipe's requests for IN, as OpenAI Batch files in DIR: requests-00000.jsonl (unchanged on
 * vllm run-batch, the OpenAI Batch API, LiteLLM) and beside each the sources-00000.jsonl the lab needs to take the
 * results back (where each excerpt came from). Shards stay within 50,000 lines and 100 MB. Streams: memory stays
 * flat but for the custom_ids seen (one process per input shard scales it out).
 */
export async function runBatch({ inputs, output, recipeFile, excerpts = false, gzip = false, limits }) {
  const core = await importTypeScript('cli/core.ts');
  const recipe = await loadRecipe(core, recipeFile);
  await mkdir(output, { recursive: true });
  const clash = (await readdir(output)).find((name) => /^(requests|sources)-\d+\.jsonl/.test(name));
  if (clash) throw usage(`${output} already holds ${clash}: write each batch to an empty folder`);

  const started = performance.now();
  const totals = { excerpts: 0, requests: 0, rejected: 0, duplicates: 0, shards: 0 };
  const { files, cleanup } = await excerptFiles({ inputs, recipe, excerpts });
  const cutter = new core.ShardCutter(limits ?? core.SHARD_LIMITS);
  let shard = null;
  try {
    for await (const { request, source } of recipeRequests(core, recipe, files, totals)) {
      const line = JSON.stringify(request);
      const startsNew = cutter.add(Buffer.byteLength(line) + 1);
      if (startsNew || !shard) {
        await shard?.close();
        shard = openShard(core, output, cutter.shard, gzip);
        totals.shards += 1;
      }
      await shard.requests.write(line);
      await shard.sources.write(JSON.stringify(source));
      totals.requests += 1;
    }
    await shard?.close();
  } catch (error) {
    await shard?.destroy();
    throw error;
  } finally {
    await cleanup();
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `${totals.excerpts} excerpts -> ${totals.requests} requests in ${totals.shards} shards in ${output} ` +
      `(recipe "${recipe.name}", ${recipe.styles.length} styles ${recipe.styleAssignment === 'every' ? 'each' : 'by weight'}, ${recipe.samplesPerExcerpt} samples each), ` +
      `${totals.duplicates} duplicates skipped, ${totals.rejected} rejected in ${seconds.toFixed(2)} s\n`,
  );
  return totals.requests > 0 ? 0 : 1;
}
