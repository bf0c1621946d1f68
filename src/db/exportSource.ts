import { dialogueRecordSchema, type DialogueRecord } from '../core/records/dialogue';
import { dialogueAnalysisRecordSchema, dialogueEditRecordSchema, type DialogueAnalysisRecord, type RatingRecord } from '../core/records/review';
import type { FilterThresholds } from '../core/review/filters';
import type { Rubric } from '../core/review/rubric';
import { facetsOf, matchesSelection, ratingSummaryOf, type DialogueFacets, type ExportItem, type ExportSource, type Selection } from '../core/export';
import { storedDocumentsById } from './documentBlocks';
import { storedExcerptsById } from './excerptBlocks';
import type { MindLabDatabase } from './database';
import { listPreferences } from './preferences';
import { allRatings } from './ratings';
import { validRows } from './validRows';

/** Dialogues read per page: a page of full records, edits and analyses is a few megabytes. */
const PAGE = 500;

export interface ExportFacets {
  facets: DialogueFacets[];
  ratingsByDialogue: Map<string, RatingRecord[]>;
  /** Stored rows that no longer validate, left out of the export. */
  unreadable: number;
}

const groupRatings = (ratings: readonly RatingRecord[]) => {
  const byDialogue = new Map<string, RatingRecord[]>();
  for (const rating of ratings) byDialogue.set(rating.dialogueId, [...(byDialogue.get(rating.dialogueId) ?? []), rating]);
  return byDialogue;
};

/**
 * What selections are counted on, for every dialogue: read from the compact analysis table, and from the dialogue
 * itself only for dialogues the filters have not run on yet. Held in memory (a small object per dialogue) so a
 * count follows every change of the selection at once.
 */
export async function loadExportFacets(db: MindLabDatabase, rubric: Rubric): Promise<ExportFacets> {
  const [ids, analysisRows, ratings] = await Promise.all([db.dialogues.toCollection().primaryKeys(), db.dialogueAnalysis.toArray(), allRatings(db)]);
  const ratingsByDialogue = groupRatings(ratings);
  const analyses = new Map(validRows(dialogueAnalysisRecordSchema, analysisRows).records.map((row) => [row.dialogueId, row]));
  const facets: DialogueFacets[] = [];
  const missing: string[] = [];
  let unreadable = 0;
  for (const id of ids) {
    const analysis = analyses.get(id);
    if (!analysis) {
      missing.push(id);
      continue;
    }
    facets.push({
      dialogueId: id,
      style: analysis.style,
      runId: analysis.runId,
      templateVersionId: analysis.templateVersionId,
      modelKey: analysis.modelKey,
      filterPass: analysis.filters.pass,
      ratings: ratingSummaryOf(ratingsByDialogue.get(id) ?? [], rubric),
    });
  }
  for (let at = 0; at < missing.length; at += PAGE) {
    const { records, problems } = validRows(dialogueRecordSchema, await db.dialogues.bulkGet(missing.slice(at, at + PAGE)));
    unreadable += problems.length;
    for (const dialogue of records) facets.push(facetsOf(dialogue, null, ratingsByDialogue.get(dialogue.id) ?? [], rubric));
  }
  facets.sort((a, b) => (a.dialogueId < b.dialogueId ? -1 : a.dialogueId > b.dialogueId ? 1 : 0));
  return { facets, ratingsByDialogue, unreadable };
}

/** The corpus documents behind these dialogues' excerpts, as {id, hash}, for those the lab still has. */
async function documentsOf(db: MindLabDatabase, dialogues: readonly DialogueRecord[]): Promise<Map<string, { id: string; hash: string }>> {
  const excerptIds = [...new Set(dialogues.flatMap((d) => (d.excerptId && /^\d+$/.test(d.excerptId) ? [Number(d.excerptId)] : [])))];
  if (excerptIds.length === 0) return new Map();
  const excerpts = await storedExcerptsById(db, excerptIds);
  const documentIds = [...new Set(excerpts.flatMap((excerpt) => (excerpt ? [excerpt.documentId] : [])))];
  const documents = new Map((await storedDocumentsById(db, documentIds)).flatMap((document) => (document ? [[document.id!, document.contentHash] as const] : [])));
  const byExcerpt = new Map<string, { id: string; hash: string }>();
  excerpts.forEach((excerpt, i) => {
    const hash = excerpt ? documents.get(excerpt.documentId) : undefined;
    if (excerpt && hash) byExcerpt.set(String(excerptIds[i]), { id: String(excerpt.documentId), hash });
  });
  return byExcerpt;
}

/** One page of dialogues with their edits, analyses, ratings and documents; rows that no longer validate are left out. */
async function readItems(db: MindLabDatabase, ids: readonly string[], ratingsByDialogue: Map<string, RatingRecord[]>): Promise<ExportItem[]> {
  const [dialogueRows, editRows, analysisRows] = await Promise.all([db.dialogues.bulkGet([...ids]), db.dialogueEdits.bulkGet([...ids]), db.dialogueAnalysis.bulkGet([...ids])]);
  const dialogues = validRows(dialogueRecordSchema, dialogueRows.filter((row) => row !== undefined)).records;
  const edits = new Map(validRows(dialogueEditRecordSchema, editRows.filter((row) => row !== undefined)).records.map((edit) => [edit.dialogueId, edit]));
  const analyses = new Map<string, DialogueAnalysisRecord>(validRows(dialogueAnalysisRecordSchema, analysisRows.filter((row) => row !== undefined)).records.map((row) => [row.dialogueId, row]));
  const documents = await documentsOf(db, dialogues);
  return dialogues.map((dialogue) => ({
    dialogue,
    edit: edits.get(dialogue.id) ?? null,
    analysis: analyses.get(dialogue.id) ?? null,
    ratings: ratingsByDialogue.get(dialogue.id) ?? [],
    document: (dialogue.excerptId && documents.get(dialogue.excerptId)) || null,
  }));
}

/** The lab's database as an export source: selections are taken on the facets, then only those dialogues are read. */
export function databaseExportSource(db: MindLabDatabase, loaded: ExportFacets, rubric: Rubric, thresholds: FilterThresholds | null): ExportSource {
  const idsOf = (selection: Selection) => loaded.facets.filter((facets) => matchesSelection(facets, selection)).map((facets) => facets.dialogueId);
  return {
    rubric,
    thresholds,
    async *pages(selection) {
      const ids = idsOf(selection);
      for (let at = 0; at < ids.length; at += PAGE) yield await readItems(db, ids.slice(at, at + PAGE), loaded.ratingsByDialogue);
    },
    count: async (selection) => idsOf(selection).length,
    preferences: () => listPreferences(db),
  };
}
