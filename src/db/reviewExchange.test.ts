import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../core/review/rubric';
import { ExchangeFileError } from '../core/review/exchangeFiles';
import { MindLabDatabase } from './database';
import { saveDialogue } from './dialogues';
import { saveDialogueEdit } from './dialogueEdits';
import { allRatings, saveRating } from './ratings';
import { exportDialoguePack, exportRatingsOf, importDialoguePack, mergeRatingsFile } from './reviewExchange';
import { sampleDialogue } from './testing/sampleDialogue';
import { scratchLabs } from './testing/scratchLabs';

const lab = scratchLabs();

const submit = (db: MindLabDatabase, dialogueId: string, rater: string, keep: string) =>
  saveRating(db, { dialogueId, rater, rubric: DEFAULT_RUBRIC, status: 'submitted', answers: { keep, faithfulness: 4 } });

describe('two raters with no server', () => {
  it('moves dialogues by pack and merges the other rater\'s ratings, reporting duplicates and unknown dialogues by line', async () => {
    const lead = lab();
    for (const id of ['d1', 'd2', 'd3']) await saveDialogue(lead, sampleDialogue(id, 1));
    await saveDialogueEdit(lead, { dialogueId: 'd1', turns: [{ speaker: 'Teacher', text: 'hi there' }], history: [], cursor: 1, updatedAt: 2 });
    const pack = await exportDialoguePack(lead, ['d1', 'd2']);

    const other = lab();
    expect(await importDialoguePack(other, 'pack.jsonl', pack)).toEqual({ added: 2, alreadyHere: 0 });
    expect(await importDialoguePack(other, 'pack.jsonl', pack)).toEqual({ added: 0, alreadyHere: 2 });
    expect(await other.dialogueEdits.get('d1')).toMatchObject({ turns: [{ speaker: 'Teacher', text: 'hi there' }] });
    await saveDialogue(other, sampleDialogue('only-there', 1));
    await submit(other, 'd1', 'ben', 'keep');
    await submit(other, 'd2', 'ben', 'reject');
    await submit(other, 'only-there', 'ben', 'keep');
    const file = await exportRatingsOf(other, 'ben', DEFAULT_RUBRIC);

    await submit(lead, 'd2', 'ben', 'keep'); // ben already rated d2 in the lead's lab
    const preview = await mergeRatingsFile(lead, 'ben.jsonl', file, DEFAULT_RUBRIC, { dryRun: true });
    expect(preview).toEqual({
      rater: 'ben',
      merged: 1,
      skipped: [
        { line: 3, message: 'ben already rated dialogue d2 here' },
        { line: 4, message: 'dialogue only-there is not in this lab (import its dialogue pack first)' },
      ],
    });
    expect(await lead.ratings.count()).toBe(1);
    await mergeRatingsFile(lead, 'ben.jsonl', file, DEFAULT_RUBRIC, { dryRun: false });
    expect((await allRatings(lead)).map((r) => `${r.dialogueId}:${r.answers.keep}`).sort()).toEqual(['d1:keep', 'd2:keep']);
  });

  it('refuses a malformed, truncated or foreign file whole and changes nothing', async () => {
    const lead = lab();
    await saveDialogue(lead, sampleDialogue('d1', 1));
    await submit(lead, 'd1', 'ana', 'keep');
    const good = await exportRatingsOf(lead, 'ana', DEFAULT_RUBRIC);
    const other = lab();
    await saveDialogue(other, sampleDialogue('d1', 1));
    const lines = good.trim().split('\n');
    const broken = [lines[0], lines[1]!.slice(0, 30)].join('\n');
    await expect(mergeRatingsFile(other, 'cut.jsonl', broken, DEFAULT_RUBRIC, { dryRun: false })).rejects.toThrow('cut.jsonl: line 2: not valid JSON');
    await expect(mergeRatingsFile(other, 'x.jsonl', '{"hello":1}\n', DEFAULT_RUBRIC, { dryRun: false })).rejects.toThrow(/line 1: not a MIND Lab ratings file/);
    const outOfScale = good.replace('"faithfulness":4', '"faithfulness":9');
    await expect(mergeRatingsFile(other, 'bad.jsonl', outOfScale, DEFAULT_RUBRIC, { dryRun: false })).rejects.toThrow(ExchangeFileError);
    const pack = await exportDialoguePack(lead, ['d1']);
    await expect(importDialoguePack(other, 'pack.jsonl', pack.split('\n').slice(0, 1).join('\n'))).rejects.toThrow('promises 1 dialogues but the file has 0');
    expect(await other.ratings.count()).toBe(0);
  });
});
