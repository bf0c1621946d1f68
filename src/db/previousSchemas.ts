import Dexie from 'dexie';
import { STORES_BY_VERSION, type SchemaVersion } from './schemaVersions';

/**
 * A database as an earlier version of the lab declared it (plain Dexie, no upgrade functions), so data of a previous
 * version can be written and then opened with today's MindLabDatabase, which migrates it: migration tests do that
 * with real old data, and restoring an older backup does it with the backup's rows (src/db/backup.ts).
 */
export function openPreviousVersion(name: string, version: 1 | 2 | 3 | 4 | 5 | 6): Dexie {
  const db = new Dexie(name);
  for (let v = 1; v <= version; v++) db.version(v).stores(STORES_BY_VERSION[v as SchemaVersion]);
  return db;
}
