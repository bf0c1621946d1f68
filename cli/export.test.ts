import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { writeReviewPack } from '../e2e/helpers/reviewPack';
import { memoryTree, writeExport } from '../src/core/export';
import { batchRequestLineSchema } from '../src/core/recipe/batchResults';
import { writeRecipe } from '../src/core/recipe/recipe';
import { sampleRecipe } from '../src/core/recipe/testing/sampleRecipe';
import { analysisRecordFor } from '../src/core/review/analysisRecord';
import { DEFAULT_FILTER_THRESHOLDS } from '../src/core/review/filters';
import { DEFAULT_RUBRIC } from '../src/core/review/rubric';
import { writeBackup } from '../src/db/backup';
import { addExcerpts } from '../src/db/corpusExcerpts';
import { MindLabDatabase } from '../src/db/database';
import { databaseExportSource, loadExportFacets } from '../src/db/exportSource';
import { sampleDialogue } from '../src/db/testing/sampleDialogue';
import { repo, runCli } from './testing/runCli';
import { addDocuments } from '../src/db/testing/storedCorpus';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jsonl = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));

describe('mind-lab export', () => {
  const pack = join(work, 'pack.jsonl');
  const { ids } = writeReviewPack(pack);

  it('writes every format from a dialogue pack, the same rows in each', async () => {
    const out = join(work, 'all');
    const { code, stderr } = await runCli(['export', pack, '--format', 'jsonl,chat,sharegpt', '--format', 'parquet', '--format', 'nemotron', '--format', 'dpo', '-o', out, '--layout', 'excerpt-then-dialogue']);
    expect(stderr).toContain(`${ids.length} dialogues exported`);
    expect(code).toBe(0);
    const pretraining = jsonl(join(out, 'pretraining.jsonl'));
    expect(pretraining.map((row) => row.id)).toEqual(ids);
    const paper = pretraining[0];
    const excerpt = JSON.parse(readFileSync(pack, 'utf8').split('\n')[1]!).dialogue.excerptText as string;
    expect(paper.text.startsWith(`${excerpt.trim()}\n\n`)).toBe(true);
    expect(paper).toMatchObject({ verdict: 'undecided', ratings_submitted: 0, edited: false, engine: 'openai' });
    expect(typeof paper.filter_pass).toBe('boolean');
    expect(jsonl(join(out, 'chat.jsonl'))[0].messages.length).toBeGreaterThan(2);
    expect(jsonl(join(out, 'sharegpt.jsonl'))[0].conversations[0].from).toBe('human');
    const parquet = await parquetReadObjects({ file: readFileSync(join(out, 'data/train-00000-of-00001.parquet')).buffer as ArrayBuffer });
    expect(parquet.map((row) => [row.id, row.text])).toEqual(pretraining.map((row) => [row.id, row.text]));
    expect(readdirSync(join(out, 'nemotron')).sort()).toEqual(['DEBATE', 'INTERVIEW', 'LAYMAN_KNOWALL', 'PROBLEM_SOLVING', 'TEACHER_STUDENT', 'TWO_PROFESSORS', 'TWO_STUDENTS']);
    // A pack has no reviews, so no pairs.
    expect(readFileSync(join(out, 'preferences.jsonl'), 'utf8')).toBe('');
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(parseYaml(card.split('---\n')[1]!)).toMatchObject({ license: 'odc-by', size_categories: ['n<1K'] });
  }, 60_000);

  it('selects by style and filter outcome', async () => {
    const out = join(work, 'debate');
    const { code } = await runCli(['export', pack, '--format', 'jsonl', '--style', 'DEBATE', '--filter', 'pass', '-o', out]);
    expect(code).toBe(0);
    const rows = jsonl(join(out, 'pretraining.jsonl'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.style === 'DEBATE' && row.filter_pass === true)).toBe(true);
  }, 60_000);

  it('refuses a bad line with FILE:LINE and leaves no folder', async () => {
    const bad = join(work, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(pack, 'utf8')}{"dialogue": 1}\n`);
    const out = join(work, 'bad-out');
    const { code, stderr } = await runCli(['export', bad, '--format', 'jsonl', '-o', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.jsonl:\d+: not a dialogue/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('refuses an unknown format as a usage error', async () => {
    const { code, stderr } = await runCli(['export', pack, '--format', 'csv', '-o', join(work, 'x')]);
    expect(code).toBe(2);
    expect(stderr).toContain('formats.0: Invalid option');
  }, 60_000);
});

/**
 * A lab as the app keeps it: six dialogues of one excerpt, ratings (two keeps, a reject, a draft), an edit, stored
 * analyses for all but d2, a pairwise choice, saved thresholds looser than the defaults, and d0's excerpt and document.
 */
async function reviewedLab(): Promise<MindLabDatabase> {
  const db = new MindLabDatabase(`export-cli-${Math.random()}`);
  await db.open();
  const [documentId] = await addDocuments(db, 'src', [{ url: 'https://a.example', date: null, text: 'Let $x = 2$. Then $x^2 = 4$.', metadata: null, contentHash: 'doc-hash-0' }]);
  const [excerptId] = await addExcerpts(db, { chunkSetId: 'cs', sourceId: 'src', firstOrdinal: 0 }, [{ documentId: documentId!, index: 0, start: 0, end: 27, tokens: 12, mathSpans: 2, oversized: false }]);
  const dialogues = Array.from({ length: 6 }, (_, i) => ({ ...sampleDialogue(`d${i}`, 1_700_000_000_000 + i), ...(i === 0 ? { excerptId: String(excerptId) } : {}) }));
  await db.dialogues.bulkAdd(dialogues);
  const rating = (dialogueId: string, rater: string, keep: string, status: 'submitted' | 'draft' = 'submitted') => ({ id: `${dialogueId}-${rater}`, dialogueId, rater, rubricId: DEFAULT_RUBRIC.id, status, answers: { keep }, createdAt: 1, updatedAt: 1 });
  await db.ratings.bulkAdd([rating('d0', 'ann', 'keep'), rating('d0', 'ben', 'keep'), rating('d1', 'ann', 'reject'), rating('d2', 'ann', 'keep', 'draft')]);
  const edited = [{ speaker: 'Teacher', text: 'What is $x^2$ when $x = 2$?' }, { speaker: 'Student', text: 'It is 4.' }];
  await db.dialogueEdits.add({ dialogueId: 'd0', turns: edited, history: [{ turns: dialogues[0]!.turns, label: 'model', rater: 'ann', at: 1 }, { turns: edited, label: 'edit', rater: 'ann', at: 2 }], cursor: 1, updatedAt: 2 });
  const thresholds = { ...DEFAULT_FILTER_THRESHOLDS, minTokens: 1, minTurns: 1, requireEnding: false };
  await db.dialogueAnalysis.bulkAdd(dialogues.filter((d) => d.id !== 'd2').map((d) => analysisRecordFor(d, null, thresholds, 5)));
  await db.preferences.add({ id: 'ann|d0|d3', excerptKey: 'e', first: 'd0', second: 'd3', choice: 'first', shownLeft: 'd3', rater: 'ann', createdAt: 3 });
  await db.settings.bulkPut([{ key: 'review.filterThresholds', value: thresholds }, { key: 'hub.connection', value: { token: 'secret' } }]);
  return db;
}

describe('mind-lab export from a lab backup', () => {
  const backup = join(work, 'lab-backup.jsonl');
  let db: MindLabDatabase;
  const written = (async () => {
    db = await reviewedLab();
    let text = '';
    for await (const chunk of writeBackup(db, { now: 42 })) text += chunk;
    writeFileSync(backup, text);
    return text;
  })();
  afterAll(async () => {
    db?.close();
    if (db) await Dexie.delete(db.name);
  });

  it('writes the rows the app writes from the same lab, ratings, edit and document included; Parquet reads back the same', async () => {
    await written;
    const out = join(work, 'from-backup');
    const { code, stderr } = await runCli(['export', backup, '--format', 'jsonl', '--format', 'parquet', '-o', out]);
    expect(stderr).toContain('6 dialogues exported');
    expect(code).toBe(0);
    const rows = jsonl(join(out, 'pretraining.jsonl'));
    expect(rows.map((row) => row.id)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    expect(rows[0]).toMatchObject({ edited: true, verdict: 'kept', keep_votes: 2, document_id: expect.any(String), document_hash: 'doc-hash-0', text: 'Teacher: What is $x^2$ when $x = 2$?\n\nStudent: It is 4.' });
    expect(rows[1]).toMatchObject({ verdict: 'rejected', reject_votes: 1 });
    // d2 had no analysis: its filters ran with the backup's saved thresholds (the defaults would fail it as too short).
    expect(rows[2]).toMatchObject({ verdict: 'undecided', ratings_submitted: 0, filter_pass: true });

    const app = memoryTree();
    await writeExport(databaseExportSource(db, await loadExportFacets(db, DEFAULT_RUBRIC), DEFAULT_RUBRIC, DEFAULT_FILTER_THRESHOLDS), { formats: ['jsonl'], selection: { verdict: 'any' }, card: false } as never, app);
    const appRows = new TextDecoder().decode(app.files.get('pretraining.jsonl')).trimEnd().split('\n').map((line) => JSON.parse(line));
    // The app leaves a dialogue without analysis unfiltered until the review desk runs; otherwise the rows are the same.
    expect(appRows[2]).toMatchObject({ filter_pass: null });
    const withoutFilters = ({ filter_pass: _pass, filter_reasons: _reasons, ...row }: Record<string, unknown>) => row;
    expect(rows.map(withoutFilters)).toEqual(appRows.map(withoutFilters));
    expect(rows.filter((_, i) => i !== 2)).toEqual(appRows.filter((_, i) => i !== 2));

    const parquet = await parquetReadObjects({ file: readFileSync(join(out, 'data/train-00000-of-00001.parquet')).buffer as ArrayBuffer });
    expect(parquet.map((row) => [row.id, row.text, row.verdict, row.edited])).toEqual(rows.map((row) => [row.id, row.text, row.verdict, row.edited]));
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(card).toContain('| minTokens | 1 |');
    expect(card).not.toContain('secret');
  }, 60_000);

  it('selects by verdict and writes the pairwise and rating pairs for dpo', async () => {
    await written;
    const out = join(work, 'kept');
    const { code } = await runCli(['export', backup, '--format', 'jsonl,dpo', '--select', 'kept', '-o', out]);
    expect(code).toBe(0);
    expect(jsonl(join(out, 'pretraining.jsonl')).map((row) => row.id)).toEqual(['d0']);
    const pairs = jsonl(join(out, 'preferences.jsonl')).map((pair) => [pair.source, pair.chosen_id, pair.rejected_id]);
    expect(pairs).toContainEqual(['pairwise', 'd0', 'd3']);
    expect(pairs).toContainEqual(['ratings', 'd0', 'd1']);
  }, 60_000);

  it('refuses a truncated or damaged backup with FILE:LINE and writes nothing', async () => {
    const text = await written;
    const lines = text.trimEnd().split('\n');
    const cut = join(work, 'cut-backup.jsonl');
    writeFileSync(cut, `${lines.slice(0, 5).join('\n')}\n`);
    const out = join(work, 'cut-out');
    const refused = await runCli(['export', cut, '--format', 'jsonl', '-o', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cut-backup\.jsonl:5: the file ends without its end line: it was cut short/);
    expect(existsSync(out)).toBe(false);

    const damaged = join(work, 'damaged-backup.jsonl');
    writeFileSync(damaged, text.replace('"rater":"ben"', '"rater":"bob"'));
    const checksum = await runCli(['export', damaged, '--format', 'jsonl', '-o', out]);
    expect(checksum.code).toBe(1);
    expect(checksum.stderr).toMatch(new RegExp(`damaged-backup\\.jsonl:${lines.length}: the checksum does not match`));
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('mind-lab export from a batch output file', () => {
  it('joins the answers with the requests mind-lab batch wrote and exports chat rows with the recipe provenance', async () => {
    const recipe = sampleRecipe({ chunking: { targetTokens: 300, minTokens: 80, maxTokens: 600, shortChunks: 'merge' } });
    const recipeFile = join(work, 'recipe.json');
    writeFileSync(recipeFile, writeRecipe(recipe));
    const batchDir = join(work, 'batch');
    expect((await runCli(['batch', '--recipe', recipeFile, join(repo, '../shared/data/owm_sample.jsonl'), '-o', batchDir])).code).toBe(0);
    const requests = readFileSync(join(batchDir, 'requests-00000.jsonl'), 'utf8').trimEnd().split('\n').map((line) => batchRequestLineSchema.parse(JSON.parse(line)));
    const answers = readFileSync(join(repo, '../shared/data/mind_dialogues/mind_paper_dialogues.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).dialogue as string);
    // Answered as vllm run-batch writes them, out of order, the last request failed.
    const outputs = requests.map((request, i) => JSON.stringify(i === requests.length - 1
      ? { id: `batch_req_${i}`, custom_id: request.custom_id, response: { status_code: 500, request_id: `r${i}`, body: { error: { message: 'engine died' } } }, error: null }
      : { id: `batch_req_${i}`, custom_id: request.custom_id, response: { status_code: 200, request_id: `r${i}`, body: { id: `c${i}`, object: 'chat.completion', created: 1_700_000_000, model: request.body.model, choices: [{ index: 0, message: { role: 'assistant', content: answers[i % answers.length] }, finish_reason: 'stop' }], usage: { prompt_tokens: 100, completion_tokens: 300 } } }, error: null }));
    const outputFile = join(work, 'output.jsonl');
    writeFileSync(outputFile, `${outputs.reverse().join('\n')}\n`);

    const out = join(work, 'from-batch');
    const { code, stderr } = await runCli(['export', outputFile, '--requests', join(batchDir, 'requests-00000.jsonl'), '--sources', join(batchDir, 'sources-00000.jsonl'), '--recipe', recipeFile, '--format', 'chat', '-o', out]);
    expect(stderr).toMatch(/output\.jsonl:1: .* failed: HTTP 500: engine died/);
    expect(stderr).toContain(`${requests.length - 1} dialogues exported`);
    expect(code).toBe(0);
    const rows = jsonl(join(out, 'chat.jsonl'));
    expect(rows.map((row) => row.id).sort()).toEqual(requests.slice(0, -1).map((request) => `dialogue-${request.custom_id}`).sort());
    expect(rows.every((row) => row.messages.length > 2 && row.engine === 'openai' && row.verdict === 'undecided' && typeof row.filter_pass === 'boolean')).toBe(true);
    expect(new Set(rows.map((row) => row.template_hash))).toEqual(new Set(recipe.styles.map((style) => style.templateHash)));
    expect(rows.some((row) => typeof row.source_url === 'string')).toBe(true);

    // Without ratings, nothing is kept.
    const kept = await runCli(['export', outputFile, '--requests', join(batchDir, 'requests-00000.jsonl'), '--recipe', recipeFile, '--format', 'chat', '--select', 'kept', '-o', join(work, 'batch-kept')]);
    expect(kept.code).toBe(0);
    expect(readFileSync(join(work, 'batch-kept', 'chat.jsonl'), 'utf8')).toBe('');

    const missing = await runCli(['export', outputFile, '--format', 'chat', '-o', join(work, 'no-requests')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('give the request files it answers with --requests');
  }, 120_000);
});
