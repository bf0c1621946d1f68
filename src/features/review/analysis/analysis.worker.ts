import { analysisRecordFor } from '../../../core/review/analysisRecord';
import { thresholdsHash } from '../../../core/review/filters';
import { dialogueRecordSchema } from '../../../core/records/dialogue';
import { dialogueEditRecordSchema, type DialogueAnalysisRecord } from '../../../core/records/review';
import { getDatabase } from '../../../db/database';
import { saveAnalyses, storedAnalyses } from '../../../db/dialogueAnalysis';
import { validRows } from '../../../db/validRows';
import { serveRpc } from '../../shared/workerRpc';
import type { AnalysisProgress, AnalysisReply, AnalysisRequest } from './protocol';

const BATCH = 500;

/**
 * Runs MIND's filters and the faithfulness signals for every dialogue that lacks them, off the main thread, and hands
 * back every analysis stored: reading and validating 100k of them here keeps the page's thread free while it opens.
 */
serveRpc<AnalysisRequest, AnalysisReply, AnalysisProgress>(async (request, progress) => {
  const db = getDatabase();
  const started = performance.now();
  const stored = await storedAnalyses(db, thresholdsHash(request.thresholds));
  const ids = stored.needing;
  const unreadable: AnalysisReply['unreadable'] = [...stored.problems];
  const fresh: DialogueAnalysisRecord[] = [];
  for (let at = 0; at < ids.length; at += BATCH) {
    const batch = ids.slice(at, at + BATCH);
    const [dialogueRows, editRows] = await Promise.all([db.dialogues.bulkGet(batch), db.dialogueEdits.bulkGet(batch)]);
    const dialogues = validRows(dialogueRecordSchema, dialogueRows.filter((row) => row !== undefined));
    const edits = new Map(validRows(dialogueEditRecordSchema, editRows.filter((row) => row !== undefined)).records.map((e) => [e.dialogueId, e]));
    unreadable.push(...dialogues.problems);
    const now = Date.now();
    fresh.push(...(await saveAnalyses(db, dialogues.records.map((d) => analysisRecordFor(d, edits.get(d.id) ?? null, request.thresholds, now)))));
    progress({ done: Math.min(at + BATCH, ids.length), total: ids.length });
  }
  const replaced = new Set(fresh.map((r) => r.dialogueId));
  const analyses = [...stored.records.filter((r) => !replaced.has(r.dialogueId)), ...fresh];
  const seconds = (performance.now() - started) / 1000;
  return { analyzed: fresh.length, analyses, unreadable, dialoguesPerSecond: seconds > 0 ? fresh.length / seconds : 0 };
});
