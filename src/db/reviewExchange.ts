import { readDialoguePack, readRatingsFile, writeDialoguePack, writeRatingsFile, type LineProblem } from '../core/review/exchangeFiles';
import type { Rubric } from '../core/review/rubric';
import type { MindLabDatabase } from './database';
import { getDialogueEdit } from './dialogueEdits';
import { allRatings } from './ratings';
import { getDialogue } from './dialogues';

export interface MergeReport {
  rater: string;
  /** Ratings that are new here and were (or will be) merged. */
  merged: number;
  /** Lines skipped, each with why: the rater already rated that dialogue here, or the dialogue is not in this lab. */
  skipped: LineProblem[];
}

/** One rater's ratings as a file another lab can merge. */
export async function exportRatingsOf(db: MindLabDatabase, rater: string, rubric: Rubric): Promise<string> {
  // In dialogue order, so the same ratings always make the same file.
  const mine = (await allRatings(db)).filter((r) => r.rater === rater).sort((a, b) => (a.dialogueId < b.dialogueId ? -1 : a.dialogueId > b.dialogueId ? 1 : 0));
  return writeRatingsFile(rater, rubric, mine);
}

/**
 * Merges another rater's ratings file. The file is read whole first: a malformed line refuses it all. Ratings of
 * dialogues this lab lacks, or of a dialogue the same rater already rated here, are skipped and reported by line;
 * the rest are written in one transaction, so a failure leaves nothing half-merged. `dryRun` only reports.
 */
export async function mergeRatingsFile(db: MindLabDatabase, fileName: string, text: string, rubric: Rubric, options: { dryRun: boolean }): Promise<MergeReport> {
  const { header, records } = readRatingsFile(fileName, text, rubric);
  return db.transaction('rw', db.ratings, db.dialogues, async () => {
    const skipped: LineProblem[] = [];
    const toAdd = [];
    const seen = new Set<string>();
    const known = await db.dialogues.bulkGet(records.map((r) => r.record.dialogueId));
    for (const [index, { line, record }] of records.entries()) {
      const pair = `${record.dialogueId}|${record.rater}`;
      if (!known[index]) skipped.push({ line, message: `dialogue ${record.dialogueId} is not in this lab (import its dialogue pack first)` });
      else if (seen.has(pair) || (await db.ratings.where('[dialogueId+rater]').equals([record.dialogueId, record.rater]).count()) > 0) {
        skipped.push({ line, message: `${record.rater} already rated dialogue ${record.dialogueId} here` });
      } else {
        seen.add(pair);
        toAdd.push(record);
      }
    }
    if (!options.dryRun) await db.ratings.bulkAdd(toAdd);
    return { rater: header.rater, merged: toAdd.length, skipped };
  });
}

/** Dialogues (with their edits) as a pack another rater imports to review the same dialogues. */
export async function exportDialoguePack(db: MindLabDatabase, dialogueIds: readonly string[]): Promise<string> {
  const entries = [];
  for (const id of dialogueIds) {
    const dialogue = await getDialogue(db, id);
    if (dialogue) entries.push({ dialogue, edit: await getDialogueEdit(db, id) });
  }
  return writeDialoguePack(entries);
}

/** Imports a pack in one transaction; dialogues already here (same id) are left as they are and counted. */
export async function importDialoguePack(db: MindLabDatabase, fileName: string, text: string): Promise<{ added: number; alreadyHere: number }> {
  const { records } = readDialoguePack(fileName, text);
  return db.transaction('rw', db.dialogues, db.dialogueEdits, async () => {
    const existing = await db.dialogues.bulkGet(records.map((r) => r.record.dialogue.id));
    const fresh = records.filter((_, i) => existing[i] === undefined).map((r) => r.record);
    await db.dialogues.bulkAdd(fresh.map((r) => r.dialogue));
    await db.dialogueEdits.bulkPut(fresh.flatMap((r) => (r.edit ? [r.edit] : [])));
    return { added: fresh.length, alreadyHere: records.length - fresh.length };
  });
}
