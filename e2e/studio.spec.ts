import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';

// The prompt studio in the built app: templates, immutable versions, the diff, the live preview, fork, export and
// import, and a preview through a real GGUF model that ships a chat template (stories260K-chatml through wllama).

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHATML_MODEL = process.env.MIND_LAB_CHATML_MODEL ?? resolve(repoRoot, '../shared/models/stories260K-chatml.gguf');

const V1_INSTRUCTION = 'Ask three questions about the text and answer them.';
const V2_INSTRUCTION = 'Ask five questions about the text, then answer each one.';

async function openStudio(page: Page): Promise<Locator> {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Studio' }).click();
  return page.getByRole('tabpanel', { name: 'Studio' });
}

const templateButton = (studio: Locator, name: RegExp) => studio.getByRole('list', { name: 'Templates' }).getByRole('button', { name });
const versionRow = (studio: Locator, number: number) => studio.getByRole('row', { name: new RegExp(`^v${number} `) });

test('write a template, save versions, diff them, count tokens; fork a built-in; export and import', async ({ page }, testInfo) => {
  const studio = await openStudio(page);

  // A new template without {{context}} cannot be created, and says why.
  await studio.getByRole('button', { name: 'New template' }).click();
  const form = studio.getByRole('region', { name: 'New template' });
  await form.getByLabel('Name', { exact: true }).fill('Q&A baseline');
  await form.getByLabel('Style label').fill('qa');
  await form.getByLabel('User message').fill(V1_INSTRUCTION);
  const create = form.getByRole('button', { name: 'Create template' });
  await expect(create).toBeDisabled();
  await expect(form.getByRole('list', { name: 'Why it cannot be saved' })).toContainText('The user message must contain {{context}}');
  await form.getByLabel('User message').fill(`Text:\n{{context}}\n\n${V1_INSTRUCTION}`);
  await expect(form.getByRole('list', { name: 'Why it cannot be saved' })).toHaveCount(0);
  await create.click();

  const editor = studio.getByRole('region', { name: 'Q&A baseline' });
  await expect(editor.getByLabel('Latest version')).toContainText('v1');

  // The preview without a model: the plain-text prompt and the token budget against a typed context length.
  const preview = studio.getByRole('region', { name: 'Preview' });
  await expect(preview.getByText("No model chosen: the lab's plain-text prompt")).toBeVisible();
  await expect(preview.locator('pre')).toContainText(`### Instruction:\nText:\nA number is divisible by 3`);
  const tokenCount = preview.getByRole('status', { name: 'Token count' });
  await expect(tokenCount).toHaveText(/^Prompt ~\d+ tokens of 2048; \d+ left for the answer\.$/);
  await preview.getByLabel('Context length (tokens)').fill('1024');
  await expect(tokenCount).toHaveText(/^Prompt ~\d+ tokens of 1024; \d+ left for the answer\.$/);
  await preview.getByLabel('Max tokens').fill('4000');
  await expect(preview.getByText(/^Max tokens \(4000\) is more than the \d+ tokens the context leaves/)).toBeVisible();
  await preview.getByLabel('Max tokens').fill('256');

  // Version 2, then the diff shows the removed and the added line.
  await editor.getByLabel('User message').fill(`Text:\n{{context}}\n\n${V2_INSTRUCTION}`);
  await editor.getByLabel('Version note').fill('Five questions');
  await editor.getByRole('button', { name: 'Save version' }).click();
  await expect(studio.getByRole('status').filter({ hasText: 'Saved v2 of "Q&A baseline".' })).toBeVisible();
  await expect(versionRow(studio, 2)).toContainText('Five questions');
  await expect(versionRow(studio, 2)).toContainText('latest');
  const diff = studio.getByRole('region', { name: 'Diff' });
  await expect(diff).toContainText('From v1 to v2. Unchanged: Style, System message, Variables.');
  await expect(diff.locator('del')).toHaveText(`${V1_INSTRUCTION}\n`);
  await expect(diff.locator('ins')).toHaveText(`${V2_INSTRUCTION}\n`);
  // Any two versions, either way round.
  await studio.getByLabel('From', { exact: true }).selectOption({ label: 'v2 · Five questions' });
  await studio.getByLabel('To', { exact: true }).selectOption({ label: 'v1 · First version.' });
  await expect(diff.locator('ins')).toHaveText(`${V1_INSTRUCTION}\n`);

  // An edit that drops {{context}} cannot be saved; the context can be moved after the instruction.
  await editor.getByLabel('User message').fill(V2_INSTRUCTION);
  await expect(editor.getByRole('button', { name: 'Save version' })).toBeDisabled();
  await expect(editor.getByRole('list', { name: 'Why it cannot be saved' })).toContainText('The user message must contain {{context}}');
  await editor.getByRole('button', { name: 'Discard edits' }).click();
  await expect(editor.getByText('Context is before the instruction.')).toBeVisible();
  await editor.getByRole('button', { name: 'Move context after' }).click();
  await expect(editor.getByLabel('User message')).toHaveValue(`${V2_INSTRUCTION}\n\nText:\n{{context}}`);
  await expect(editor.getByText('Context is after the instruction.')).toBeVisible();
  await editor.getByRole('button', { name: 'Discard edits' }).click();

  // Labels move, history only grows.
  await versionRow(studio, 1).getByRole('button', { name: 'Set approved' }).click();
  await expect(versionRow(studio, 1)).toContainText('approved');
  await versionRow(studio, 1).getByRole('button', { name: 'Revert to this' }).click();
  await expect(versionRow(studio, 3)).toContainText('Revert to v1.');
  await expect(editor.getByLabel('User message')).toHaveValue(`Text:\n{{context}}\n\n${V1_INSTRUCTION}`);

  // Export, then import the file back: a copy with every version.
  const download = page.waitForEvent('download');
  await editor.getByRole('button', { name: 'Export' }).click();
  const exported = testInfo.outputPath('q-a-baseline.mind-template.json');
  await (await download).saveAs(exported);
  expect((await download).suggestedFilename()).toBe('q-a-baseline.mind-template.json');
  expect(JSON.parse(readFileSync(exported, 'utf8')).versions).toHaveLength(3);
  await studio.getByLabel('Import template').setInputFiles(exported);
  await expect(studio.getByRole('status').filter({ hasText: 'Imported "Q&A baseline (imported)" from q-a-baseline.mind-template.json (3 versions).' })).toBeVisible();
  const imported = studio.getByRole('region', { name: 'Q&A baseline (imported)' });
  await expect(imported.getByLabel('Latest version')).toContainText('v3');
  await expect(versionRow(studio, 1)).toContainText('approved');
  // A file that is not a template is refused with its name.
  await studio.getByLabel('Import template').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(studio.getByRole('alert')).toContainText('notes.json is not a MIND Lab template file');

  // A built-in is never overwritten: saving is refused, forking makes an editable copy whose v1 points at it.
  await templateButton(studio, /^Two Students built in/).click();
  const builtIn = studio.getByRole('region', { name: 'Two Students', exact: true });
  await builtIn.getByRole('button', { name: 'Save version' }).click();
  await expect(studio.getByRole('alert')).toContainText('"Two Students" is built in and never overwritten: fork it to make your own.');
  await builtIn.getByRole('button', { name: 'Fork', exact: true }).click();
  const fork = studio.getByRole('region', { name: 'Two Students (fork)' });
  await expect(fork.getByText(/^Forked from builtin:.*@v1\.$/)).toBeVisible();
  await expect(versionRow(studio, 1)).toContainText('Forked from Two Students v1.');
  await expect(templateButton(studio, /^Two Students \(fork\)/)).toBeVisible();
  // A fork compares with its origin in the other template.
  await expect(studio.getByLabel('From', { exact: true })).toHaveValue('builtin:TWO_STUDENTS@v1');
  await expect(studio.getByRole('region', { name: 'Diff' })).toContainText(/^origin builtin:\S+@v1 and v1 say the same\./);
  await fork.getByLabel('System message').fill('You write dialogues for a math textbook.');
  await fork.getByRole('button', { name: 'Save version' }).click();
  await studio.getByLabel('From', { exact: true }).selectOption('builtin:TWO_STUDENTS@v1');
  await expect(studio.getByRole('region', { name: 'Diff' }).locator('ins')).toHaveText('You write dialogues for a math textbook.\n');

  // The template goes to Generate through the shell.
  await fork.getByRole('button', { name: 'Use in Generate' }).click();
  await expect(page.getByRole('tab', { name: 'Generate' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('combobox', { name: 'Conversation style' }).locator('option:checked')).toHaveText('Two Students (fork)');

  // Everything above is stored: it survives a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Studio' }).click();
  for (const name of [/^Q&A baseline approved$/, /^Q&A baseline \(imported\) approved$/, /^Two Students \(fork\)/]) await expect(templateButton(studio, name)).toBeVisible();
});

test('the preview through a model with a chat template shows the chat messages and counts them exactly', async ({ page }) => {
  test.skip(!existsSync(CHATML_MODEL), `No ${CHATML_MODEL} (set MIND_LAB_CHATML_MODEL)`);
  await page.goto('/');
  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByRole('region', { name: /wllama/ }).getByLabel('GGUF model file').setInputFiles(CHATML_MODEL);
  await expect(page.getByRole('region', { name: 'Active model' })).toContainText('prompted through its own chat template', { timeout: 45_000 });

  await page.getByRole('tab', { name: 'Studio' }).click();
  const preview = page.getByRole('tabpanel', { name: 'Studio' }).getByRole('region', { name: 'Preview' });
  await expect(preview.getByLabel('Model', { exact: true })).toHaveValue(/stories260K-chatml\.gguf/);
  await expect(preview.getByText("Sent as chat messages through stories260K-chatml.gguf's own chat template:")).toBeVisible();
  const messages = preview.getByRole('list', { name: 'What the model receives' });
  await expect(messages.getByRole('listitem')).toHaveCount(1);
  await expect(messages).toContainText('userContext:\nA number is divisible by 3');
  await expect(messages).not.toContainText('### Instruction:');
  const tokenCount = preview.getByRole('status', { name: 'Token count' });
  await expect(tokenCount).toHaveText(/^Prompt ~\d+ tokens of \d+; \d+ left for the answer\.$/);
  await preview.getByRole('button', { name: 'Count exactly' }).click();
  await expect(tokenCount).toContainText(/Exactly \d+ tokens of message text by the model's tokenizer; the chat template adds its markers on top\./);

  // Without the model the same template goes out in the plain-text format.
  await preview.getByLabel('Model', { exact: true }).selectOption({ label: 'No model: estimate only' });
  await expect(preview.locator('pre')).toContainText('### Instruction:\nContext:\nA number is divisible by 3');
  await expect(preview.getByRole('button', { name: 'Count exactly' })).toHaveCount(0);
});

test('a save from another tab is not overwritten: the stale edit is refused with a message, then kept on top of it', async ({ page, context }) => {
  const first = await openStudio(page);
  await first.getByRole('button', { name: 'New template' }).click();
  const form = first.getByRole('region', { name: 'New template' });
  await form.getByLabel('Name', { exact: true }).fill('Shared');
  await form.getByLabel('Style label').fill('qa');
  await form.getByLabel('User message').fill(`{{context}}\n\n${V1_INSTRUCTION}`);
  await form.getByRole('button', { name: 'Create template' }).click();
  const editorInFirst = first.getByRole('region', { name: 'Shared' });
  await editorInFirst.getByLabel('Version note').fill('from the first tab');

  const second = await openStudio(await context.newPage());
  await templateButton(second, /^Shared$/).click();
  const editorInSecond = second.getByRole('region', { name: 'Shared' });
  await editorInSecond.getByLabel('User message').fill(`{{context}}\n\n${V2_INSTRUCTION}`);
  await editorInSecond.getByRole('button', { name: 'Save version' }).click();
  await expect(versionRow(second, 2)).toBeVisible();

  // The first tab sees v2 arrive live, and its edit (made on v1) is refused rather than forking the history.
  await expect(versionRow(first, 2)).toBeVisible();
  await expect(editorInFirst.getByRole('status')).toContainText('You are editing from v1; v2 was saved since');
  await editorInFirst.getByRole('button', { name: 'Save version' }).click();
  await expect(first.getByRole('alert')).toContainText('"Shared" was saved elsewhere (another tab?)');
  await editorInFirst.getByRole('button', { name: 'Keep my edits on the latest version' }).click();
  // Keyboard: Ctrl+S saves from the field being edited.
  await editorInFirst.getByLabel('Version note').press('Control+s');
  await expect(versionRow(first, 3)).toContainText('from the first tab');
  await expect(versionRow(second, 3)).toContainText('from the first tab');
});
