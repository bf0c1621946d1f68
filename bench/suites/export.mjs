// Export throughput and memory: 100k dialogues (built from the published MIND dialogues, with ratings and edits)
// exported through the export core into a streamed zip, one format at a time, each in its own Node process.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importTypeScript } from '../../cli/loadTypeScript.mjs';

export const title = 'Export: 100k dialogues through the export core into a streamed zip, rows/s and heap per format';

const DIALOGUES = Number(process.env.EXPORT_BENCH_DIALOGUES ?? 100_000);
const PAGE = 500;
const FORMATS = ['jsonl', 'chat', 'sharegpt', 'parquet', 'nemotron', 'dpo'];
const SELF = fileURLToPath(import.meta.url);
const REAL = fileURLToPath(new URL('../../../shared/data/mind_dialogues/mind_paper_dialogues.jsonl', import.meta.url));
const MB = 1024 * 1024;

/** Distinct dialogues built before timing; the source hands out copies, each with its own id and excerpt. */
const POOL = 2_000;

/** One format in this process: the source makes each page as it is read (as a database reads it), so only the export holds memory. */
async function measure(format) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const core = await importTypeScript('bench/suites/export.core.ts');
  const real = readFileSync(REAL, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
  const pool = Array.from({ length: POOL }, (_, index) => core.benchItem(real, index));
  async function* readPages() {
    for (let at = 0; at < DIALOGUES; at += PAGE) {
      const page = [];
      for (let index = at; index < Math.min(DIALOGUES, at + PAGE); index += 1) page.push(core.copyOfItem(pool[index % POOL], index));
      yield page;
    }
  }
  // One batch: a page of items and its rows, as the export holds them between two awaits.
  gc();
  const before = process.memoryUsage().heapUsed;
  let page = [];
  for await (const first of readPages()) {
    page = first;
    break;
  }
  const rows = page.map((item) => JSON.stringify(item));
  gc();
  const batch = process.memoryUsage().heapUsed - before;
  page = rows.length ? null : page;

  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let peakAtTenth = 0;
  let zipped = 0;
  let calls = 0;
  let progress = null;
  // Live heap (after a full GC) at every 4th progress report or zip write (preference pairs report no progress):
  // garbage not yet collected is not memory the export holds.
  const sample = () => {
    if (++calls % 4 !== 0) return;
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    if (!progress || progress.rowsWritten <= progress.totalRows / 10) peakAtTenth = peak;
  };
  const tree = core.zipTree({ write: async (bytes) => void ((zipped += bytes.length), sample()), close: async () => {} });
  const source = core.pagedSource({ rubric: core.DEFAULT_RUBRIC, thresholds: null, readPages });
  const started = performance.now();
  const result = await core.writeExport(source, { formats: [format], card: false, selection: { verdict: 'any' } }, tree, { onProgress: (report) => ((progress = report), sample()) });
  const seconds = (performance.now() - started) / 1000;
  const rowsOut = result.files.reduce((sum, file) => sum + file.rows, 0);
  return { format, seconds, rows: rowsOut, rate: DIALOGUES / seconds, zippedMb: zipped / MB, peakMb: peak / MB, peakAtTenthMb: peakAtTenth / MB, batchMb: batch / MB };
}

if (process.argv[1] === SELF && process.argv[2]) {
  process.stdout.write(`${JSON.stringify(await measure(process.argv[2]))}\n`);
  process.exit(0);
}

const inChild = (format) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', SELF, format], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`export bench (${format}) exited ${code}`))));
  });

export async function run() {
  const figures = [];
  for (const format of FORMATS) {
    const m = await inChild(format);
    // Every format but dpo streams a page at a time; dpo holds its pairs' sides (docs/export.md).
    figures.push(
      {
        label: `${format}: ${DIALOGUES.toLocaleString('en')} dialogues → ${m.rows.toLocaleString('en')} rows, ${m.zippedMb.toFixed(0)} MB zipped`,
        value: m.rate,
        unit: 'dialogues/s',
        how: `writeExport into zipTree (fflate, deflate level 6; Parquet stored) with a byte-counting sink, ${m.seconds.toFixed(1)} s; each page made as the source is read: copies of ${POOL.toLocaleString('en')} distinct dialogues, each with its own id and excerpt`,
      },
      {
        label: `${format}: peak heap growth ÷ one batch (${m.batchMb.toFixed(1)} MB)`,
        value: m.peakMb / m.batchMb,
        unit: '×',
        how: `peak live heap (heapUsed after a forced GC, every 4th page or zip write) minus the same before the export: ${m.peakMb.toFixed(1)} MB at the end, ${m.peakAtTenthMb.toFixed(1)} MB after the first tenth (flat when they match); goal under 2×`,
      },
    );
  }
  for (const figure of figures) console.log(`  ${figure.label}: ${+figure.value.toFixed(2)} ${figure.unit}`);
  return figures;
}
