import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../core/review/rubric';
import { MindLabDatabase } from './database';
import { allRatings, quickRatingsFor, RatingRefused, saveRating, setQuickRating } from './ratings';
import { openPreviousVersion } from './previousSchemas';

let db: MindLabDatabase;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('version 5: the review desk', () => {
  it('turns version-4 thumbs and notes into rubric answers with a status, and keeps everything else', async () => {
    const name = `t-${Math.random()}`;
    const old = openPreviousVersion(name, 4);
    await old.table('dialogues').add({ id: 'd1', createdAt: 1, style: 'DEBATE', status: 'complete', templateVersionId: 'builtin:DEBATE@v1' });
    await old.table('ratings').bulkAdd([
      { id: 'r1', dialogueId: 'd1', rater: 'ana', thumb: 'up', note: 'clear', createdAt: 1, updatedAt: 2 },
      { id: 'r2', dialogueId: 'd1', rater: 'ben', thumb: 'down', note: '', createdAt: 3, updatedAt: 4 },
      { id: 'r3', dialogueId: 'd1', rater: 'cy', thumb: null, note: 'look again', createdAt: 5, updatedAt: 6 },
    ]);
    old.close();

    db = new MindLabDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    const ratings = await allRatings(db);
    expect(ratings.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'r1', dialogueId: 'd1', rater: 'ana', rubricId: DEFAULT_RUBRIC.id, status: 'submitted', answers: { keep: 'keep', note: 'clear' }, createdAt: 1, updatedAt: 2 },
      { id: 'r2', dialogueId: 'd1', rater: 'ben', rubricId: DEFAULT_RUBRIC.id, status: 'submitted', answers: { keep: 'reject' }, createdAt: 3, updatedAt: 4 },
      { id: 'r3', dialogueId: 'd1', rater: 'cy', rubricId: DEFAULT_RUBRIC.id, status: 'draft', answers: { note: 'look again' }, createdAt: 5, updatedAt: 6 },
    ]);
    expect((await quickRatingsFor(db, ['d1'])).map((r) => [r.rater, r.thumb, r.note])).toEqual([
      ['ana', 'up', 'clear'],
      ['ben', 'down', ''],
      ['cy', null, 'look again'],
    ]);
    expect(await db.dialogues.get('d1')).toMatchObject({ style: 'DEBATE' });
    expect(await db.rubrics.count()).toBe(0);
  });

  it('refuses answers outside the rubric and a submission without the required keep/reject', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const base = { dialogueId: 'd', rater: 'ana', rubric: DEFAULT_RUBRIC };
    await expect(saveRating(db, { ...base, status: 'draft', answers: { faithfulness: 7 } })).rejects.toThrow('not a whole number from 1 to 5');
    await expect(saveRating(db, { ...base, status: 'draft', answers: { mood: 'happy' } })).rejects.toThrow(RatingRefused);
    await expect(saveRating(db, { ...base, status: 'submitted', answers: { faithfulness: 4 } })).rejects.toThrow('Keep or reject needs an answer');
    expect(await db.ratings.count()).toBe(0);
    const draft = await saveRating(db, { ...base, status: 'draft', answers: { faithfulness: 4 } }, 10);
    const submitted = await saveRating(db, { ...base, status: 'submitted', answers: { faithfulness: 4, keep: 'keep' } }, 20);
    expect(submitted).toMatchObject({ id: draft.id, createdAt: 10, updatedAt: 20, status: 'submitted' });
    // The grid's thumb changes the keep answer and keeps the rest.
    await setQuickRating(db, { dialogueId: 'd', rater: 'ana', thumb: 'down', note: 'sign error' });
    expect((await allRatings(db))[0]!.answers).toEqual({ faithfulness: 4, keep: 'reject', note: 'sign error' });
  });
});
