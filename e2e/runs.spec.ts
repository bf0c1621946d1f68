import { expect, test, type Locator, type Page } from '@playwright/test';
import { resolveTestModel } from './helpers/testModel';
import { startLlamaServer, type RunningLlamaServer } from './llama-server/startServer';

// Runs with real inference, never canned text: stories260K through wllama in the page, and the same model behind
// the real local OpenAI-compatible test server. What is checked is what a person relies on: a reload or a dead
// server mid-run loses nothing and duplicates nothing, and every tab shows the same progress.
test.describe.configure({ mode: 'serial', timeout: 150_000 });

let modelPath: string;
test.beforeAll(async () => {
  modelPath = await resolveTestModel();
});

const TEN_EXCERPTS = [
  'Let $x = 2$. Then $x^2 = 4$.',
  'The sum of the first $n$ odd numbers is $n^2$.',
  'A prime has exactly two divisors: $1$ and itself.',
  'If $a \\mid b$ and $b \\mid c$ then $a \\mid c$.',
  'The derivative of $x^3$ is $3x^2$.',
  'A triangle with sides $3, 4, 5$ is right-angled, since $9 + 16 = 25$.',
  'The mean of $2, 4, 6$ is $4$.',
  '$\\sqrt{2}$ is irrational: assume $p/q$ in lowest terms and square both sides.',
  'The area of a circle of radius $r$ is $\\pi r^2$.',
  'Every integer $n > 1$ is a product of primes.',
];

const runsTab = (page: Page) => page.getByRole('tabpanel', { name: 'Runs' });
const newRunForm = (page: Page) => runsTab(page).getByRole('region', { name: 'New run' });
const runDetail = (page: Page, name: string) => runsTab(page).getByRole('region', { name });
const runStatus = (page: Page, name: string) => runDetail(page, name).getByLabel('Run status');

async function openRuns(page: Page) {
  await page.getByRole('tab', { name: 'Runs' }).click();
}

interface RunForm {
  name: string;
  excerpts: readonly string[];
  templates: readonly string[];
  maxTokens: number;
  concurrency?: number;
}

/** Fills the form, plans, checks the planned count, starts. */
async function planAndStart(page: Page, form: RunForm, expectedItems: number, beforeStart?: (plan: Locator) => Promise<void>) {
  await openRuns(page);
  const panel = newRunForm(page);
  await panel.getByLabel('Run name').fill(form.name);
  await panel.getByRole('radio', { name: 'Pasted excerpts' }).check();
  await panel.getByLabel(/^Pasted excerpts \(one per block/).fill(form.excerpts.join('\n\n'));
  for (const template of form.templates) await panel.getByRole('checkbox', { name: new RegExp(`^${template} v\\d+$`) }).check();
  await panel.getByRole('group', { name: 'Models' }).getByRole('checkbox').first().check();
  await panel.getByRole('spinbutton', { name: 'Max tokens' }).first().fill(String(form.maxTokens));
  if (form.concurrency) await panel.getByRole('spinbutton', { name: /^Concurrency/ }).fill(String(form.concurrency));
  await panel.getByRole('button', { name: 'Plan run' }).click();
  await expect(panel.getByRole('region', { name: 'Run plan' })).toContainText(`${expectedItems} items`);
  await beforeStart?.(panel.getByRole('region', { name: 'Run plan' }));
  await panel.getByRole('button', { name: 'Start run' }).click();
}

/** The done count the page shows now, from its live progress line. */
async function shownDone(detail: Locator): Promise<number> {
  const text = (await detail.locator('.progress [aria-live]').textContent()) ?? '';
  return Number(/(\d+) done/.exec(text)?.[1] ?? -1);
}

interface StoredRun {
  itemCount: number;
  states: Record<string, number>;
  dialogues: number;
  distinctWorkItems: number;
  /** Every done item points at a dialogue of this run, and every dialogue at a done item. */
  consistent: boolean;
  /** The stored error of each failed item, so a failure says what it was. */
  errors: string[];
}

/** Reads the run straight from IndexedDB, past the app's own code. */
function storedRun(page: Page, name: string): Promise<StoredRun> {
  return page.evaluate(async (runName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mind-lab');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const run = (await all<{ id: string; name: string }>('runs')).find((r) => r.name === runName);
    const items = (await all<{ id: string; runId: string; state: string; dialogueId: string | null; error: { code: string; message: string } | null }>('workItems')).filter(
      (i) => i.runId === run?.id,
    );
    const dialogues = (await all<{ id: string; runId?: string; workItemId?: string }>('dialogues')).filter((d) => d.runId === run?.id);
    db.close();
    const states: Record<string, number> = {};
    for (const item of items) states[item.state] = (states[item.state] ?? 0) + 1;
    const dialogueIds = new Set(dialogues.map((d) => d.id));
    const doneItems = items.filter((i) => i.state === 'done');
    const doneIds = new Set(doneItems.map((i) => i.id));
    return {
      itemCount: items.length,
      states,
      dialogues: dialogues.length,
      distinctWorkItems: new Set(dialogues.map((d) => d.workItemId)).size,
      errors: items.flatMap((i) => (i.error ? [`${i.error.code}: ${i.error.message}`] : [])),
      consistent: doneItems.every((i) => i.dialogueId !== null && dialogueIds.has(i.dialogueId)) && dialogues.every((d) => d.workItemId !== undefined && doneIds.has(d.workItemId)),
    };
  }, name);
}

/** The most chat requests that were open at one moment, from the browser's resource timings (start to last byte). */
function mostChatRequestsOpen(page: Page): Promise<number> {
  return page.evaluate(() => {
    const edges = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('/chat/completions'))
      .flatMap((entry) => [
        [(entry as PerformanceResourceTiming).startTime, 1],
        [(entry as PerformanceResourceTiming).responseEnd, -1],
      ])
      // An end and a start at the same instant: the end first, as the lane's next request follows its last.
      .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    let open = 0;
    let most = 0;
    for (const [, step] of edges) most = Math.max(most, (open += step!));
    return most;
  });
}

async function loadWllama(page: Page) {
  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByRole('region', { name: /wllama/ }).getByLabel('GGUF model file').setInputFiles(modelPath);
  // Compiling the 10 MB wasm takes a while on a busy 2-core machine.
  await expect(page.getByRole('region', { name: 'Active model' })).toContainText('on wllama', { timeout: 60_000 });
}

test('a 20-item wllama run survives a reload mid-run: resumed, it stores exactly 20 dialogues, and a second tab follows it live', async ({ page, context }) => {
  const name = 'Reload mid-run';
  await page.goto('/');
  await loadWllama(page);

  // A second tab of the lab, open before the run starts: it never drives, only watches the database.
  const watcher = await context.newPage();
  await watcher.goto('/');
  await openRuns(watcher);

  await planAndStart(page, { name, excerpts: TEN_EXCERPTS, templates: ['Two Students', 'Teacher–Student'], maxTokens: 24 }, 20);
  const detail = runDetail(page, name);
  await expect(runStatus(page, name)).toHaveText('Running in this tab.');
  await expect(runStatus(watcher, name)).toContainText('Driven by another tab');

  // Reload once some items are stored, and while some are still to do.
  await expect.poll(() => shownDone(detail), { intervals: [50] }).toBeGreaterThanOrEqual(2);
  await page.reload();
  const atReload = await storedRun(page, name);
  expect(atReload.itemCount).toBe(20);
  expect(atReload.states.pending ?? 0).toBeGreaterThan(0);
  expect(atReload.dialogues).toBe(atReload.states.done);
  expect(atReload.consistent).toBe(true);

  // Nobody drives it now: both tabs say so and offer Resume; the reloaded tab needs its model back first.
  await openRuns(page);
  await expect(runStatus(page, name)).toContainText('Interrupted: no tab is driving this run');
  await expect(runStatus(watcher, name)).toContainText('Interrupted: no tab is driving this run');
  await loadWllama(page);
  await openRuns(page);
  await runDetail(page, name).getByRole('button', { name: 'Resume' }).click();

  await expect(runStatus(page, name)).toHaveText('Done.', { timeout: 90_000 });
  await expect(detail.locator('.progress [aria-live]')).toContainText('20 done · 0 failed · 0 remaining');
  // The watcher was never reloaded: it shows the same finish, live.
  await expect(runStatus(watcher, name)).toHaveText('Done.');
  await expect(runDetail(watcher, name).locator('.progress [aria-live]')).toContainText('20 done · 0 failed · 0 remaining');

  const finished = await storedRun(page, name);
  expect(finished).toEqual({ itemCount: 20, states: { done: 20 }, dialogues: 20, distinctWorkItems: 20, consistent: true, errors: [] });

  // The summary compares the two templates on the model, in a table and in charts.
  const summary = detail.getByRole('table', { name: 'Summary' });
  await expect(summary.getByRole('row')).toHaveCount(3);
  await expect(summary.getByRole('row', { name: /Two Students v1/ })).toContainText('stories260K.gguf');
  await expect(summary.getByRole('row', { name: /Teacher–Student v1/ }).getByRole('cell').nth(3)).toHaveText('10');
  await expect(detail.getByRole('img', { name: /^Mean completion tokens: Two Students v1/ })).toBeVisible();
  await watcher.close();
});

test('an empty run is refused and a too-long excerpt skipped before the start; Pause keeps the run resumable with nothing half-stored, and Cancel ends it, keeping what was done', async ({ page }) => {
  const name = 'Pause then cancel';
  await page.goto('/');
  await loadWllama(page);

  await openRuns(page);
  const form = newRunForm(page);
  await form.getByLabel('Run name').fill('Nothing in it');
  await form.getByRole('button', { name: 'Plan run' }).click();
  await expect(form.getByRole('alert')).toContainText('The run has no excerpts.');
  await expect(form.getByRole('button', { name: 'Start run' })).toBeDisabled();

  // Far beyond the 2048-token context: flagged and left out when planned, never failed mid-run.
  const tooLong = `A very long proof. ${'Since $a_n \\to 0$, the tail of the series is small. '.repeat(300)}`;
  await planAndStart(page, { name, excerpts: [...TEN_EXCERPTS, tooLong], templates: ['Two Students', 'Teacher–Student'], maxTokens: 24 }, 20, async (plan) => {
    await expect(plan).toContainText('(1 excerpt skipped for some or all models)');
    await expect(plan.getByRole('list', { name: 'Skipped excerpts' }).getByRole('listitem')).toHaveText(/^“A very long proof\. .*”: Too long for stories260K\.gguf \(wllama\).*context of 2048 tokens/);
  });
  const detail = runDetail(page, name);

  await expect.poll(() => shownDone(detail), { intervals: [50] }).toBeGreaterThanOrEqual(1);
  await detail.getByRole('button', { name: 'Pause' }).click();
  await expect(runStatus(page, name)).toHaveText('Paused.');
  // Paused by the person: no alert, and the item that was streaming went back to pending, not half-stored.
  await expect(detail.getByRole('alert')).toHaveCount(0);
  const paused = await storedRun(page, name);
  expect(paused.states.pending ?? 0).toBeGreaterThan(0);
  expect(paused).toMatchObject({ itemCount: 20, dialogues: paused.states.done, errors: [], consistent: true });

  await detail.getByRole('button', { name: 'Resume' }).click();
  await expect(runStatus(page, name)).toHaveText('Running in this tab.');
  await expect.poll(() => shownDone(detail), { intervals: [50] }).toBeGreaterThan(paused.states.done!);
  await detail.getByRole('button', { name: 'Cancel' }).click();
  await expect(runStatus(page, name)).toHaveText('Cancelled. Finished items and their dialogues are kept.');
  await expect(detail.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  const cancelled = await storedRun(page, name);
  expect(cancelled.states.pending ?? 0).toBeGreaterThan(0);
  expect(cancelled).toMatchObject({ dialogues: cancelled.states.done, errors: [], consistent: true });
});

test.describe('against the local OpenAI-compatible server', () => {
  let server: RunningLlamaServer | undefined;
  test.afterAll(async () => {
    await server?.stop();
  });

  test('runs at concurrency 4; the server killed mid-run pauses the run with a clear message, and it finishes after a restart on the same port', async ({ page }) => {
    // --ignore-eos keeps every answer at max tokens, so the run lasts long enough to kill the server under it.
    server = await startLlamaServer({ modelPath, contextSize: 1024, ignoreEos: true });
    const port = Number(new URL(server.baseUrl).port);
    const name = 'Server outage';
    const excerpts = [...TEN_EXCERPTS, ...TEN_EXCERPTS.map((e) => `${e} Show each step.`)];

    await page.goto('/');
    await page.getByRole('tab', { name: 'Models' }).click();
    const openai = page.getByRole('region', { name: 'OpenAI-compatible server' });
    await openai.getByLabel('Base URL').fill(server.baseUrl);
    await openai.getByRole('button', { name: 'List models' }).click();
    await expect(openai.getByLabel('Model')).toHaveValue(server.model);
    await openai.getByRole('button', { name: 'Use this model' }).click();
    await expect(page.getByRole('region', { name: 'Active model' })).toContainText(`${server.model} on openai`);

    await planAndStart(page, { name, excerpts, templates: ['Two Students'], maxTokens: 192, concurrency: 4 }, 20);
    const detail = runDetail(page, name);
    await expect(runStatus(page, name)).toHaveText('Running in this tab.');
    await expect.poll(() => shownDone(detail), { intervals: [50] }).toBeGreaterThanOrEqual(2);
    await server.stop();

    // Retries with backoff first, then the run pauses, saying why and what to do.
    await expect(runStatus(page, name)).toHaveText('Paused.', { timeout: 30_000 });
    await expect(detail.getByRole('alert')).toContainText('The run is paused; resume once');
    const paused = await storedRun(page, name);
    expect(paused.states.pending ?? 0).toBeGreaterThan(0);
    expect(paused.errors).toEqual([]);
    expect(paused.dialogues).toBe(paused.states.done);
    // The browser's own timings of the answered requests: 4 were open at once (a serial lab would show 1). The
    // upper bound is the scheduler's, checked exactly in executeRun.test.ts: here a body's tail can still be
    // arriving after the lab has read [DONE] and its lane has sent the next request, so 5 can overlap briefly.
    expect(await mostChatRequestsOpen(page)).toBeGreaterThanOrEqual(4);

    server = await startLlamaServer({ modelPath, contextSize: 1024, ignoreEos: true, port });
    await detail.getByRole('button', { name: 'Resume' }).click();
    await expect(runStatus(page, name)).toHaveText('Done.', { timeout: 90_000 });
    await expect(detail.getByRole('alert')).toHaveCount(0);
    expect(await storedRun(page, name)).toEqual({ itemCount: 20, states: { done: 20 }, dialogues: 20, distinctWorkItems: 20, consistent: true, errors: [] });
  });
});
