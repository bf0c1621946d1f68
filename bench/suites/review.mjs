// Review analysis throughput: MIND filters + faithfulness signals over 100k dialogues built from the published MIND
// dialogues, in worker threads, one per core, as the review queue (re)computes them when thresholds change.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { importTypeScript } from '../../cli/loadTypeScript.mjs';

export const title = 'Review analysis: MIND filters and faithfulness signals, dialogues per second across all cores';

const DIALOGUES = Number(process.env.REVIEW_BENCH_DIALOGUES ?? 100_000);
const GOAL_ON_TWO_CORES = 2_000;
const REAL = fileURLToPath(new URL('../../../shared/data/mind_dialogues/mind_paper_dialogues.jsonl', import.meta.url));

const readReal = () =>
  readFileSync(REAL, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));

/** Loads core, builds this worker's dialogues (not timed), then analyzes them when told to and reports the time. */
async function workerMain({ from, to }) {
  const core = await importTypeScript('bench/suites/review.core.ts');
  const real = readReal();
  const dialogues = [];
  for (let index = from; index < to; index += 1) dialogues.push(core.benchDialogue(real, index));
  // Warm-up on a few, so the timed pass measures compiled code as a long review session does.
  for (const dialogue of dialogues.slice(0, 200)) core.analyzeDialogue(dialogue);
  parentPort.postMessage({ kind: 'ready' });
  await new Promise((resolve) => parentPort.once('message', resolve));
  let passed = 0;
  const started = performance.now();
  for (const dialogue of dialogues) if (core.analyzeDialogue(dialogue).filters.pass) passed += 1;
  const ms = performance.now() - started;
  // The split between the two halves, on a sample, for profiling.
  const sample = dialogues.slice(0, 2_000);
  let filtersMs = performance.now();
  for (const dialogue of sample) core.runMindFilters(dialogue);
  filtersMs = performance.now() - filtersMs;
  let signalsMs = performance.now();
  for (const dialogue of sample) core.faithfulnessSignals(dialogue.excerpt, dialogue.text);
  signalsMs = performance.now() - signalsMs;
  parentPort.postMessage({ kind: 'done', ms, passed, count: dialogues.length, filtersUs: (filtersMs * 1000) / sample.length, signalsUs: (signalsMs * 1000) / sample.length });
}

if (!isMainThread && workerData?.suite === 'review') await workerMain(workerData);

export async function run() {
  const workers = Math.max(1, availableParallelism());
  const share = Math.ceil(DIALOGUES / workers);
  const threads = Array.from({ length: workers }, (_, i) => {
    const range = { from: i * share, to: Math.min(DIALOGUES, (i + 1) * share) };
    const worker = new Worker(new URL(import.meta.url), { workerData: { suite: 'review', ...range } });
    const next = (kind) =>
      new Promise((resolve, reject) => {
        const onMessage = (message) => {
          if (message.kind !== kind) return;
          worker.off('message', onMessage);
          resolve(message);
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      });
    return { worker, ready: next('ready'), done: next('done') };
  });
  try {
    await Promise.all(threads.map((thread) => thread.ready));
    const started = performance.now();
    for (const { worker } of threads) worker.postMessage({ kind: 'go' });
    const results = await Promise.all(threads.map((thread) => thread.done));
    const seconds = (performance.now() - started) / 1000;
    const count = results.reduce((sum, r) => sum + r.count, 0);
    const passed = results.reduce((sum, r) => sum + r.passed, 0);
    const rate = count / seconds;
    const perWorkerGoal = GOAL_ON_TWO_CORES / 2;
    const mean = (key) => results.reduce((sum, r) => sum + r[key], 0) / results.length;
    const figures = [
      {
        label: `filters + signals, ${count.toLocaleString('en')} dialogues (${passed.toLocaleString('en')} pass), ${workers} worker threads`,
        value: rate,
        unit: 'dialogues/s',
        goal: `≥ ${GOAL_ON_TWO_CORES.toLocaleString('en')} on 2 cores (${perWorkerGoal.toLocaleString('en')} per worker)`,
        met: rate >= perWorkerGoal * workers,
        how:
          'wall time from "go" to the last worker done; each worker (one per os.availableParallelism()) builds its share ' +
          'of the dialogues first (the 8 published MIND dialogues, each changed one of 10 ways: numbers changed, speakers ' +
          'renamed, cut off, looped 3×, meta talk, labels dropped, random-token noise, a formula added, or as is; plus its ' +
          'index), warms up on 200, then runs analyzeDialogue on each',
      },
      { label: 'filters alone, per dialogue (one thread)', value: mean('filtersUs'), unit: 'µs', how: 'runMindFilters on the first 2,000 dialogues of each worker, after the timed pass; mean over workers' },
      { label: 'signals alone, per dialogue (one thread)', value: mean('signalsUs'), unit: 'µs', how: 'faithfulnessSignals on the same 2,000 dialogues' },
    ];
    for (const figure of figures) console.log(`  ${figure.label}: ${+figure.value.toFixed(3)} ${figure.unit}`);
    return figures;
  } finally {
    await Promise.all(threads.map(({ worker }) => worker.terminate()));
  }
}
