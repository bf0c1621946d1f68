#!/usr/bin/env node
/**
 * Measures the corpus core: reader throughput on a large JSONL (and .jsonl.gz, JSON array) made by repeating
 * the OWM sample with unique URLs and texts, Parquet on the sample, chunking and hashing on the 320 sample
 * documents, and `mind-lab chunk` end to end on the large JSONL against a bare read + JSON.parse of the same file
 * (each in a process of its own, with RSS and heap sampled per quarter of the run to show whether memory is flat).
 * Peak RSS is sampled to show that reading keeps memory flat.
 *
 *   node cli/bench-corpus.mjs [--mb 200] [--data ../shared/data/owm_sample.jsonl]
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { importTypeScript, repoRoot } from './loadTypeScript.mjs';
import { timeChunkCommand, writeLargeCorpus } from './benchChunkCommand.mjs';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    data: { type: 'string', default: resolve(repoRoot, '../shared/data/owm_sample.jsonl') },
  },
});
const core = await importTypeScript('cli/bench-core.ts');
const { asyncBufferFromFile } = await import('hyparquet');

const sampleLines = readFileSync(values.data, 'utf8').split('\n').filter((line) => line.trim());
const sampleDocuments = sampleLines.map((line) => JSON.parse(line));
const work = mkdtempSync(join(tmpdir(), 'mind-lab-bench-'));

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes) => bytes / 1e6;
/** CPU seconds (user + system) since `since`: on a shared, loaded machine this varies far less than wall time. */
const cpuTime = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
};

async function timeReader(label, events, bytes) {
  peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let records = 0;
  let rejected = 0;
  let failed = 0;
  for await (const event of events) {
    if (event.kind === 'record') records += 1;
    else if (event.kind === 'rejected') rejected += 1;
    else if (event.kind === 'failed') failed += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuTime(cpuStarted);
  return {
    reader: label,
    MB: +mb(bytes).toFixed(1),
    records,
    rejected,
    failed,
    'wall s': +seconds.toFixed(2),
    'CPU s': +cpuSeconds.toFixed(2),
    'MB/s (wall)': +(mb(bytes) / seconds).toFixed(1),
    'MB/s (CPU)': +(mb(bytes) / cpuSeconds).toFixed(1),
    'docs/s (CPU)': Math.round(records / cpuSeconds),
    'peak RSS MB': Math.round(mb(peakRss)),
  };
}

const targetBytes = Number(values.mb) * 1e6;
const jsonl = join(work, 'large.jsonl');
const gz = join(work, 'large.jsonl.gz');
const array = join(work, 'large.json');
await writeLargeCorpus(jsonl, sampleDocuments, targetBytes);
await pipeline(createReadStream(jsonl), createGzip({ level: 6 }), createWriteStream(gz));
await writeLargeCorpus(array, sampleDocuments, targetBytes, true);
const size = statSync(jsonl).size;
const stream = (path) => createReadStream(path, { highWaterMark: 1 << 20 });

const readers = [];
readers.push(await timeReader('jsonl', core.readJsonLines(stream(jsonl), { fileName: 'large.jsonl' }), size));
readers.push(await timeReader('jsonl.gz', core.readJsonLines(core.gunzip(stream(gz)), { fileName: 'large.jsonl.gz' }), size));
readers.push(await timeReader('json-array', core.readJsonArray(stream(array), { fileName: 'large.json' }), statSync(array).size));
const parquetPath = resolve(repoRoot, '../shared/data/owm_sample.parquet');
readers.push(await timeReader('parquet (sample)', core.readParquet(await asyncBufferFromFile(parquetPath), { fileName: 'owm_sample.parquet' }), statSync(parquetPath).size));

function chunkCommandRows(path) {
  const { bytes, bare, chunk, wallRatio, cpuRatio } = timeChunkCommand(path, work);
  const row = (label, run) => ({
    run: label,
    MB: +mb(bytes).toFixed(1),
    documents: run.documents,
    'wall s': +run.wallS.toFixed(2),
    'CPU s': +run.cpuS.toFixed(2),
    'MB/s (wall)': +(mb(bytes) / run.wallS).toFixed(1),
    'MB/s (CPU)': +(mb(bytes) / run.cpuS).toFixed(1),
    'peak RSS MB per quarter': run.rssPerQuarter.join(' / '),
    'peak heap MB per quarter': run.heapPerQuarter.join(' / '),
  });
  return {
    rows: [row('bare read + JSON.parse', bare), row('mind-lab chunk', chunk)],
    wallRatio,
    cpuRatio,
  };
}

function timeChunking(options) {
  const textBytes = sampleDocuments.reduce((sum, record) => sum + Buffer.byteLength(record.text), 0);
  const runs = [];
  let chunks = 0;
  const cpuRuns = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    chunks = 0;
    for (const record of sampleDocuments) chunks += core.chunkDocument(record.text, options).length;
    runs.push((performance.now() - started) / 1000);
    cpuRuns.push(cpuTime(cpuStarted));
  }
  const seconds = runs.sort((a, b) => a - b)[2];
  const cpuSeconds = cpuRuns.sort((a, b) => a - b)[2];
  return {
    options: JSON.stringify(options),
    documents: sampleDocuments.length,
    chunks,
    'median wall s': +seconds.toFixed(3),
    'median CPU s': +cpuSeconds.toFixed(3),
    'docs/s (CPU)': Math.round(sampleDocuments.length / cpuSeconds),
    'MB/s (CPU)': +(mb(textBytes) / cpuSeconds).toFixed(2),
    'MB/s (wall)': +(mb(textBytes) / seconds).toFixed(2),
  };
}
const chunking = [timeChunking({}), timeChunking({ targetTokens: 200, minTokens: 50, maxTokens: 300 })];

const chunkCommand = chunkCommandRows(jsonl);

const hashStarted = process.cpuUsage();
for (const record of sampleDocuments) await core.contentHash(record.text);
const hashSeconds = cpuTime(hashStarted);

clearInterval(sampler);
rmSync(work, { recursive: true, force: true });
console.log('Readers');
console.table(readers);
console.log('Chunking (median of 5 runs over the sample)');
console.table(chunking);
console.log(`contentHash: ${Math.round(sampleDocuments.length / hashSeconds)} docs/s (CPU)`);
console.log('mind-lab chunk against a bare read + JSON.parse of the same JSONL (each in its own process)');
console.table(chunkCommand.rows);
console.log(`mind-lab chunk ÷ bare read: ${chunkCommand.wallRatio.toFixed(3)} (wall), ${chunkCommand.cpuRatio.toFixed(3)} (CPU)`);
console.log(`Node ${process.version}, load average ${(await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ')}`);
