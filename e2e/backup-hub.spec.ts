import { expect, test, type Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHubReplay, type HubReplay } from './hub-replay/server.mjs';
import { writeReviewPack } from './helpers/reviewPack';

const packPath = join(tmpdir(), `mind-lab-backup-pack-${process.pid}.jsonl`);
const { ids } = writeReviewPack(packPath);
const TOKEN = 'hf_e2e_token';
let hub: HubReplay;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  hub = await startHubReplay({ token: TOKEN });
});
test.afterAll(() => hub?.close());

/** Every object store of the lab's IndexedDB, read with the plain IndexedDB API (bytes as arrays of numbers). */
function dumpLab(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('mind-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => {
              out[name] = request.result.map((row: unknown) => JSON.parse(JSON.stringify(row, (_k, v) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v))));
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const openExport = (page: Page) => page.getByRole('tab', { name: 'Export' }).click();
const backupSection = (page: Page) => page.getByRole('region', { name: 'Backup and restore' });
const hubSection = (page: Page) => page.getByRole('region', { name: 'Upload to the Hugging Face Hub' });

test('backup → clear the lab → restore → every table identical', async ({ page }) => {
  // The download path (no File System Access picker, which a test cannot answer).
  await page.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  await page.goto('/');
  // Dialogues, their filter outcomes and a rating, made through the review desk.
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('group', { name: 'Review views' }).getByRole('button', { name: 'Raters and rubric' }).click();
  await page.getByLabel('Rater name').fill('ana');
  await page.getByLabel('Import a dialogue pack').setInputFiles(packPath);
  await expect(page.getByRole('status').filter({ hasText: `Imported ${ids.length} dialogues` })).toBeVisible();
  await page.getByRole('group', { name: 'Review views' }).getByRole('button', { name: 'Queue' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${ids.length} dialogues in the queue` })).toBeVisible();
  await page.getByRole('list', { name: 'Review queue' }).getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radiogroup', { name: 'Faithful to the source' })).toBeFocused();
  for (const key of ['4', '3', '1', '3', '1']) {
    await page.keyboard.press(key);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await dumpLab(page)).ratings?.length).toBe(1);

  await openExport(page);
  const before = await dumpLab(page);
  expect(before.dialogues).toHaveLength(ids.length);
  expect(before.dialogueAnalysis!.length).toBeGreaterThan(0);
  const downloading = page.waitForEvent('download');
  await backupSection(page).getByRole('button', { name: 'Back up the lab' }).click();
  const download = await downloading;
  const backupPath = join(tmpdir(), `mind-lab-e2e-backup-${process.pid}.jsonl`);
  await download.saveAs(backupPath);
  await expect(backupSection(page).getByRole('status')).toContainText(`as the download ${download.suggestedFilename()}`);

  // Clearing the lab: the app has no "delete everything" button, so the test deletes its IndexedDB (the app's
  // Dexie connection closes itself on the delete request) and reloads into a fresh, empty lab.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('mind-lab');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
  await page.reload();
  await openExport(page);
  await expect.poll(async () => (await dumpLab(page)).dialogues?.length).toBe(0);

  const section = backupSection(page);
  await section.getByLabel(/^Replace: /).check();
  await section.getByLabel('Backup file').setInputFiles(backupPath);
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Replace everything in this lab with');
  await confirm.getByRole('button', { name: 'Replace the lab' }).click();
  const report = section.getByRole('status', { name: 'Restore report' });
  await expect(report).toContainText('The lab was replaced by the backup');
  await expect(report.getByRole('row', { name: /^dialogues / })).toContainText(`${ids.length}`);

  const after = await dumpLab(page);
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
});

test('a damaged backup is refused with the line, and the lab is unchanged', async ({ page }) => {
  await page.goto('/');
  await openExport(page);
  const before = await dumpLab(page);
  const section = backupSection(page);
  await section.getByLabel(/^Merge: /).check();
  await section.getByLabel('Backup file').setInputFiles({ name: 'owm.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"url":"https://x","text":"Let $x=2$."}\n') });
  await expect(section.getByRole('alert')).toHaveText('owm.jsonl was not restored: Line 1: this is not a MIND Lab backup (its first line has no "format": "mind-lab-backup").');
  expect(await dumpLab(page)).toEqual(before);
});

async function fillHub(page: Page, repo: string, token: string) {
  await openExport(page);
  const section = hubSection(page);
  await section.getByLabel('Dataset repo', { exact: true }).fill(repo);
  await section.getByLabel('Hugging Face token').fill(token);
  if (!(await section.getByLabel('Hub URL').isVisible())) await section.getByText('Hub address').click();
  await section.getByLabel('Hub URL').fill(hub.url);
  return section;
}

const hubFiles = (tag: string) => [
  { name: 'README.md', mimeType: 'text/markdown', buffer: Buffer.from(`---\nlicense: odc-by\n---\n# ${tag}\n`) },
  { name: 'train.parquet', mimeType: 'application/octet-stream', buffer: Buffer.alloc(4096, tag) },
];

test('Hub upload against the replay server: success, a refused token, and a commit that fails midway', async ({ page }) => {
  await page.goto('/');
  let section = await fillHub(page, 'mind-e2e', TOKEN);
  await section.getByLabel('Upload files…').setInputFiles(hubFiles('first'));
  const ok = section.getByRole('status', { name: 'Hub upload report' });
  await expect(ok).toContainText('Uploaded 2 files to lab-user/mind-e2e in one commit (the repo was created)');
  expect(Object.keys(hub.state().repos['lab-user/mind-e2e']!.files).sort()).toEqual(['README.md', 'train.parquet']);
  expect(hub.state().repos['lab-user/mind-e2e']!.private).toBe(true);

  section = await fillHub(page, 'mind-refused', 'hf_not_valid');
  await section.getByLabel('Upload files…').setInputFiles(hubFiles('refused'));
  const refused = section.getByRole('alert', { name: 'Hub upload report' });
  await expect(refused).toContainText('Nothing from this upload is on the Hub. The Hub refused the token (401) while checking the token.');
  await expect(refused).toContainText('No repo was created.');
  await expect(refused.getByRole('list', { name: 'Not uploaded' }).getByRole('listitem')).toHaveText(['README.md', 'train.parquet']);
  expect(hub.state().repos['lab-user/mind-refused']).toBeUndefined();

  hub.configure({ failAt: 'commit' });
  section = await fillHub(page, 'mind-e2e', TOKEN);
  await section.getByLabel('Upload files…').setInputFiles([{ name: 'chat.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"messages":[]}\n') }, ...hubFiles('second').slice(1)]);
  const midway = section.getByRole('alert', { name: 'Hub upload report' });
  await expect(midway).toContainText('Nothing from this upload is on the Hub. The Hub answered 500 while committing the files');
  await expect(midway).toContainText('existed already; the commit that would have added the files did not happen.');
  await expect(midway.getByRole('list', { name: 'Not uploaded' }).getByRole('listitem')).toHaveText(['chat.jsonl', 'train.parquet']);
  await expect(midway.getByRole('list', { name: 'The repo holds these files from earlier commits' }).getByRole('listitem')).toHaveText(['README.md', 'train.parquet']);
  // The Hub indeed has the first upload only: the second one's new LFS object went to storage but into no commit.
  const repo = hub.state().repos['lab-user/mind-e2e']!;
  expect(repo.commits).toHaveLength(1);
  expect(repo.files['chat.jsonl']).toBeUndefined();
  expect(repo.files['train.parquet']!.size).toBe(4096);
  hub.configure({ failAt: null });
});
