import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MindLabDatabase } from './database';
import { listDialogues, saveDialogue } from './dialogues';
import type { DialogueRecord } from '../core/records/dialogue';
import { sampleDialogue as sample } from './testing/sampleDialogue';


let db: MindLabDatabase;
afterEach(async () => { await db.delete(); });

describe('dialogue repository', () => {
  it('stores and lists newest first', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await saveDialogue(db, sample('a', 1));
    await saveDialogue(db, sample('b', 2));
    const { dialogues, problems } = await listDialogues(db);
    expect(dialogues.map((d) => d.id)).toEqual(['b', 'a']);
    expect(problems).toEqual([]);
  });

  it('refuses an invalid record and stores nothing', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await expect(saveDialogue(db, { ...sample('c', 1), excerptText: '' })).rejects.toThrow();
    expect(await db.dialogues.count()).toBe(0);
  });

  it('reports a corrupted stored record instead of returning it', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await saveDialogue(db, sample('a', 1));
    await db.dialogues.put({ ...sample('bad', 2), stats: { broken: true } } as unknown as DialogueRecord);
    const { dialogues, problems } = await listDialogues(db);
    expect(dialogues.map((d) => d.id)).toEqual(['a']);
    expect(problems.map((p) => p.id)).toEqual(['bad']);
  });
});
