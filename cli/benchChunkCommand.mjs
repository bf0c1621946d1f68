// `mind-lab chunk` against a bare read + JSON.parse of the same large JSONL, each in a Node process of its own with
// RSS and heap sampled per quarter of the run: used by cli/bench-corpus.mjs and by `npm run bench` (suite cli-chunk).
import { createWriteStream, writeFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './loadTypeScript.mjs';

const mb = (bytes) => bytes / 1e6;

/**
 * Writes a JSONL (or a JSON array) of about `targetBytes` by repeating `records` with unique urls and texts, so
 * deduplication keeps every copy and `mind-lab chunk` chunks them all.
 */
export async function writeLargeCorpus(path, records, targetBytes, asArray = false) {
  const out = createWriteStream(path);
  let written = 0;
  let copy = 0;
  const put = async (text) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  if (asArray) await put('[\n');
  while (written < targetBytes) {
    for (const record of records) {
      const line = JSON.stringify({ ...record, url: `${record.url}#copy-${copy}`, text: `${record.text}\n\n(copy ${copy})` });
      await put(asArray ? `${copy === 0 && record === records[0] ? '' : ',\n'}${line}` : `${line}\n`);
    }
    copy += 1;
  }
  if (asArray) await put('\n]\n');
  out.end();
  await once(out, 'finish');
}

/**
 * Runs `job` (a script body with `path` and `output` in scope that returns a document count) in a Node process of
 * its own, sampling its RSS and heap every 100 ms; returns wall and CPU seconds and the peaks per quarter of the run.
 */
function inOwnProcess(job, path, output, work) {
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

/** Both runs on `path` (scratch files go to `work`): their figures, and the ratios bare ÷ chunk (wall and CPU). */
export function timeChunkCommand(path, work) {
  const bytes = statSync(path).size;
  const bare = inOwnProcess(BARE_READ, path, null, work);
  const chunk = inOwnProcess(CHUNK_COMMAND, path, join(work, 'excerpts.jsonl'), work);
  return { bytes, bare, chunk, wallRatio: bare.wallS / chunk.wallS, cpuRatio: bare.cpuS / chunk.cpuS };
}
