import Dexie from 'dexie';

/**
 * The lab's schema as each earlier version declared it, frozen here, so migration tests can write real data of a
 * previous version with plain Dexie and then open it with today's MindLabDatabase.
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
