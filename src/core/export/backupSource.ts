import { z } from 'zod';
import { dialogueRecordSchema, type DialogueRecord } from '../records/dialogue';
import {
  dialogueAnalysisRecordSchema,
  dialogueEditRecordSchema,
  preferenceRecordSchema,
  ratingRecordSchema,
  type DialogueAnalysisRecord,
  type DialogueEditRecord,
  type PreferenceRecord,
  type RatingRecord,
} from '../records/review';
import { analysisRecordFor } from '../review/analysisRecord';
import { DEFAULT_FILTER_THRESHOLDS, filterThresholdsSchema, type FilterThresholds } from '../review/filters';
import { DEFAULT_RUBRIC, rubricSchema, type Rubric } from '../review/rubric';
import type { ExportItem } from './exportItem';
import { pagedSource } from './pagedSource';
import type { ExportSource } from './writeExport';

/** The settings the review desk keeps its thresholds and rubric under (src/features/review, src/db/rubrics.ts). */
export const REVIEW_SETTING_KEYS = { thresholds: 'review.filterThresholds', activeRubric: 'review.activeRubricId' } as const;

const DIALOGUES = 'dialogues';
/** Dialogues per page, as the app reads them from its database. */
const PAGE = 500;

/** Only what leads from a dialogue's excerpt to its document's hash is read of these large tables. */
const excerptLinkSchema = z.object({ id: z.number().int(), documentId: z.number().int() });
/** Since version 6 documents and excerpts are stored in blocks of consecutive ids, their fields in columns. */
const excerptBlockLinksSchema = z.object({ firstId: z.number().int(), documentIds: z.array(z.number().int()) });
const documentBlockHashesSchema = z.object({ firstId: z.number().int(), contentHashes: z.array(z.string().min(1)) });
const documentHashSchema = z.object({ id: z.number().int(), contentHash: z.string().min(1) });
const settingSchema = z.object({ key: z.string(), value: z.unknown() });
const rowLineSchema = z.object({ table: z.string(), row: z.unknown() });

/** The writer puts `table` first, so a dialogue row is known without parsing it (other writers are parsed). */
const DIALOGUE_ROW_PREFIX = `{"table":"${DIALOGUES}",`;

/** A row line of a backup as {table, row}; null for its header and end lines. */
function rowOfLine(line: string): { table: string; row: unknown } | null {
  if (!line.trim()) return null;
  const parsed = rowLineSchema.safeParse(JSON.parse(line));
  return parsed.success ? parsed.data : null;
}

/**
 * What an export needs of a lab backup besides its dialogues: every rating, edit, analysis and pairwise preference
 * (keyed by dialogue id), the rubrics and review settings, and two maps of numbers and hashes that lead from an
 * excerpt id to its document's content hash. This is what is held in memory; dialogues, document texts and every
 * other table are passed over. Rows that do not match today's schemas (rows the writing lab had marked unreadable)
 * are left out, as the app leaves them out of its own export.
 */
export class BackupReviewIndex {
  private readonly ratings = new Map<string, RatingRecord[]>();
  private readonly edits = new Map<string, DialogueEditRecord>();
  private readonly analyses = new Map<string, DialogueAnalysisRecord>();
  private readonly rubrics = new Map<string, Rubric>();
  private readonly documentOfExcerpt = new Map<number, number>();
  private readonly documentHashes = new Map<number, string>();
  private readonly settings = new Map<string, unknown>();
  readonly preferences: PreferenceRecord[] = [];

  add(table: string, row: unknown): void {
    switch (table) {
      case 'ratings':
        return this.take(ratingRecordSchema, row, (rating) => this.ratings.set(rating.dialogueId, [...(this.ratings.get(rating.dialogueId) ?? []), rating]));
      case 'dialogueEdits':
        return this.take(dialogueEditRecordSchema, row, (edit) => this.edits.set(edit.dialogueId, edit));
      case 'dialogueAnalysis':
        return this.take(dialogueAnalysisRecordSchema, row, (analysis) => this.analyses.set(analysis.dialogueId, analysis));
      case 'preferences':
        return this.take(preferenceRecordSchema, row, (preference) => this.preferences.push(preference));
      case 'rubrics':
        return this.take(rubricSchema, row, (rubric) => this.rubrics.set(rubric.id, rubric));
      case 'settings':
        return this.take(settingSchema, row, (setting) => this.settings.set(setting.key, setting.value));
      case 'excerpts':
        return this.take(excerptLinkSchema, row, (excerpt) => this.documentOfExcerpt.set(excerpt.id, excerpt.documentId));
      case 'excerptBlocks':
        return this.take(excerptBlockLinksSchema, row, (block) => block.documentIds.forEach((documentId, i) => this.documentOfExcerpt.set(block.firstId + i, documentId)));
      case 'documentBlocks':
        return this.take(documentBlockHashesSchema, row, (block) => block.contentHashes.forEach((hash, i) => this.documentHashes.set(block.firstId + i, hash)));
      case 'documents':
        return this.take(documentHashSchema, row, (document) => this.documentHashes.set(document.id, document.contentHash));
    }
  }

  /** The thresholds the review desk used: the saved ones, or the defaults it runs with until some are saved. */
  get thresholds(): FilterThresholds {
    const saved = filterThresholdsSchema.safeParse(this.settings.get(REVIEW_SETTING_KEYS.thresholds));
    return saved.success ? saved.data : DEFAULT_FILTER_THRESHOLDS;
  }

  /** The rubric reviews were given with: the active one, or the default (as src/db/rubrics.ts chooses it). */
  get rubric(): Rubric {
    const id = this.settings.get(REVIEW_SETTING_KEYS.activeRubric);
    return (typeof id === 'string' && this.rubrics.get(id)) || DEFAULT_RUBRIC;
  }

  /** A dialogue with what the backup says about it; the filters are run when it has no analysis. */
  itemOf(dialogue: DialogueRecord, now = Date.now()): ExportItem {
    const edit = this.edits.get(dialogue.id) ?? null;
    return {
      dialogue,
      edit,
      analysis: this.analyses.get(dialogue.id) ?? analysisRecordFor(dialogue, edit, this.thresholds, now),
      ratings: this.ratings.get(dialogue.id) ?? [],
      document: this.documentOf(dialogue.excerptId),
    };
  }

  private documentOf(excerptId: string | undefined): ExportItem['document'] {
    if (!excerptId || !/^\d+$/.test(excerptId)) return null;
    const documentId = this.documentOfExcerpt.get(Number(excerptId));
    const hash = documentId === undefined ? undefined : this.documentHashes.get(documentId);
    return hash === undefined ? null : { id: String(documentId), hash };
  }

  private take<T>(schema: z.ZodType<T>, row: unknown, keep: (value: T) => void): void {
    const parsed = schema.safeParse(row);
    if (parsed.success) keep(parsed.data);
  }
}

/**
 * A lab backup, already checked whole (src/core/backup), as an export source read in passes over its lines: one pass
 * indexes the review tables (BackupReviewIndex), then every file the export writes reads the dialogues again, a page
 * at a time, stopping where the dialogues table ends. `readLines` opens the file anew on each call.
 */
export async function backupExportSource(readLines: () => AsyncIterable<string> | Iterable<string>, now = Date.now()): Promise<ExportSource> {
  const index = new BackupReviewIndex();
  for await (const line of readLines()) {
    if (line.startsWith(DIALOGUE_ROW_PREFIX)) continue;
    const row = rowOfLine(line);
    if (row) index.add(row.table, row.row);
  }

  async function* readPages(): AsyncGenerator<ExportItem[]> {
    let page: ExportItem[] = [];
    let inDialogues = false;
    for await (const line of readLines()) {
      const row = rowOfLine(line);
      if (!row) continue;
      // A backup's rows come table by table: once the dialogues are behind, the rest of the file is not needed.
      if (row.table !== DIALOGUES) {
        if (inDialogues) break;
        continue;
      }
      inDialogues = true;
      const dialogue = dialogueRecordSchema.safeParse(row.row);
      if (!dialogue.success) continue;
      page.push(index.itemOf(dialogue.data, now));
      if (page.length === PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  return pagedSource({ rubric: index.rubric, thresholds: index.thresholds, readPages, preferences: index.preferences });
}
