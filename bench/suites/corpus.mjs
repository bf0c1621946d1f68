// Corpus import, memory and search, measured in a bench-only page (bench/corpus-page, built into bench/.tmp) that
// runs the lab's own import pipeline (runImport: stream → parse → validate → hash → chunk → Dexie) and search.
/* global window -- page.evaluate callbacks run in the bench page */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { withBuiltApp } from '../lib/browser.mjs';

export const title = 'Corpus: import throughput against a bare baseline, memory of a 1 GB import, search latency and warm start';

const PORT = Number(process.env.BENCH_PORT ?? 4206);
const PAGE_DIST = 'bench/.tmp/corpus-page-dist';
const DOCUMENTS = Number(process.env.CORPUS_BENCH_DOCS ?? 100_000);
const BIG_MB = Number(process.env.CORPUS_BENCH_BIG_MB ?? 1024);
const BIG_LIMIT_S = Number(process.env.CORPUS_BENCH_BIG_LIMIT_S ?? 150);
const QUERIES = 200;
const MiB = 2 ** 20;

const WORDS = 'theorem lemma proof integral derivative matrix eigenvalue vector space group ring field prime number sequence series converges bounded continuous function limit polynomial root graph vertex edge probability variance expectation random variable distribution measure compact metric norm linear kernel basis dimension algorithm'.split(' ');
const MATH = ['$x^2 + y^2 = r^2$', '$$\\int_0^1 f(x)\\,dx$$', '$a \\equiv b \\pmod{m}$', '$\\lambda v = A v$', '\\(\\varepsilon > 0\\)'];

/** Writes an OWM-like JSONL file of about `mb` MiB (unique ~2 KB records), streaming so Node stays small too. */
async function bigFile(mb) {
  const path = resolve(`bench/.tmp/corpus-${mb}mb.jsonl`);
  if (existsSync(path) && statSync(path).size >= mb * MiB) return path;
  mkdirSync('bench/.tmp', { recursive: true });
  const out = createWriteStream(path);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  let written = 0;
  for (let i = 0; written < mb * MiB; i += 1) {
    const paragraphs = [];
    for (let p = 0; p < 4; p += 1) {
      const words = Array.from({ length: 60 }, () => WORDS[Math.floor(random() * WORDS.length)]);
      paragraphs.push(`${words.join(' ')} ${MATH[i % MATH.length]} (${i}.${p})`);
    }
    const line = JSON.stringify({ url: `https://math.example.org/q/${i}`, text: paragraphs.join('\n\n'), date: '2023-03-29', metadata: '{"license":"generated"}' }) + '\n';
    written += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

export async function run() {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'bench/corpus-page/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  const bigPath = await bigFile(BIG_MB);
  return withBuiltApp(PORT, async ({ browser, url }) => {
    const figures = [];
    const push = (figure) => { logFigure(figure); figures.push(figure); };
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('status').filter({ hasText: 'ready' }).waitFor();

    const log = (text) => process.stderr.write(`  corpus: ${text}\n`);
    log(`importing ${DOCUMENTS} generated documents, lab pipeline and baseline`);
    const a = await page.evaluate((n) => window.corpusBench.importVsBaseline(n), DOCUMENTS);
    const ratio = a.baselineMs / a.appMs;
    push({
      label: `import + chunk + store of ${DOCUMENTS.toLocaleString()} generated OWM-like documents (${(a.bytes / MiB).toFixed(0)} MiB), relative to a bare baseline`,
      value: ratio, unit: '× baseline speed', goal: '>= 0.8', met: ratio >= 0.8,
      how: `lab pipeline ${(a.appMs / 1000).toFixed(1)} s (${a.documents} documents, ${a.excerpts} excerpts: validate, SHA-256, dedup, chunk in a pool of workers, store documents and excerpts as offsets into them) vs baseline ${(a.baselineMs / 1000).toFixed(1)} s (line split + JSON.parse + Dexie bulkAdd of the same records), same page, after a warm-up`,
    });
    push({ label: 'lab import throughput', value: a.bytes / MiB / (a.appMs / 1000), unit: 'MiB/s', how: 'same run as above' });

    log('timing the import one step at a time');
    const steps = await page.evaluate((n) => window.corpusBench.importSteps(n), DOCUMENTS);
    const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
    push({
      label: 'storing alone (documents and excerpt rows, nothing read, hashed or chunked), relative to the bare baseline',
      value: a.baselineMs / steps.storeMs, unit: '× baseline speed',
      how: `the ceiling of the lab pipeline with today's schema, whatever runs beside the writes: the same ${DOCUMENTS.toLocaleString()} records one step after the other on one thread: read + parse + validate ${seconds(steps.readMs)}, SHA-256 ${seconds(steps.hashMs)}, chunk ${seconds(steps.chunkMs)}, store ${seconds(steps.storeMs)} (${steps.documents} documents and ${steps.excerpts} excerpt rows through storeDocumentBatch, 1,000 per transaction); the import overlaps reading and storing on its thread and hashes and chunks in a pool of workers`,
    });

    log('building the search index and querying it');
    const c = await page.evaluate((q) => window.corpusBench.searchP95(q), QUERIES);
    push({
      label: `search p95 over ${c.size.toLocaleString()} excerpts`, value: c.p95, unit: 'ms', goal: '< 30 ms', met: c.p95 < 30,
      how: `${QUERIES} one- and two-word queries drawn Zipf-like from the corpus vocabulary (60 math words + 13,824 pseudo-words) (AND, prefix for words > 3 letters, BM25, the best 1,000 ranked, the rest in corpus order), every third with has-math and min-token filters; p50 ${c.p50.toFixed(1)} ms; ${c.meanHits.toFixed(0)} hits on average; slowest ${c.slowest.map((s) => `"${s.query}" ${s.ms.toFixed(1)} ms`).join(', ')}; building the index took ${(c.indexMs / 1000).toFixed(1)} s incl. saving its segments to Dexie`,
    });

    log('warm start: reloading the page and answering from the stored index');
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'ready' }).waitFor();
    const w = await page.evaluate(([name, query]) => window.corpusBench.warmStart(name, query), [c.databaseName, 'theorem']);
    push({
      label: `warm start to the first search answer over ${w.size.toLocaleString()} excerpts`, value: w.ms / 1000, unit: 's', goal: '< 3 s', met: w.ms < 3000 && w.added === 0,
      how: `after a page reload: open the database, list the stored index segments and check them against the chunk sets (${w.syncMs.toFixed(0)} ms, ${w.added} excerpts re-indexed), then the first query ("theorem", ${w.hits.toLocaleString()} hits) loads the segments' parts and answers; the same query again took ${w.nextMs.toFixed(1)} ms (the first queries after a start run before the JIT has optimised the scoring loops)`,
    });
    await page.evaluate((name) => window.corpusBench.deleteDatabase(name), c.databaseName);
    await page.close();

    log(`importing ${bigPath} for at most ${BIG_LIMIT_S} s`);
    const big = await browser.newPage();
    await big.goto(url);
    await big.getByRole('status').filter({ hasText: 'ready' }).waitFor();
    const cdp = await big.context().newCDPSession(big);
    await cdp.send('Performance.enable');
    const heap = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    await big.getByLabel('Corpus file').setInputFiles(bigPath);
    const before = await heap();
    let peak = before;
    const samples = [];
    const running = big.evaluate((limit) => window.corpusBench.importSelected(limit), BIG_LIMIT_S * 1000);
    let done = false;
    // Settled either way; a failure is reported below, never left as an unhandled rejection.
    running.then(() => { done = true; }, () => { done = true; });
    while (!done) {
      const used = await heap().catch(() => peak);
      peak = Math.max(peak, used);
      const progress = await big.evaluate(() => window.corpusBench.progress()).catch(() => null);
      samples.push({ used, bytesRead: progress?.bytesRead ?? 0 });
      await new Promise((r) => setTimeout(r, 500));
    }
    const b = await running.catch((error) => ({ failed: String(error?.message ?? error) }));
    if (b.failed) {
      push({ label: 'importing a large JSONL file', value: 'failed', goal: 'completes with flat memory', met: false, how: `the import stopped with: ${b.failed}` });
      return figures;
    }
    const firstHalf = samples.filter((s) => s.bytesRead > 0 && s.bytesRead < b.bytesRead / 2).map((s) => s.used);
    const secondHalf = samples.filter((s) => s.bytesRead >= b.bytesRead / 2).map((s) => s.used);
    const maxOf = (xs) => (xs.length ? Math.max(...xs) : 0);
    push({
      label: `peak JS heap while importing a ${(b.bytes / MiB).toFixed(0)} MiB JSONL file`,
      value: peak / MiB, unit: 'MiB', goal: 'flat: independent of file size',
      met: maxOf(secondHalf) <= maxOf(firstHalf) * 1.25 + 32 * MiB,
      how: `CDP Performance.getMetrics JSHeapUsedSize every 0.5 s (${samples.length} samples), heap before ${(before / MiB).toFixed(0)} MiB; `
        + `peak in the first half of the bytes read ${(maxOf(firstHalf) / MiB).toFixed(0)} MiB, second half ${(maxOf(secondHalf) / MiB).toFixed(0)} MiB; `
        + (b.completed
          ? `the whole file imported in ${(b.ms / 1000).toFixed(0)} s (${b.documents} documents)`
          : `stopped after ${BIG_LIMIT_S} s with ${(b.bytesRead / MiB).toFixed(0)} MiB read and ${b.documents} documents stored (then cancelled and removed) to keep the suite short`),
    });
    return figures;
  }, PAGE_DIST);
}

function logFigure(figure) {
  process.stderr.write(`  corpus: ${figure.label}: ${typeof figure.value === 'number' ? figure.value.toFixed(3) : figure.value} ${figure.unit ?? ''} (${figure.how})\n`);
}
