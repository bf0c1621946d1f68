import Dexie, { type Table } from 'dexie';
import type { DialogueRecord, RatingRecord } from '../core/records/dialogue';
import type { ChunkSetRecord, DocumentRecord, ExcerptRecord, SourceRecord, WorkingSetRecord } from '../core/records/corpus';
import type { RunRecord, WorkItemRecord } from '../core/records/run';
import type { TemplateRecord, TemplateVersionRecord } from '../core/templates/schema';
import { upgradeDialoguesToTemplates, writeBuiltInTemplates } from './migrations/v3Templates';

export const DATABASE_NAME = 'mind-lab';

/** A persisted MiniSearch index (MiniSearch#toJSON) and the chunk sets it covers. */
export interface SearchIndexRecord {
  id: string;
  json: string;
  chunkSetIds: string[];
  updatedAt: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** The lab's IndexedDB. Every schema change is a new version with an upgrade function and a migration test. */
export class MindLabDatabase extends Dexie {
  dialogues!: Table<DialogueRecord, string>;
  settings!: Table<SettingRecord, string>;
  sources!: Table<SourceRecord, string>;
  documents!: Table<DocumentRecord, number>;
  chunkSets!: Table<ChunkSetRecord, string>;
  excerpts!: Table<ExcerptRecord, number>;
  workingSets!: Table<WorkingSetRecord, string>;
  searchIndexes!: Table<SearchIndexRecord, string>;
  templates!: Table<TemplateRecord, string>;
  templateVersions!: Table<TemplateVersionRecord, string>;
  runs!: Table<RunRecord, string>;
  workItems!: Table<WorkItemRecord, string>;
  ratings!: Table<RatingRecord, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      dialogues: 'id, createdAt, style, engine, model, excerptId, status',
      settings: 'key',
    });
    // Version 2 adds the corpus. New tables only: existing dialogues and settings carry over untouched
    // (src/db/corpus.test.ts opens a version-1 database with data and checks it).
    this.version(2).stores({
      sources: 'id, createdAt, status',
      // contentHash is unique: an exact duplicate can never be stored twice, across all sources.
      documents: '++id, &contentHash, [sourceId+ordinal]',
      chunkSets: 'id, sourceId, createdAt',
      // Few indexes on purpose: each one is written for every excerpt of an import.
      excerpts: '++id, [chunkSetId+ordinal], *tags',
      workingSets: 'id, createdAt',
      searchIndexes: 'id',
    });
    // Version 3 adds the prompt studio and runs. Every stored dialogue is pointed at the built-in template version
    // that reproduces its prompt (src/db/migrations/v3Templates.ts; tested with version-2 data in templates.test.ts).
    this.version(3)
      .stores({
        dialogues: 'id, createdAt, style, engine, model, excerptId, status, templateVersionId, modelKey, runId, workItemId',
        templates: 'id, updatedAt',
        templateVersions: 'id, templateId, hash',
        runs: 'id, createdAt, status',
        // Items are read per run in plan order, and counted per state for progress.
        workItems: 'id, [runId+ordinal], [runId+state]',
        ratings: 'id, dialogueId, [dialogueId+rater]',
      })
      .upgrade(async (tx) => {
        await writeBuiltInTemplates(tx.table('templates'), tx.table('templateVersions'));
        await upgradeDialoguesToTemplates(tx.table('dialogues'));
      });
    this.on('populate', (tx) => writeBuiltInTemplates(tx.table('templates'), tx.table('templateVersions')));
  }
}

let instance: MindLabDatabase | null = null;

export function getDatabase(): MindLabDatabase {
  instance ??= new MindLabDatabase();
  return instance;
}
