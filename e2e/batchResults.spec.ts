import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const shared = resolve('../shared/data');

/** The paper's real MIND dialogues, used as what a vLLM batch run answered. */
const answers = readFileSync(join(shared, 'mind_dialogues/mind_paper_dialogues.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { dialogue: string }).dialogue);

test('a recipe exported from the lab, batched by the CLI, answered offline, comes back as dialogues the review desk rates', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'mind-lab-batch-'));
  await page.goto('/');
  await page.getByRole('tab', { name: 'Export' }).click();
  await page.getByLabel(/^Model name/).fill('meta-llama/Llama-3.1-8B-Instruct');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export recipe.json' }).click();
  const recipePath = join(dir, 'recipe.json');
  await (await download).saveAs(recipePath);

  // Three OpenWebMath pages through `mind-lab batch`, as a cluster job would start.
  const input = join(dir, 'owm.jsonl');
  writeFileSync(input, readFileSync(join(shared, 'owm_more.jsonl'), 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
  const out = join(dir, 'batch');
  execFileSync(process.execPath, ['cli/mind-lab.mjs', 'batch', '--recipe', recipePath, input, '-o', out], { stdio: 'pipe' });
  const requests = readFileSync(join(out, 'requests-00000.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; body: { model: string } });
  expect(requests.length).toBeGreaterThan(2);

  // What `vllm run-batch` writes: every request answered, in another order, and one failed.
  const outputs = requests.map((request, i) =>
    i === 1
      ? { id: `batch_req_${i}`, custom_id: request.custom_id, response: null, error: { code: 'server_error', message: 'CUDA out of memory' } }
      : {
          id: `batch_req_${i}`,
          custom_id: request.custom_id,
          response: { status_code: 200, request_id: `req-${i}`, body: { model: request.body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answers[i % answers.length] } }], usage: { prompt_tokens: 500, completion_tokens: 400, total_tokens: 900 } } },
          error: null,
        },
  );
  const outputPath = join(dir, 'results.jsonl');
  writeFileSync(outputPath, outputs.reverse().map((o) => JSON.stringify(o)).join('\n') + '\n');

  await page.getByLabel('Recipe file').setInputFiles(recipePath);
  await expect(page.getByText(/^Recipe ".*": \d+ styles?, model /)).toBeVisible();
  await page.getByLabel('Batch files').setInputFiles([join(out, 'requests-00000.jsonl'), join(out, 'sources-00000.jsonl'), outputPath]);
  const report = page.getByRole('status', { name: 'Batch import report' });
  await expect(report).toContainText(`${requests.length - 1} dialogues added to the review desk`);
  await expect(report).toContainText('1 failed');

  // In the review desk: every answer is there with its filters run, and rated by keyboard.
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('group', { name: 'Review views' }).getByRole('button', { name: 'Queue' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${requests.length - 1} dialogues in the queue` })).toBeVisible();
  await page.getByRole('list', { name: 'Review queue' }).getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  const view = page.getByRole('article', { name: new RegExp(`^Dialogue 1 of ${requests.length - 1}$`) });
  await expect(view.getByText(/Passes MIND’s filters|Fails MIND’s filters/)).toBeVisible();
  await expect(view.getByRole('region', { name: 'Source excerpt' })).not.toBeEmpty();
  for (const key of ['4', 'ArrowDown', '4', 'ArrowDown', '1', 'ArrowDown', '4', 'ArrowDown', '1']) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await page.getByLabel('Your rating').selectOption('submitted');
  await expect(page.getByRole('list', { name: 'Review queue' }).getByRole('button')).toHaveCount(1);
});
