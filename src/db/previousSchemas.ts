import Dexie from 'dexie';

/**
 * The lab's schema as each earlier version declared it, frozen here, so data of a previous version can be written
 * with plain Dexie and then opened with today's MindLabDatabase, which migrates it: migration tests do that with
 * real old data, and restoring an older backup does it with the backup's rows (src/db/backup.ts).
 */
export function openPreviousVersion(name: string, version: 1 | 2 | 3 | 4): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({ dialogues: 'id, createdAt, style, engine, model, excerptId, status', settings: 'key' });
  if (version >= 2) {
    db.version(2).stores({
      sources: 'id, createdAt, status',
      documents: '++id, &contentHash, [sourceId+ordinal]',
      chunkSets: 'id, sourceId, createdAt',
      excerpts: '++id, [chunkSetId+ordinal], *tags',
      workingSets: 'id, createdAt',
      searchIndexes: 'id',
    });
  }
  if (version >= 3) {
    db.version(3).stores({
      dialogues: 'id, createdAt, style, engine, model, excerptId, status, templateVersionId, modelKey, runId, workItemId',
      templates: 'id, updatedAt',
      templateVersions: 'id, templateId, hash',
      runs: 'id, createdAt, status',
      workItems: 'id, [runId+ordinal], [runId+state]',
      ratings: 'id, dialogueId, [dialogueId+rater]',
    });
  }
  if (version >= 4) {
    db.version(4).stores({ searchIndexes: null, searchSegments: 'id, chunkSetId', searchIndexParts: '[segmentId+part]' });
  }
  return db;
}
