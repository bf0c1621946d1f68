import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { dialogueRecordSchema } from '../core/records/dialogue';
import { executeRun } from '../core/generation/executeRun';
import { planWorkItems } from '../core/generation/plan';
import { toWorkItem } from '../core/generation/memoryRunStore';
import { BUILT_IN_TEMPLATES, builtInFor, createTemplate, exportTemplate, LATEST, renderTemplate, saveVersion } from '../core/templates';
import legacy from '../core/templates/legacyPrompts.fixture.json';
import { DEFAULT_SAMPLING } from '../core/types';
import { MindLabDatabase } from './database';
import { openPreviousVersion } from './previousSchemas';
import { listDialogues } from './dialogues';
import { countItems, createRun, dexieRunStore, retryFailed } from './runs';
import { addTemplate, addVersion, getVersion, importTemplate, listTemplates, listVersions, TemplateConflict } from './templates';
import { quickRatingsFor, ratingsFor, setQuickRating } from './ratings';

let db: MindLabDatabase;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const openVersion2 = (name: string) => openPreviousVersion(name, 2);

describe('version 3 upgrade', () => {
  it('points every version-2 dialogue at the built-in version that reproduces its prompt, and keeps the rest', async () => {
    const name = `t-${Math.random()}`;
    const old = openVersion2(name);
    // Dialogues as version 2 stored them: the prompt came from the fixed style builder (captured in the fixture).
    const rows = legacy.map(({ style, excerpt, prompt }, i) => ({
      id: `d${i}`,
      createdAt: 1_700_000_000_000 + i,
      style,
      excerptText: excerpt,
      prompt,
      engine: 'wllama',
      model: 'stories260K.gguf',
      params: { temperature: 0.7, topP: 0.95, maxTokens: 96, seed: 42 + i, stop: [] },
      rawOutput: 'Teacher: Let us look at x.\nStudent: x squared is four.',
      turns: [{ speaker: 'Teacher', text: 'Let us look at x.' }, { speaker: 'Student', text: 'x squared is four.' }],
      stats: { promptTokens: 120, completionTokens: 64, timeToFirstTokenMs: 12, decodeTokensPerSecond: 700, totalMs: 110, finishReason: 'stop' },
      status: 'complete',
    }));
    await old.table('dialogues').bulkAdd(rows);
    await old.table('settings').add({ key: 'openai.baseUrl', value: 'http://localhost:8080/v1' });
    await old.table('workingSets').add({ id: 'ws', name: 'five', createdAt: 1, excerptIds: [1, 2] });
    old.close();

    db = new MindLabDatabase(name);
    const { dialogues, problems } = await listDialogues(db);
    expect(problems).toEqual([]);
    expect(dialogues).toHaveLength(legacy.length);
    for (const dialogue of dialogues) {
      const version = await getVersion(db, dialogue.templateVersionId);
      expect(version?.id).toBe(builtInFor(dialogue.style as never).version.id);
      expect(renderTemplate(version!.content, dialogue.excerptText)).toEqual(dialogue.prompt);
      expect(dialogue).toMatchObject({ modelKey: 'wllama:stories260K.gguf', seed: dialogue.params.seed, checks: { pass: true, speakers: 2 } });
    }
    expect((await db.settings.get('openai.baseUrl'))?.value).toBe('http://localhost:8080/v1');
    expect(await db.workingSets.count()).toBe(1);
    expect((await listTemplates(db)).templates.filter((t) => t.builtIn)).toHaveLength(7);
  });

  it('reports a version-2 row too broken to upgrade instead of hiding it', async () => {
    const name = `t-${Math.random()}`;
    const old = openVersion2(name);
    await old.table('dialogues').add({ id: 'odd', createdAt: 1, style: 'NOT_A_STYLE' });
    old.close();
    db = new MindLabDatabase(name);
    expect((await listDialogues(db)).problems.map((p) => p.id)).toEqual(['odd']);
  });
});

describe('template repository', () => {
  it('writes the built-ins into a new database, saves versions, and refuses a save over a moved latest', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    expect((await listTemplates(db)).templates.map((t) => t.id)).toEqual(BUILT_IN_TEMPLATES.map((t) => t.template.id));
    const created = createTemplate({ id: 'mine', name: 'Q&A baseline', content: { style: 'QA', system: '', user: 'Turn into Q&A:\n{{context}}', variables: {} }, now: 1 });
    await addTemplate(db, created);
    const v2 = saveVersion(created.template, created.version, { ...created.version.content, user: 'Questions and answers:\n{{context}}' }, 'wording', 2);
    await addVersion(db, v2);
    expect((await listVersions(db, 'mine')).map((v) => v.number)).toEqual([2, 1]);
    // A second tab still holding version 1 as latest:
    const stale = saveVersion(created.template, created.version, { ...created.version.content, user: 'Other:\n{{context}}' }, '', 3);
    await expect(addVersion(db, stale)).rejects.toBeInstanceOf(TemplateConflict);
    expect((await listVersions(db, 'mine'))).toHaveLength(2);
  });

  it('imports a template file as a copy when its id is taken', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const created = createTemplate({ id: 'mine', name: 'Rephrase', content: { style: 'REPHRASE', system: '', user: 'Rephrase:\n{{context}}', variables: {} }, now: 1 });
    await addTemplate(db, created);
    const copy = await importTemplate(db, exportTemplate(created.template, [created.version]), () => 'copy');
    expect(copy).toMatchObject({ id: 'copy', name: 'Rephrase (imported)', labels: { [LATEST]: 'copy@v1' } });
    expect((await getVersion(db, 'copy@v1'))?.hash).toBe(created.version.hash);
  });
});

describe('run store', () => {
  it('stores each item with its dialogue once, counts progress, and retries failed items', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const version = builtInFor('DEBATE').version;
    const planned = planWorkItems({ runId: 'r', excerpts: [{ text: 'a' }, { text: 'b' }], templateVersions: [version], modelKeys: ['openai:m'], presets: [{ id: 'p', label: 'p', params: DEFAULT_SAMPLING }], samplesPerExcerpt: 1 });
    const items = planned.map((p, i) => toWorkItem(p, 'r', i, 0));
    await createRun(db, {
      id: 'r', name: 'r', createdAt: 0, updatedAt: 0, status: 'running', pauseReason: null, workingSetId: null,
      templateVersionIds: [version.id], modelKeys: ['openai:m'], presets: [{ id: 'p', label: 'p', params: DEFAULT_SAMPLING }],
      samplesPerExcerpt: 1, concurrency: 2, excerptCount: 2, itemCount: 2, skipped: [],
    }, items);
    const store = dexieRunStore(db);
    const dialogue = dialogueRecordSchema.parse({
      id: `dialogue-${items[0]!.id}`, createdAt: 1, style: 'DEBATE', templateVersionId: version.id, templateHash: version.hash,
      excerptText: 'a', url: null, prompt: renderTemplate(version.content, 'a'), engine: 'openai', model: 'm', modelKey: 'openai:m',
      params: DEFAULT_SAMPLING, seed: DEFAULT_SAMPLING.seed, runId: 'r', workItemId: items[0]!.id, rawOutput: 'A: x\nB: y',
      turns: [{ speaker: 'A', text: 'x' }, { speaker: 'B', text: 'y' }],
      stats: { promptTokens: 1, completionTokens: 60, timeToFirstTokenMs: 1, decodeTokensPerSecond: 1, totalMs: 1, finishReason: 'stop' },
      checks: { pass: true, reasons: [], speakers: 2 }, status: 'complete',
    });
    expect(await store.completeItem(items[0]!, dialogue)).toBe(true);
    expect(await store.completeItem(items[0]!, { ...dialogue, id: 'another' })).toBe(false);
    await store.failItem(items[1]!, { code: 'bad-response', message: 'x', hint: 'y' }, 1);
    expect(await countItems(db, 'r')).toEqual({ pending: 0, done: 1, failed: 1 });
    expect(await db.dialogues.count()).toBe(1);
    expect(await retryFailed(db, 'r')).toBe(1);
    expect((await store.pendingItems('r')).map((i) => i.id)).toEqual([items[1]!.id]);
    // Nothing left for a run with no model loaded: the scheduler pauses and stores nothing.
    expect(await executeRun({ id: 'r', concurrency: 2 }, { store, target: () => null, version: async () => version }, new AbortController().signal)).toMatchObject({ kind: 'paused' });
    await setQuickRating(db, { dialogueId: dialogue.id, rater: 'me', thumb: 'up', note: 'clear' });
    await setQuickRating(db, { dialogueId: dialogue.id, rater: 'me', thumb: 'down', note: 'wrong sign' });
    expect((await quickRatingsFor(db, [dialogue.id])).map((r) => [r.thumb, r.note])).toEqual([['down', 'wrong sign']]);
    expect((await ratingsFor(db, [dialogue.id]))[0]).toMatchObject({ status: 'submitted', answers: { keep: 'reject', note: 'wrong sign' } });
  });
});
