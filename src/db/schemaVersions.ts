/**
 * The stores (tables and indexes) each version of the lab's database declares, one entry per Dexie version. A version
 * once released never changes: a schema change is a new entry with an upgrade function in database.ts. The same
 * entries let tests and the restore of older backups open a database exactly as an earlier version made it.
 */
export const STORES_BY_VERSION = {
  1: {
    dialogues: 'id, createdAt, style, engine, model, excerptId, status',
    settings: 'key',
  },
  // The corpus. New tables only: existing dialogues and settings carry over untouched.
  2: {
    sources: 'id, createdAt, status',
    // contentHash is unique: an exact duplicate can never be stored twice, across all sources.
    documents: '++id, &contentHash, [sourceId+ordinal]',
    chunkSets: 'id, sourceId, createdAt',
    // Few indexes on purpose: each one is written for every excerpt of an import.
    excerpts: '++id, [chunkSetId+ordinal], *tags',
    workingSets: 'id, createdAt',
    searchIndexes: 'id',
  },
  // The prompt studio and runs.
  3: {
    dialogues: 'id, createdAt, style, engine, model, excerptId, status, templateVersionId, modelKey, runId, workItemId',
    templates: 'id, updatedAt',
    templateVersions: 'id, templateId, hash',
    runs: 'id, createdAt, status',
    // Items are read per run in plan order, and counted per state for progress.
    workItems: 'id, [runId+ordinal], [runId+state]',
    ratings: 'id, dialogueId, [dialogueId+rater]',
  },
  // The search index in segments of bounded parts instead of one MiniSearch JSON value (not saved past 48 MB).
  4: {
    searchIndexes: null,
    searchSegments: 'id, chunkSetId',
    searchIndexParts: '[segmentId+part]',
  },
  // The review desk.
  5: {
    ratings: 'id, dialogueId, [dialogueId+rater], rater, updatedAt',
    rubrics: 'id',
    dialogueAnalysis: 'dialogueId, excerptKey',
    dialogueEdits: 'dialogueId',
    preferences: 'id, excerptKey, first, second',
  },
  // The corpus in blocks (src/db/runBlocks.ts): one row per run of documents or excerpts an import batch wrote,
  // each record keeping its id. Version 6's upgrade moves the version-5 rows into blocks.
  6: {
    // contentHashes is unique across all blocks: an exact duplicate can never be stored twice, across all sources.
    documentBlocks: '++id, [sourceId+firstOrdinal], firstId, &*contentHashes',
    excerptBlocks: '++id, [chunkSetId+firstOrdinal], firstId, *tags',
  },
  // The version-5 tables, emptied by version 6's upgrade (Dexie lets an upgrade read a table only while a later
  // version deletes it).
  7: {
    documents: null,
    excerpts: null,
  },
} as const satisfies Record<number, Record<string, string | null>>;

export type SchemaVersion = keyof typeof STORES_BY_VERSION;
