import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MindLabDatabase } from './database';
import { readSetting, removeSetting, writeSetting } from './settings';

const connectionSchema = z.object({ baseUrl: z.string().url(), apiKey: z.string().min(1).optional() });

let db: MindLabDatabase;
afterEach(async () => { await db.delete(); });

describe('settings repository', () => {
  it('stores, reads back and removes a value', async () => {
    db = new MindLabDatabase(`s-${Math.random()}`);
    expect(await readSetting(db, 'openai.connection', connectionSchema)).toEqual({ value: null, problem: null });
    await writeSetting(db, 'openai.connection', connectionSchema, { baseUrl: 'http://localhost:8080/v1', apiKey: 'sk-1' });
    expect(await readSetting(db, 'openai.connection', connectionSchema)).toEqual({ value: { baseUrl: 'http://localhost:8080/v1', apiKey: 'sk-1' }, problem: null });
    await writeSetting(db, 'openai.connection', connectionSchema, { baseUrl: 'http://localhost:8080/v1' });
    expect((await readSetting(db, 'openai.connection', connectionSchema)).value).toEqual({ baseUrl: 'http://localhost:8080/v1' });
    await removeSetting(db, 'openai.connection');
    expect(await db.settings.count()).toBe(0);
  });

  it('survives reopening the database', async () => {
    const name = `s-${Math.random()}`;
    db = new MindLabDatabase(name);
    await writeSetting(db, 'k', connectionSchema, { baseUrl: 'http://h/v1' });
    db.close();
    db = new MindLabDatabase(name);
    expect((await readSetting(db, 'k', connectionSchema)).value).toEqual({ baseUrl: 'http://h/v1' });
  });

  it('refuses to store an invalid value and stores nothing', async () => {
    db = new MindLabDatabase(`s-${Math.random()}`);
    await expect(writeSetting(db, 'k', connectionSchema, { baseUrl: 'not a url' })).rejects.toThrow();
    expect(await db.settings.count()).toBe(0);
  });

  it('reports a stored value that no longer validates instead of returning it', async () => {
    db = new MindLabDatabase(`s-${Math.random()}`);
    await db.settings.put({ key: 'k', value: { baseUrl: 42 } });
    const { value, problem } = await readSetting(db, 'k', connectionSchema);
    expect(value).toBeNull();
    expect(problem).toMatch(/"k" is unreadable/);
  });
});
