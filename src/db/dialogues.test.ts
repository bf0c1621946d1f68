import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MindLabDatabase } from './database';
import { listDialogues, saveDialogue } from './dialogues';
import type { DialogueRecord } from '../core/records/dialogue';

const sample = (id: string, createdAt: number): DialogueRecord => ({
  id,
  createdAt,
  style: 'TEACHER_STUDENT',
  templateVersionId: 'builtin:TEACHER_STUDENT@v1',
  templateHash: 'h',
  excerptText: 'Let $x = 2$. Then $x^2 = 4$.',
  prompt: [{ role: 'user', content: 'Context: ...' }],
  engine: 'wllama',
  model: 'stories260K.gguf',
  modelKey: 'wllama:stories260K.gguf',
  params: { temperature: 0.7, topP: 0.95, maxTokens: 64, seed: 1, stop: [] },
  seed: 1,
  rawOutput: 'Teacher: hi\nStudent: hello',
  turns: [{ speaker: 'Teacher', text: 'hi' }, { speaker: 'Student', text: 'hello' }],
  stats: { promptTokens: 10, completionTokens: 5, timeToFirstTokenMs: 3, decodeTokensPerSecond: 100, totalMs: 50, finishReason: 'stop' },
  checks: { pass: false, reasons: ['Too short: 5 tokens (at least 50).'], speakers: 2 },
  status: 'complete',
});

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
