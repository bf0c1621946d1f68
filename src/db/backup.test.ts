import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { BackupLineWriter, BackupRefused, splitLines } from '../core/backup';
import { analysisRecordFor } from '../core/review/analysisRecord';
import { DEFAULT_FILTER_THRESHOLDS } from '../core/review/filters';
import { DEFAULT_RUBRIC } from '../core/review/rubric';
import { writeBackup, restoreBackup } from './backup';
import { backedUpTables, DERIVED_TABLES } from './backupTables';
import { MindLabDatabase } from './database';
import { sampleDialogue } from './testing/sampleDialogue';
import { addExcerpts, getExcerpts, setExcerptTags } from './corpusExcerpts';
import { scratchLabs } from './testing/scratchLabs';
import { addDocuments } from './testing/storedCorpus';
import { getDocument } from './corpusDocuments';

const lab = scratchLabs();

async function newLab(): Promise<MindLabDatabase> {
  const db = lab();
  await db.open();
  return db;
}

/** A lab with every table filled: dialogues with ratings, edits and analyses, a corpus, a run, settings, secrets. */
async function fillLab(db: MindLabDatabase, dialogues: number, prefix = 'd'): Promise<void> {
  const ids = Array.from({ length: dialogues }, (_, i) => `${prefix}${i}`);
  const rows = ids.map((id, i) => ({ ...sampleDialogue(id, 1_700_000_000_000 + i), rawOutput: `Teacher: hi ${i} ünïcødé 𝑥²\nStudent: hello`, runId: i % 3 === 0 ? 'run1' : undefined }));
  await db.dialogues.bulkAdd(rows);
  await db.ratings.bulkAdd(ids.map((dialogueId, i) => ({ id: `r-${dialogueId}`, dialogueId, rater: i % 2 ? 'ana' : 'ben', rubricId: DEFAULT_RUBRIC.id, status: 'submitted' as const, answers: { keep: i % 5 ? 'keep' : 'reject', note: `note ${i}` }, createdAt: i, updatedAt: i + 1 })));
  await db.dialogueEdits.bulkAdd(ids.filter((_, i) => i % 4 === 0).map((dialogueId) => ({ dialogueId, turns: [{ speaker: 'Teacher', text: 'edited' }], history: [{ turns: [{ speaker: 'Teacher', text: 'hi' }], label: 'model', rater: 'ana', at: 1 }, { turns: [{ speaker: 'Teacher', text: 'edited' }], label: 'edit', rater: 'ana', at: 2 }], cursor: 1, updatedAt: 2 })));
  await db.dialogueAnalysis.bulkAdd(rows.filter((_, i) => i % 7 === 0).map((d) => analysisRecordFor(d, null, DEFAULT_FILTER_THRESHOLDS)));
  await db.preferences.add({ id: `ana|${ids[0]}|${ids[1]}`, excerptKey: 'e', first: ids[0]!, second: ids[1]!, choice: 'first', shownLeft: ids[1]!, rater: 'ana', createdAt: 3 });
  await db.rubrics.put(DEFAULT_RUBRIC);
  await db.sources.add({ id: `${prefix}src`, name: 'owm.jsonl', kind: 'file', format: 'jsonl', status: 'complete', createdAt: 1, completedAt: 2, bytes: 10, documentCount: 2, duplicateCount: 0, rejectedCount: 1, rejected: [{ file: 'owm.jsonl', line: 3, reason: 'not JSON' }], attribution: null });
  const documentIds = await addDocuments(db, `${prefix}src`, [
    { url: 'https://a.example', date: null, text: 'Let $x=2$.', metadata: { lang: 'en' }, contentHash: `${prefix}h0` },
    { url: null, date: '2020', text: 'Then $x^2=4$.', metadata: null, contentHash: `${prefix}h1` },
  ]);
  await db.chunkSets.add({ id: `${prefix}cs`, sourceId: `${prefix}src`, createdAt: 1, options: { targetTokens: 500, minTokens: 50, maxTokens: 800, shortChunks: 'merge' }, status: 'complete', excerptCount: 2 });
  // As imports store them: offsets into the document, no text of their own.
  const excerptIds = await addExcerpts(db, { chunkSetId: `${prefix}cs`, sourceId: `${prefix}src`, firstOrdinal: 0 }, documentIds.map((documentId) => ({ documentId, index: 0, start: 0, end: 5, tokens: 5, mathSpans: 1, oversized: false })));
  for (const id of excerptIds) await setExcerptTags(db, id, ['math']);
  await db.workingSets.add({ id: `${prefix}ws`, name: 'sample', createdAt: 1, excerptIds, sample: { seed: 1, size: 2, drawnFrom: 2 } });
  await db.runs.add({ id: 'run1', name: 'run', createdAt: 1, updatedAt: 2, status: 'done', pauseReason: null, workingSetId: null, templateVersionIds: ['builtin:TEACHER_STUDENT@v1'], modelKeys: ['wllama:stories260K.gguf'], presets: [{ id: 'p', label: 'p', params: sampleDialogue('x', 0).params }], samplesPerExcerpt: 1, concurrency: 1, excerptCount: 1, itemCount: 1, skipped: [] });
  await db.workItems.add({ id: 'w1', runId: 'run1', ordinal: 0, state: 'done', excerptKey: 'e', excerptId: null, excerptText: 'Let $x=2$.', url: null, templateVersionId: 'builtin:TEACHER_STUDENT@v1', templateHash: 'h', modelKey: 'wllama:stories260K.gguf', presetId: 'p', params: sampleDialogue('x', 0).params, sampleIndex: 0, attempts: 1, error: null, dialogueId: ids[0] ?? null, completionTokens: 5, totalMs: 9, updatedAt: 3 });
  await db.settings.bulkPut([{ key: 'review.filterThresholds', value: DEFAULT_FILTER_THRESHOLDS }, { key: 'generate.workspace', value: { nested: [1, 'two', null] } }]);
  await db.searchSegments.add({ id: `${prefix}cs#0`, chunkSetId: `${prefix}cs`, sourceId: `${prefix}src`, block: 0, documents: 2, parts: 1, bytes: 3, format: 1, createdAt: 1 });
  await db.searchIndexParts.add({ segmentId: `${prefix}cs#0`, part: 0, data: new Uint8Array([1, 2, 3]).buffer });
}

async function dump(db: MindLabDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

async function backupText(db: MindLabDatabase): Promise<string> {
  let text = '';
  for await (const chunk of writeBackup(db, { now: 42 })) text += chunk;
  return text;
}

const restore = (db: MindLabDatabase, text: string, mode: 'replace' | 'merge') => restoreBackup(db, splitLines([text]), { mode });

describe('backup tables', () => {
  it('cover every table of the database: backed up, or derived and rebuilt', async () => {
    const db = await newLab();
    expect([...backedUpTables(db.verno)!, ...DERIVED_TABLES.filter((t) => t !== 'searchIndexes')].sort()).toEqual(db.tables.map((t) => t.name).sort());
  });
});

describe('backup and restore', () => {
  it('round-trip a lab of 10,000 dialogues with ratings and edits: every table equal, search index left to rebuild', { timeout: 120_000 }, async () => {
    const source = await newLab();
    await fillLab(source, 10_000);
    let largestChunk = 0;
    let text = '';
    for await (const chunk of writeBackup(source, { now: 42 })) {
      largestChunk = Math.max(largestChunk, chunk.split('\n').length - 1);
      text += chunk;
    }
    // Pages, not the whole lab, pass through memory at once.
    expect(largestChunk).toBeLessThanOrEqual(500);
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { tables: Record<string, number>; schemaVersion: number };
    expect(header.schemaVersion).toBe(7);
    expect(header.tables.dialogues).toBe(10_000);
    expect(header.tables.ratings).toBe(10_000);
    expect(header.tables.dialogueEdits).toBe(2_500);

    const target = await newLab();
    const report = await restore(target, text, 'replace');
    expect(report.tables.dialogues).toEqual({ inFile: 10_000, added: 10_000, skipped: 0 });
    const before = await dump(source);
    const after = await dump(target);
    for (const table of backedUpTables(7)!) expect(after[table], table).toEqual(before[table]);
    expect(after.searchSegments).toEqual([]);
    expect(after.searchIndexParts).toEqual([]);
  });

  it('leave this device’s secrets out of a backup, and keep them through a replace', async () => {
    const source = await newLab();
    await source.settings.bulkPut([{ key: 'openai.connection', value: { baseUrl: 'http://localhost:8080/v1', apiKey: 'sk-secret' } }, { key: 'hub.connection', value: { token: 'hf_secret' } }, { key: 'corpus.view', value: 'x' }]);
    const text = await backupText(source);
    expect(text).not.toContain('secret');
    const target = await newLab();
    await target.settings.put({ key: 'hub.connection', value: { token: 'hf_mine' } });
    await restore(target, text, 'replace');
    expect(await target.settings.toArray()).toEqual([{ key: 'corpus.view', value: 'x' }, { key: 'hub.connection', value: { token: 'hf_mine' } }]);
  });

  it('merge keeps every row the lab has, adds the others, and counts what it skipped', async () => {
    const source = await newLab();
    await fillLab(source, 30);
    const text = await backupText(source);
    const target = await newLab();
    await fillLab(target, 10, 'x');
    await target.dialogues.put({ ...sampleDialogue('d3', 5), rawOutput: 'mine' });
    const before = await dump(target);

    const report = await restore(target, text, 'merge');
    expect(report.tables.dialogues).toEqual({ inFile: 30, added: 29, skipped: 1 });
    expect(report.tables.ratings).toEqual({ inFile: 30, added: 30, skipped: 0 });
    // Same auto-increment keys and same built-in templates: kept as they are here.
    expect(report.tables.documentBlocks).toEqual({ inFile: 1, added: 0, skipped: 1 });
    expect(report.tables.templates!.skipped).toBe(report.tables.templates!.inFile);
    expect((await target.dialogues.get('d3'))!.rawOutput).toBe('mine');
    const after = await dump(target);
    for (const table of backedUpTables(7)!) expect(after[table]).toEqual(expect.arrayContaining(before[table]!));
    expect(await target.dialogues.count()).toBe(10 + 1 + 29);
  });

  it('replace makes the lab exactly the backup', async () => {
    const source = await newLab();
    await fillLab(source, 20);
    const text = await backupText(source);
    const target = await newLab();
    await fillLab(target, 5, 'x');
    const report = await restore(target, text, 'replace');
    expect(report.tables.dialogues).toEqual({ inFile: 20, added: 20, skipped: 0 });
    const [before, after] = [await dump(source), await dump(target)];
    for (const table of backedUpTables(7)!) expect(after[table], table).toEqual(before[table]);
  });

  it('refuse a cut, damaged or foreign file, or rows with a clashing key, and change nothing', async () => {
    const source = await newLab();
    await fillLab(source, 12);
    const text = await backupText(source);
    const target = await newLab();
    await fillLab(target, 3, 'x');
    const before = await dump(target);
    const lines = text.trimEnd().split('\n');
    const badDialogue = lines.findIndex((l) => l.startsWith('{"table":"dialogues"'));
    const cases: [string, RegExp][] = [
      [lines.slice(0, -1).join('\n'), /ends without its end line: it was cut short/],
      [text.slice(0, text.length / 2), /^Line \d+: /],
      [text.replace('"rater":"ana"', '"rater":"anna"'), /checksum does not match/],
      [lines.map((l, i) => (i === badDialogue ? l.replace('"engine":"wllama"', '"engine":"gpt"') : l)).join('\n'), new RegExp(`^Line ${badDialogue + 1}: a row of dialogues is invalid \\(engine: `)],
      ['{"url":"https://x","text":"an OpenWebMath record"}\n', /^Line 1: this is not a MIND Lab backup/],
      ['', /The file is empty/],
    ];
    for (const [bad, message] of cases) {
      for (const mode of ['replace', 'merge'] as const) {
        const error = await restore(target, bad, mode).then(() => null, (e: unknown) => e);
        expect(error, message.source).toBeInstanceOf(BackupRefused);
        expect((error as Error).message).toMatch(message);
      }
    }
    const writer = BackupLineWriter.create({ schemaVersion: 7, createdAt: 1, tables: { dialogues: 2 } });
    const twice = writer.headerLine() + writer.rowLine('dialogues', sampleDialogue('same', 1)) + writer.rowLine('dialogues', sampleDialogue('same', 2)) + writer.endLine();
    await expect(restore(target, twice, 'replace')).rejects.toThrow('The backup holds two rows of dialogues with the key "same".');
    expect(await dump(target)).toEqual(before);
  });

  it('restore a version-4 backup through the migrations: thumbs become rubric answers', async () => {
    const writer = BackupLineWriter.create({ schemaVersion: 4, createdAt: 7, tables: { dialogues: 1, ratings: 2, settings: 1 } });
    const dialogue = sampleDialogue('old1', 1);
    const text =
      writer.headerLine() +
      writer.rowLine('dialogues', dialogue) +
      writer.rowLine('ratings', { id: 'r1', dialogueId: 'old1', rater: 'ana', thumb: 'up', note: 'clear', createdAt: 1, updatedAt: 2 }) +
      writer.rowLine('ratings', { id: 'r2', dialogueId: 'old1', rater: 'ben', thumb: null, note: 'look again', createdAt: 3, updatedAt: 4 }) +
      writer.rowLine('settings', { key: 'corpus.view', value: 'grid' }) +
      writer.endLine();
    const target = await newLab();
    const report = await restore(target, text, 'replace');
    expect(report).toMatchObject({ schemaVersion: 4, migrated: true, createdAt: 7 });
    expect(await target.dialogues.toArray()).toEqual([dialogue]);
    expect(await target.ratings.toArray()).toEqual([
      { id: 'r1', dialogueId: 'old1', rater: 'ana', rubricId: DEFAULT_RUBRIC.id, status: 'submitted', answers: { keep: 'keep', note: 'clear' }, createdAt: 1, updatedAt: 2 },
      { id: 'r2', dialogueId: 'old1', rater: 'ben', rubricId: DEFAULT_RUBRIC.id, status: 'draft', answers: { note: 'look again' }, createdAt: 3, updatedAt: 4 },
    ]);
    expect(await target.settings.toArray()).toEqual([{ key: 'corpus.view', value: 'grid' }]);
    // The scratch database the migration ran in is gone.
    expect((await Dexie.getDatabaseNames()).filter((name) => name.includes('-restore-'))).toEqual([]);
  });

  it('restore a version-3 and a version-2 backup through every later migration', async () => {
    const { templateVersionId: _v, templateHash: _h, modelKey: _k, seed: _s, checks: _c, ...v2Dialogue } = sampleDialogue('v2', 1);
    const v2 = BackupLineWriter.create({ schemaVersion: 2, createdAt: 1, tables: { dialogues: 1 } });
    const v2Text = v2.headerLine() + v2.rowLine('dialogues', v2Dialogue) + v2.endLine();
    const target = await newLab();
    await restore(target, v2Text, 'replace');
    const [restored] = await target.dialogues.toArray();
    // Version 3 pointed it at the built-in template its prompt came from, and wrote the built-in templates.
    expect(restored).toMatchObject({ id: 'v2', templateVersionId: 'builtin:TEACHER_STUDENT@v1', modelKey: 'wllama:stories260K.gguf', seed: 1 });
    expect(await target.templateVersions.get('builtin:TEACHER_STUDENT@v1')).toBeDefined();

    const v3 = BackupLineWriter.create({ schemaVersion: 3, createdAt: 1, tables: { dialogues: 1, ratings: 1 } });
    const v3Text = v3.headerLine() + v3.rowLine('dialogues', sampleDialogue('v3', 1)) + v3.rowLine('ratings', { id: 'r', dialogueId: 'v3', rater: 'cy', thumb: 'down', note: '', createdAt: 1, updatedAt: 1 }) + v3.endLine();
    const report = await restore(target, v3Text, 'merge');
    expect(report.tables.dialogues).toEqual({ inFile: 1, added: 1, skipped: 0 });
    expect(await target.ratings.get('r')).toMatchObject({ status: 'submitted', answers: { keep: 'reject' } });
  });

  it('restore a version-5 backup: its excerpt rows become blocks, each keeping its id, tags and document', async () => {
    const tables = { sources: 1, documents: 1, chunkSets: 1, excerpts: 2, workingSets: 1, dialogues: 1 };
    const writer = BackupLineWriter.create({ schemaVersion: 5, createdAt: 1, tables });
    const excerpt = (id: number, ordinal: number, start: number, end: number, tags: string[]) => ({ id, chunkSetId: 'cs', sourceId: 'src', documentId: 7, ordinal, index: ordinal, start, end, tokens: 3, mathSpans: 0, oversized: false, tags });
    const text = writer.headerLine()
      + writer.rowLine('sources', { id: 'src', name: 'owm.jsonl', kind: 'file', format: 'jsonl', status: 'complete', createdAt: 1, completedAt: 2, bytes: 10, documentCount: 1, duplicateCount: 0, rejectedCount: 0, rejected: [], attribution: null })
      + writer.rowLine('documents', { id: 7, sourceId: 'src', ordinal: 0, url: 'https://a.example', date: null, text: 'Prime numbers. Twin primes.', metadata: null, contentHash: 'h7' })
      + writer.rowLine('chunkSets', { id: 'cs', sourceId: 'src', createdAt: 1, options: { targetTokens: 500, minTokens: 50, maxTokens: 800, shortChunks: 'merge' }, status: 'complete', excerptCount: 2 })
      + writer.rowLine('excerpts', excerpt(41, 0, 0, 14, ['nt']))
      + writer.rowLine('excerpts', excerpt(58, 1, 15, 27, []))
      + writer.rowLine('workingSets', { id: 'ws', name: 'two', createdAt: 1, excerptIds: [58, 41], sample: null })
      + writer.rowLine('dialogues', { ...sampleDialogue('d', 1), excerptId: '58' })
      + writer.endLine();
    const target = await newLab();
    await restore(target, text, 'replace');
    expect((await getExcerpts(target, [58, 41])).map((e) => [e?.text, e?.tags, e?.ordinal])).toEqual([['Twin primes.', [], 1], ['Prime numbers.', ['nt'], 0]]);
    // Ids 41 and 58 are not consecutive: a block each.
    expect(await target.excerptBlocks.count()).toBe(2);
    expect((await getDocument(target, 7))?.contentHash).toBe('h7');
    // New excerpts get ids past every id the backup used.
    const [next] = await addExcerpts(target, { chunkSetId: 'cs2', sourceId: 'src', firstOrdinal: 0 }, [{ documentId: 7, index: 0, start: 0, end: 5, tokens: 1, mathSpans: 0, oversized: false }]);
    expect(next).toBe(59);
  });

  it('refuse an older backup whose rows are still invalid after the migrations, changing nothing', async () => {
    const writer = BackupLineWriter.create({ schemaVersion: 4, createdAt: 1, tables: { dialogues: 1 } });
    const text = writer.headerLine() + writer.rowLine('dialogues', { ...sampleDialogue('bad', 1), engine: 'gpt' }) + writer.endLine();
    const target = await newLab();
    await fillLab(target, 2);
    const before = await dump(target);
    await expect(restore(target, text, 'replace')).rejects.toThrow('After migrating the version-4 backup to version 7, row "bad" of dialogues is invalid (engine: ');
    expect(await dump(target)).toEqual(before);
  });

  it('copy a row the lab already could not read, marked, and restore it as it was', async () => {
    const source = await newLab();
    await source.dialogues.bulkAdd([sampleDialogue('ok', 1), { ...sampleDialogue('broken', 2), turns: 'not turns' } as never]);
    const text = await backupText(source);
    expect(text).toContain('"unreadable":"turns: ');
    const target = await newLab();
    const report = await restore(target, text, 'replace');
    expect(report.unreadable).toBe(1);
    expect(await target.dialogues.toArray()).toEqual(await source.dialogues.toArray());
  });
});
