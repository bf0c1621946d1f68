import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { KEPT_DIALOGUES, memoryTree, selectionSchema, writeExport } from '../core/export';
import { makeItem } from '../core/export/exportFixtures';
import { DEFAULT_RUBRIC } from '../core/review/rubric';
import { MindLabDatabase } from './database';
import { databaseExportSource, loadExportFacets } from './exportSource';

let db: MindLabDatabase;
afterEach(async () => {
  db.close();
  await db.delete();
});

async function labWith(items: ReturnType<typeof makeItem>[], withAnalysis: (id: string) => boolean) {
  db = new MindLabDatabase(`export-${Math.random()}`);
  await db.dialogues.bulkAdd(items.map((item) => item.dialogue));
  await db.ratings.bulkAdd(items.flatMap((item) => item.ratings));
  await db.dialogueEdits.bulkAdd(items.flatMap((item) => (item.edit ? [item.edit] : [])));
  await db.dialogueAnalysis.bulkAdd(items.flatMap((item) => (item.analysis && withAnalysis(item.dialogue.id) ? [item.analysis] : [])));
}

describe('the database as an export source', () => {
  it('counts and reads the selected dialogues, with ratings, edits and analyses, analysed or not', async () => {
    const items = Array.from({ length: 1200 }, (_, i) => makeItem({ id: `d${String(i).padStart(4, '0')}`, ratings: i % 3 === 0 ? [['ann', 'keep']] : [['ann', 'reject']], editedTurns: i === 3 ? [{ speaker: 'A', text: 'Edited.' }] : undefined }));
    await labWith(items, (id) => id < 'd0600');
    const loaded = await loadExportFacets(db, DEFAULT_RUBRIC);
    expect(loaded.facets).toHaveLength(1200);
    expect(loaded.facets.find((f) => f.dialogueId === 'd0900')?.filterPass).toBeNull();
    const source = databaseExportSource(db, loaded, DEFAULT_RUBRIC, null);
    expect(await source.count(KEPT_DIALOGUES)).toBe(400);
    expect(await source.count(selectionSchema.parse({ verdict: 'kept', filterOutcome: 'pass' }))).toBe(200);

    const pages: number[] = [];
    for await (const page of source.pages(KEPT_DIALOGUES)) pages.push(page.length);
    expect(pages).toEqual([400]);
    const tree = memoryTree();
    await writeExport(source, { formats: ['jsonl'], selection: KEPT_DIALOGUES } as never, tree);
    const rows = new TextDecoder().decode(tree.files.get('pretraining.jsonl')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(rows).toHaveLength(400);
    expect(rows.find((row) => row.id === 'd0003')).toMatchObject({ text: 'A: Edited.', edited: true, keep_votes: 1 });
    expect(rows.find((row) => row.id === 'd0900')).toMatchObject({ filter_pass: null });
  });
});
