/* global window, document, indexedDB, requestAnimationFrame, MutationObserver -- page.evaluate() bodies run in the browser */
// The review desk at 100k dialogues (built app): how long the queue takes to show its first dialogue, and how long a
// key press (J, or Enter after answering the rubric) takes to show the next dialogue, as a reviewer working through it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { importTypeScript } from '../../cli/loadTypeScript.mjs';
import { CHROMIUM_ARGS, withBuiltApp } from '../lib/browser.mjs';

export const title = 'Review desk at 100k dialogues (built app): first dialogue shown, and key press to next dialogue rendered';

const PORT = Number(process.env.BENCH_PORT ?? 4211);
const DIALOGUES = Number(process.env.REVIEW_DESK_DIALOGUES ?? 100_000);
const MOVES = 200;
const WARM_UP_MOVES = 10;
const SUBMITS = 20;
const BASELINE_KEYS = 30;
const SEED_BATCH = 2_500;
const GOAL_MS = 50;
const REAL = fileURLToPath(new URL('../../../shared/data/mind_dialogues/mind_paper_dialogues.jsonl', import.meta.url));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
};

/** Opens the app's own database at the version the app created (never creating or upgrading it) and writes rows. */
async function putRows(page, rows) {
  return page.evaluate(
    ({ from, to, startedAt, extra }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mind-lab');
        open.onupgradeneeded = () => reject(new Error('mind-lab does not exist yet: the app must create it first'));
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['dialogues', 'dialogueAnalysis', 'templates', 'templateVersions'], 'readwrite');
          const { prototypes } = window.reviewDeskSeed;
          const dialogues = tx.objectStore('dialogues');
          const analyses = tx.objectStore('dialogueAnalysis');
          for (let index = from; index < to; index += 1) {
            // Copies differ in id, time and seed only: what the analysis reads (text, excerpt, finish) is the prototype's.
            const prototype = prototypes[index % prototypes.length];
            const id = `seed-${index.toString(36).padStart(5, '0')}`;
            const createdAt = startedAt + index * 1000;
            dialogues.put({ ...prototype.dialogue, id, createdAt, seed: index, params: { ...prototype.dialogue.params, seed: index } });
            analyses.put({ ...prototype.analysis, dialogueId: id, createdAt });
          }
          for (const template of extra.templates) tx.objectStore('templates').put(template);
          for (const version of extra.versions) tx.objectStore('templateVersions').put(version);
          tx.oncomplete = () => {
            db.close();
            resolve(db.version);
          };
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error ?? new Error('aborted'));
        };
      }),
    rows,
  );
}

/** Reads a few stored rows back, to check them against the app's schemas in Node. */
const readBack = (page, ids) =>
  page.evaluate(
    (keys) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mind-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['dialogues', 'dialogueAnalysis'], 'readonly');
          const out = [];
          for (const key of keys) {
            const pair = {};
            out.push(pair);
            tx.objectStore('dialogues').get(key).onsuccess = (e) => (pair.dialogue = e.target.result);
            tx.objectStore('dialogueAnalysis').get(key).onsuccess = (e) => (pair.analysis = e.target.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
    ids,
  );

/**
 * Installed before each key press is measured: from the keydown's timeStamp to the first animation frame after the
 * focus view is labelled with the next position (`header`) and to the first frame after its turns are on screen too
 * (`turns`: the dialogue itself is read from IndexedDB when it is opened).
 */
function installKeyClock() {
  const record = { header: [], turns: [], idle: [], pending: null };
  const label = () => document.querySelector('article.focus-view')?.getAttribute('aria-label') ?? '';
  document.addEventListener(
    'keydown',
    (event) => {
      if (['j', 'Enter'].includes(event.key)) record.pending = { at: event.timeStamp, from: label(), header: false };
      // A key the desk ignores: how soon any frame follows a key on this machine now.
      if (event.key === 'x') requestAnimationFrame(() => record.idle.push(performance.now() - event.timeStamp));
    },
    true,
  );
  const check = () => {
    const pending = record.pending;
    if (!pending || label() === pending.from) return;
    if (!pending.header) {
      pending.header = true;
      requestAnimationFrame(() => record.header.push(performance.now() - pending.at));
    }
    if (document.querySelector('article.focus-view .review-turns')) {
      record.pending = null;
      requestAnimationFrame(() => record.turns.push(performance.now() - pending.at));
    }
  };
  // An init script runs before <body> exists.
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  window.reviewDeskKeys = record;
}

export async function run() {
  const core = await importTypeScript('bench/suites/review-desk.core.ts');
  const papers = readFileSync(REAL, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
  const seed = core.seedPrototypes(papers);
  const passing = seed.prototypes.filter((p) => p.analysis.filters.pass).length;

  return withBuiltApp(PORT, async ({ url }) => {
    // A profile on disk: a fresh context keeps IndexedDB in memory under an incognito quota (see corpus.mjs).
    const profile = mkdtempSync(join(tmpdir(), 'mind-lab-review-desk-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
      args: CHROMIUM_ARGS,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(180_000);
      await page.goto(url);
      // Opening Review makes the app create its database at its current version; the seeder then only writes rows.
      await page.getByRole('tab', { name: 'Review' }).click();
      await page.getByText('No dialogues match').waitFor();
      await page.evaluate((value) => (window.reviewDeskSeed = value), { prototypes: seed.prototypes });
      const seedStarted = Date.now();
      const startedAt = Date.UTC(2026, 1, 1);
      let version = 0;
      for (let from = 0; from < DIALOGUES; from += SEED_BATCH) {
        const extra = from === 0 ? { templates: seed.templates, versions: seed.versions } : { templates: [], versions: [] };
        version = await putRows(page, { from, to: Math.min(DIALOGUES, from + SEED_BATCH), startedAt, extra });
      }
      const seedSeconds = (Date.now() - seedStarted) / 1000;
      const storage = await page.evaluate(() => navigator.storage.estimate());
      const sampleIds = [0, 1, 191, 192, 4_321, DIALOGUES - 1].filter((i) => i < DIALOGUES).map((i) => `seed-${i.toString(36).padStart(5, '0')}`);
      for (const { dialogue, analysis } of await readBack(page, sampleIds)) {
        core.dialogueRecordSchema.parse(dialogue);
        core.dialogueAnalysisRecordSchema.parse(analysis);
        if (analysis.thresholdsHash !== core.thresholdsHash(core.DEFAULT_FILTER_THRESHOLDS)) throw new Error('seeded analysis has other thresholds');
      }

      // A fresh load with everything stored, as a reviewer opening the lab the next day.
      await page.addInitScript(installKeyClock);
      await page.reload();
      await page.getByRole('tab', { name: 'Review' }).click();
      const opened = await page.evaluate(() => performance.now());
      // CSS, not a role query: Playwright's role engine walks the page in the page's own thread while it is polled.
      await page.locator(`article.focus-view[aria-label="Dialogue 1 of ${DIALOGUES}"] .review-turns`).waitFor();
      const shown = await page.evaluate(() => performance.now());
      const notice = await page.getByRole('alert').count();

      // The keyboard in the rubric of the first dialogue, as after clicking it in the queue.
      await page.getByRole('list', { name: 'Review queue' }).getByRole('button').first().click();
      await page.getByRole('radiogroup', { name: 'Faithful to the source' }).waitFor();
      const pressAndWait = async (key, expectedPosition) => {
        const before = await page.evaluate(() => window.reviewDeskKeys.turns.length);
        await page.keyboard.press(key);
        const rendered = await page.waitForFunction((n) => window.reviewDeskKeys.turns.length > n && document.querySelector('article.focus-view').getAttribute('aria-label'), before, { polling: 'raf' });
        const label = await rendered.jsonValue();
        if (label !== `Dialogue ${expectedPosition} of ${DIALOGUES}`) throw new Error(`after ${key}: ${label}, expected dialogue ${expectedPosition}`);
      };
      let position = 1;
      for (let i = 0; i < WARM_UP_MOVES + MOVES; i += 1) await pressAndWait('j', (position += 1));
      const moves = await page.evaluate(() => ({ header: window.reviewDeskKeys.header.splice(0), turns: window.reviewDeskKeys.turns.splice(0) }));
      const counted = { header: moves.header.slice(WARM_UP_MOVES), turns: moves.turns.slice(WARM_UP_MOVES) };
      for (let i = 0; i < SUBMITS; i += 1) {
        for (const key of ['4', 'ArrowDown', String((i % 5) + 1), 'ArrowDown', '1', 'ArrowDown', '3', 'ArrowDown', i % 4 ? '1' : '2']) await page.keyboard.press(key);
        await pressAndWait('Enter', (position += 1));
      }
      for (let i = 0; i < BASELINE_KEYS; i += 1) {
        await page.keyboard.press('x');
        await page.waitForFunction((n) => window.reviewDeskKeys.idle.length > n, i, { polling: 'raf' });
      }
      const baseline = summary(await page.evaluate(() => window.reviewDeskKeys.idle));
      const submits = await page.evaluate(() => ({ header: window.reviewDeskKeys.header.splice(0), turns: window.reviewDeskKeys.turns.splice(0) }));

      const move = summary(counted.turns);
      const moveHeader = summary(counted.header);
      const submit = summary(submits.turns);
      const ms = (v) => `${v.toFixed(1)} ms`;
      const setting = `${DIALOGUES.toLocaleString('en')} dialogues stored (${seed.prototypes.length} distinct: the 8 published MIND dialogues × 3 models × 2 template versions × 4 text variants, ${passing} of them pass the filters), persistent Chromium profile, headless`;
      const figures = [
        {
          label: `J to next dialogue rendered, p95 (${MOVES} presses)`,
          value: move.p95,
          unit: 'ms',
          goal: `< ${GOAL_MS} ms`,
          met: move.p95 < GOAL_MS,
          how: `keydown timeStamp to the first animation frame after the focus view reads "Dialogue N+1 of ${DIALOGUES}" with its turns on screen (MutationObserver + requestAnimationFrame, in the page), each press after the last one rendered, after ${WARM_UP_MOVES} warm-up presses; p50 ${ms(move.p50)}, max ${ms(move.max)}; header alone (the label changed): p50 ${ms(moveHeader.p50)}, p95 ${ms(moveHeader.p95)}, max ${ms(moveHeader.max)}; ${setting}`,
        },
        { label: 'J to next dialogue rendered, p50', value: move.p50, unit: 'ms', how: 'the same presses' },
        { label: 'J to next dialogue rendered, max', value: move.max, unit: 'ms', how: 'the same presses' },
        {
          label: `Enter (submit a full rubric) to next dialogue rendered, p95 (${SUBMITS} submissions)`,
          value: submit.p95,
          unit: 'ms',
          goal: `< ${GOAL_MS} ms`,
          met: submit.p95 < GOAL_MS,
          how: `the five rubric questions answered by keys (1–5, ↓), then Enter, timed as J; p50 ${ms(submit.p50)}, max ${ms(submit.max)}; the rating is shown at once and saved behind`,
        },
        {
          label: 'baseline: a key the desk ignores to the next frame, p95',
          value: baseline.p95,
          unit: 'ms',
          how: `${BASELINE_KEYS} presses of x with the focus in the rubric, keydown timeStamp to the next animation frame: what any key costs on this machine at the time (load from other processes, not the desk); p50 ${ms(baseline.p50)}, max ${ms(baseline.max)}`,
        },
        {
          label: `Review opened to first dialogue shown, with ${DIALOGUES.toLocaleString('en')} stored`,
          value: (shown - opened) / 1000,
          unit: 's',
          how: `a fresh page load, the Review tab clicked, until "Dialogue 1 of ${DIALOGUES}" shows its turns: count, the analysis worker reads and validates every analysis row (nothing to recompute: the seeded rows carry the app's thresholds hash) and hands them to the page, the queue built and sorted; page load to first dialogue ${((shown) / 1000).toFixed(1)} s; ${notice} alerts on the page`,
        },
        {
          label: `seeding ${DIALOGUES.toLocaleString('en')} dialogues and their analyses into IndexedDB`,
          value: seedSeconds,
          unit: 's',
          how: `raw IndexedDB puts from page.evaluate in transactions of ${SEED_BATCH.toLocaleString('en')} dialogues + analyses, into the database the app created (version ${version}); analyses computed in Node by analysisRecordFor with the default thresholds once per distinct dialogue; storage used ${(storage.usage / 2 ** 20).toFixed(0)} MiB; not the app's own speed`,
        },
      ];
      for (const figure of figures) console.log(`  ${figure.label}: ${+figure.value.toFixed(3)} ${figure.unit}`);
      return figures;
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
