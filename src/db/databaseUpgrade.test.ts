import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MindLabDatabase } from './database';
import { pendingRewrite } from './databaseUpgrade';
import { openPreviousVersion } from './previousSchemas';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('pendingRewrite', () => {
  it('says a version-5 lab is about to be rewritten, and nothing once it is upgraded or for a new lab', async () => {
    const name = `t-${Math.random()}`;
    names.push(name);
    expect(await pendingRewrite(name)).toBeNull();
    const old = openPreviousVersion(name, 5);
    await old.open();
    old.close();
    expect(await pendingRewrite(name)).toEqual({ from: 5, to: 7 });
    const db = new MindLabDatabase(name);
    await db.open();
    db.close();
    expect(await pendingRewrite(name)).toBeNull();
  });
});
