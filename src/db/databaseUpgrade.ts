import { DATABASE_NAME, getDatabase } from './database';
import { STORES_BY_VERSION } from './schemaVersions';

/**
 * Versions whose upgrade rewrites stored data, at a cost that grows with the corpus: version 6 moves every document
 * and excerpt into blocks (about 4.5 s for 100,000 of each in the corpus bench).
 */
const REWRITING_VERSIONS = [6];
const CURRENT_VERSION = Math.max(...Object.keys(STORES_BY_VERSION).map(Number));

/**
 * Whether opening the lab's database will run an upgrade that rewrites stored data, read from the installed
 * version before opening it (Dexie installs version N as N × 10). Null for a new lab, an up-to-date one, or a
 * browser that cannot list its databases.
 */
export async function pendingRewrite(name = DATABASE_NAME): Promise<{ from: number; to: number } | null> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
  const installed = (await indexedDB.databases()).find((database) => database.name === name)?.version;
  if (!installed) return null;
  const from = Math.floor(installed / 10);
  return REWRITING_VERSIONS.some((version) => version > from && version <= CURRENT_VERSION) ? { from, to: CURRENT_VERSION } : null;
}

/** Opens the lab's database (running any pending upgrade); resolves when it is ready. */
export async function openLabDatabase(): Promise<void> {
  await getDatabase().open();
}
