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
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { importTypeScript, repoRoot } from './loadTypeScript.mjs';

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

async function writeLarge(path, targetBytes, asArray) {
  const out = createWriteStream(path);
  let written = 0;
  let copy = 0;
  const put = async (text) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  if (asArray) await put('[\n');
  while (written < targetBytes) {
    for (const record of sampleDocuments) {
      // Unique texts too, so deduplication keeps every copy and `mind-lab chunk` chunks them all.
      const line = JSON.stringify({ ...record, url: `${record.url}#copy-${copy}`, text: `${record.text}\n\n(copy ${copy})` });
      await put(asArray ? `${copy === 0 && record === sampleDocuments[0] ? '' : ',\n'}${line}` : `${line}\n`);
    }
    copy += 1;
  }
  if (asArray) await put('\n]\n');
  out.end();
  await once(out, 'finish');
}

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
await writeLarge(jsonl, targetBytes, false);
await pipeline(createReadStream(jsonl), createGzip({ level: 6 }), createWriteStream(gz));
await writeLarge(array, targetBytes, true);
const size = statSync(jsonl).size;
const stream = (path) => createReadStream(path, { highWaterMark: 1 << 20 });

const readers = [];
readers.push(await timeReader('jsonl', core.readJsonLines(stream(jsonl), { fileName: 'large.jsonl' }), size));
readers.push(await timeReader('jsonl.gz', core.readJsonLines(core.gunzip(stream(gz)), { fileName: 'large.jsonl.gz' }), size));
readers.push(await timeReader('json-array', core.readJsonArray(stream(array), { fileName: 'large.json' }), statSync(array).size));
const parquetPath = resolve(repoRoot, '../shared/data/owm_sample.parquet');
readers.push(await timeReader('parquet (sample)', core.readParquet(await asyncBufferFromFile(parquetPath), { fileName: 'owm_sample.parquet' }), statSync(parquetPath).size));

/**
 * Runs `job` (a script body with `path` and `output` in scope that returns a document count) in a Node process of
 * its own, sampling its RSS and heap every 100 ms; returns wall and CPU seconds and the peaks per quarter of the run.
 */
function inOwnProcess(job, path, output) {
  const script = `
    const path = ${JSON.stringify(path)};
    const output = ${JSON.stringify(output)};
    const samples = [];
    const started = performance.now();
    const sample = () => { const m = process.memoryUsage(); samples.push([performance.now() - started, m.rss, m.heapUsed]); };
    const timer = setInterval(sample, 100);
    const cpuStarted = process.cpuUsage();
    const documents = await (async () => { ${job} })();
    const cpu = process.cpuUsage(cpuStarted);
    sample();
    clearInterval(timer);
    process.stdout.write(JSON.stringify({ documents, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, samples }));
  `;
  // A file, not `node --input-type=module -e`: worker threads inherit that flag, and the chunk watchdog's is CommonJS.
  const scriptPath = join(work, 'measured.mjs');
  writeFileSync(scriptPath, script);
  const result = JSON.parse(execFileSync(process.execPath, [scriptPath], { cwd: repoRoot, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] }).toString());
  const end = result.samples.at(-1)[0];
  const quarters = [0, 1, 2, 3].map((q) => result.samples.filter(([t]) => t >= (q * end) / 4 && t <= ((q + 1) * end) / 4));
  // A quarter shorter than the 100 ms sampling interval has no sample of its own.
  const peak = (rows, column) => (rows.length ? Math.round(mb(Math.max(...rows.map((row) => row[column])))) : '–');
  return {
    documents: result.documents,
    wallS: result.wallMs / 1000,
    cpuS: result.cpuMs / 1000,
    rssPerQuarter: quarters.map((rows) => peak(rows, 1)),
    heapPerQuarter: quarters.map((rows) => peak(rows, 2)),
  };
}

/** The bare baseline: stream the file, split lines, JSON.parse each; nothing validated, hashed or written. */
const BARE_READ = `
  const { createReadStream } = await import('node:fs');
  let rest = '';
  let documents = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split('\\n');
    rest = lines.pop();
    for (const line of lines) if (line) { JSON.parse(line); documents += 1; }
  }
  if (rest) { JSON.parse(rest); documents += 1; }
  return documents;
`;

/** \`mind-lab chunk\` as the command runs it (runChunk: read, validate, hash, dedup, chunk, write excerpt lines). */
const CHUNK_COMMAND = `
  const { runChunk } = await import(${JSON.stringify(pathToFileURL(resolve(repoRoot, 'cli/chunkCommand.mjs')).href)});
  const originalWrite = process.stderr.write.bind(process.stderr);
  let summary = '';
  process.stderr.write = (text) => { summary += text; return true; };
  const code = await runChunk({ inputs: [path], output, chunkOptions: {}, keepDuplicates: false });
  process.stderr.write = originalWrite;
  if (code !== 0) throw new Error(summary);
  return Number(/^(\\d+) documents/m.exec(summary)[1]);
`;

function timeChunkCommand(path) {
  const bytes = statSync(path).size;
  const bare = inOwnProcess(BARE_READ, path, null);
  const chunk = inOwnProcess(CHUNK_COMMAND, path, join(work, 'excerpts.jsonl'));
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
    wallRatio: bare.wallS / chunk.wallS,
    cpuRatio: bare.cpuS / chunk.cpuS,
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

const chunkCommand = timeChunkCommand(jsonl);

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
