import { z } from 'zod';
import { dialogueRecordSchema } from '../core/records/dialogue';
import { chunkSetRecordSchema, sourceRecordSchema, workingSetRecordSchema } from '../core/records/corpus';
import { documentBlockSchema, excerptBlockSchema } from './blockSchemas';
import { dialogueAnalysisRecordSchema, dialogueEditRecordSchema, preferenceRecordSchema, ratingRecordSchema } from '../core/records/review';
import { runRecordSchema, workItemRecordSchema } from '../core/records/run';
import { rubricSchema } from '../core/review/rubric';
import { templateRecordSchema, templateVersionRecordSchema } from '../core/templates/schema';
import type { BackupTableRules } from '../core/backup';

/**
 * The tables a backup holds, per Dexie version of src/db/database.ts (keep the two in step: backup.test.ts fails
 * when a table is in neither list). Each table's rows are checked against its record schema on restore.
 */
const CURRENT_TABLES = {
  dialogues: dialogueRecordSchema,
  settings: z.object({ key: z.string().min(1), value: z.unknown() }),
  sources: sourceRecordSchema,
  // Documents and excerpts in blocks (src/db/runBlocks.ts); a backup of version 5 or older brings a row per
  // document and per excerpt, which the version-6 migration puts into blocks. Stored rows carry their key.
  documentBlocks: documentBlockSchema.and(z.object({ id: z.number().int() })),
  chunkSets: chunkSetRecordSchema,
  excerptBlocks: excerptBlockSchema.and(z.object({ id: z.number().int() })),
  workingSets: workingSetRecordSchema,
  templates: templateRecordSchema,
  templateVersions: templateVersionRecordSchema,
  runs: runRecordSchema,
  workItems: workItemRecordSchema,
  ratings: ratingRecordSchema,
  rubrics: rubricSchema,
  dialogueAnalysis: dialogueAnalysisRecordSchema,
  dialogueEdits: dialogueEditRecordSchema,
  preferences: preferenceRecordSchema,
} satisfies Record<string, z.ZodType>;

export type BackedUpTable = keyof typeof CURRENT_TABLES;

const V1 = ['dialogues', 'settings'];
const V2 = [...V1, 'sources', 'documents', 'chunkSets', 'excerpts', 'workingSets'];
const V3 = [...V2, 'templates', 'templateVersions', 'runs', 'workItems', 'ratings'];
const V5 = [...V3, 'rubrics', 'dialogueAnalysis', 'dialogueEdits', 'preferences'];
const V6 = V5.map((table) => ({ documents: 'documentBlocks', excerpts: 'excerptBlocks' })[table] ?? table);
const TABLES_BY_VERSION: Record<number, readonly string[]> = { 1: V1, 2: V2, 3: V3, 4: V3, 5: V5, 6: V6, 7: V6 };

/**
 * The search index (version 2–3's searchIndexes, then segments and their byte parts) is derived from the excerpts
 * and rebuilt on the next search: it is never backed up, and a restore clears it. Leaving it out keeps ArrayBuffers
 * out of a JSON file, keeps backups small, and can never bring back an index that disagrees with its excerpts.
 */
export const DERIVED_TABLES = ['searchIndexes', 'searchSegments', 'searchIndexParts'] as const;

/**
 * Settings that hold a secret or describe this device (a remembered API key or Hub token): never written into a
 * backup, which may be shared, and never touched by a restore.
 */
export const DEVICE_SETTINGS = ['openai.connection', 'hub.connection'] as const;

export const isDeviceSetting = (key: unknown) => (DEVICE_SETTINGS as readonly unknown[]).includes(key);

export function backedUpTables(schemaVersion: number): readonly string[] | null {
  return TABLES_BY_VERSION[schemaVersion] ?? null;
}

export const currentRowSchema = (table: string): z.ZodType | null => CURRENT_TABLES[table as BackedUpTable] ?? null;

export function backupRules(currentSchemaVersion: number): BackupTableRules {
  return {
    currentSchemaVersion,
    tablesOf(schemaVersion) {
      const tables = backedUpTables(schemaVersion);
      if (!tables || schemaVersion > currentSchemaVersion) return null;
      // Rows of an older version are checked once the migrations have brought them to today's shape.
      return new Map(tables.map((table) => [table, schemaVersion === currentSchemaVersion ? currentRowSchema(table) : null]));
    },
  };
}
