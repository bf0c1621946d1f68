import Dexie, { type Table } from 'dexie';
import { BackupLineWriter, BackupRefused, readBackupLines, type BackupContents } from '../core/backup';
import { MindLabDatabase } from './database';
import { backedUpTables, backupRules, currentRowSchema, DERIVED_TABLES, isDeviceSetting } from './backupTables';
import { openPreviousVersion } from './previousSchemas';
import { lastIdOf, type RunBlock } from './runBlocks';

type Row = Record<string, unknown>;

export interface BackupProgress {
  phase: 'reading' | 'migrating' | 'writing';
  rows: number;
  total: number;
}

/** Rows read (and written) per page: memory stays flat whatever the lab's size. */
const PAGE = 500;

/**
 * The whole lab as backup text, yielded a page of rows at a time (src/core/backup/format.ts describes the lines).
 * A row that is already unreadable here is copied as it is and marked, so the backup restores to this exact lab.
 * If the lab changes while it is read, the last chunk throws instead of ending the file, which then never restores.
 */
export async function* writeBackup(db: MindLabDatabase, options: { now?: number; onProgress?: (progress: BackupProgress) => void } = {}): AsyncGenerator<string> {
  if (!db.isOpen()) await db.open();
  const names = backedUpTables(db.verno);
  if (!names) throw new Error(`This lab's database version ${db.verno} has no backup layout.`);
  const counts: Record<string, number> = {};
  await db.transaction('r', names.map((name) => db.table(name)), async () => {
    for (const name of names) counts[name] = name === 'settings' ? await db.settings.filter((row) => !isDeviceSetting(row.key)).count() : await db.table(name).count();
  });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const writer = BackupLineWriter.create({ schemaVersion: db.verno, createdAt: options.now ?? Date.now(), tables: counts });
  yield writer.headerLine();
  let done = 0;
  for (const name of names) {
    const schema = currentRowSchema(name);
    for await (const page of pagesOf(db.table(name))) {
      const rows = name === 'settings' ? page.filter((row) => !isDeviceSetting(row.key)) : page;
      yield rows.map((row) => writer.rowLine(name, row, problemOf(schema?.safeParse(row)))).join('');
      done += rows.length;
      options.onProgress?.({ phase: 'reading', rows: done, total });
    }
  }
  yield writer.endLine();
}

async function* pagesOf(table: Table<Row, unknown>): AsyncGenerator<Row[]> {
  let page = await table.orderBy(':id').limit(PAGE).toArray();
  while (page.length > 0) {
    yield page;
    if (page.length < PAGE) return;
    const last = primaryKeyOf(table, page[page.length - 1]!);
    page = await table.where(':id').above(last).limit(PAGE).toArray();
  }
}

function problemOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } | undefined): string | undefined {
  if (!result || result.success) return undefined;
  const issue = result.error?.issues[0];
  return issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'invalid';
}

const primaryKeyOf = (table: Table<Row, unknown>, row: Row) => Dexie.getByKeyPath(row, table.schema.primKey.keyPath as string | string[]) as never;

export interface TableRestoreReport {
  /** Rows of this table in the backup (after migration, for an older backup). */
  inFile: number;
  added: number;
  /** Merge only: rows left out because this lab already has a row with the same key (or unique value). */
  skipped: number;
}

export interface RestoreReport {
  mode: 'replace' | 'merge';
  /** The database version the backup's rows came from; below the lab's, they went through the migrations. */
  schemaVersion: number;
  migrated: boolean;
  createdAt: number;
  tables: Record<string, TableRestoreReport>;
  /** Rows the lab that wrote the backup could already not read: restored as they were. */
  unreadable: number;
}

/**
 * Restores a backup. Everything is read and checked first (format, every row, counts, checksum; an older backup's
 * rows after the migrations have run on them in a scratch database); only then is the lab written, in one
 * transaction, so a refused or failing restore changes nothing. `replace` makes the lab the backup (the search
 * index is cleared and rebuilt on the next search; this device's settings stay); `merge` adds the rows whose key
 * this lab lacks and keeps every row it has.
 */
export async function restoreBackup(
  db: MindLabDatabase,
  lines: AsyncIterable<string> | Iterable<string>,
  options: { mode: 'replace' | 'merge'; onProgress?: (progress: BackupProgress) => void },
): Promise<RestoreReport> {
  if (!db.isOpen()) await db.open();
  const contents = await readBackupLines(lines, backupRules(db.verno), ({ rows, total }) => options.onProgress?.({ phase: 'reading', rows, total }));
  const migrated = contents.header.schemaVersion < db.verno;
  const { rows, unreadable } = migrated ? await migrate(db, contents, options.onProgress) : { rows: contents.rows, unreadable: unreadableCount(contents) };
  for (const [table, tableRows] of rows) rows.set(table, table === 'settings' ? tableRows.filter((row) => !isDeviceSetting(row.key)) : tableRows);
  checkUniqueKeys(db, rows);
  const tables = await write(db, rows, options);
  return { mode: options.mode, schemaVersion: contents.header.schemaVersion, migrated, createdAt: contents.header.createdAt, tables, unreadable };
}

const unreadableCount = (contents: BackupContents) => [...contents.unreadable.values()].reduce((sum, set) => sum + set.size, 0);

/**
 * Brings an older backup's rows to today's schema the way the lab itself would: they are written into a scratch
 * database at their version, which today's MindLabDatabase then opens and upgrades. The upgraded rows are checked
 * against today's schemas (rows the old lab had marked unreadable excepted) and the scratch database is deleted.
 */
async function migrate(db: MindLabDatabase, contents: BackupContents, onProgress?: (progress: BackupProgress) => void) {
  const version = contents.header.schemaVersion;
  if (version !== 1 && version !== 2 && version !== 3 && version !== 4 && version !== 5 && version !== 6) throw new BackupRefused(null, `This lab cannot migrate a version-${version} backup.`);
  const scratchName = `${db.name}-restore-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const total = [...contents.rows.values()].reduce((sum, rows) => sum + rows.length, 0);
  try {
    const old = openPreviousVersion(scratchName, version);
    const unreadableKeys = new Map<string, Set<string>>();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of contents.rows) {
        const keyPath = old.table(table).schema.primKey.keyPath as string | string[];
        unreadableKeys.set(table, new Set([...(contents.unreadable.get(table) ?? [])].map((row) => JSON.stringify(Dexie.getByKeyPath(row, keyPath)))));
        for (let i = 0; i < rows.length; i += PAGE) await old.table(table).bulkAdd(rows.slice(i, i + PAGE));
      }
    }).catch((error: unknown) => {
      throw new BackupRefused(null, `The version-${version} rows could not be stored for migration (${error instanceof Error ? error.message : String(error)}).`);
    });
    old.close();
    onProgress?.({ phase: 'migrating', rows: 0, total });
    const upgraded = new MindLabDatabase(scratchName);
    await upgraded.open().catch((error: unknown) => {
      throw new BackupRefused(null, `The migrations from version ${version} failed on the backup's rows (${error instanceof Error ? error.message : String(error)}).`);
    });
    const rows = new Map<string, Row[]>();
    let unreadable = 0;
    try {
      for (const table of backedUpTables(db.verno)!) {
        const tableRows = (await upgraded.table(table).toArray()) as Row[];
        const schema = currentRowSchema(table);
        const keyPath = upgraded.table(table).schema.primKey.keyPath as string | string[];
        const markedUnreadable = unreadableKeys.get(table) ?? new Set();
        for (const row of tableRows) {
          const key = JSON.stringify(Dexie.getByKeyPath(row, keyPath));
          if (markedUnreadable.has(key)) unreadable += 1;
          else {
            const problem = problemOf(schema?.safeParse(row));
            if (problem) throw new BackupRefused(null, `After migrating the version-${version} backup to version ${db.verno}, row ${key} of ${table} is invalid (${problem}).`);
          }
        }
        rows.set(table, tableRows);
      }
    } finally {
      upgraded.close();
    }
    onProgress?.({ phase: 'migrating', rows: total, total });
    return { rows, unreadable };
  } finally {
    await Dexie.delete(scratchName);
  }
}

/** Two rows of one table with the same key would make the write fail halfway through its checks: refuse up front. */
function checkUniqueKeys(db: MindLabDatabase, rows: Map<string, Row[]>): void {
  for (const [table, tableRows] of rows) {
    const keyPath = db.table(table).schema.primKey.keyPath as string | string[];
    const seen = new Set<string>();
    for (const row of tableRows) {
      const key = JSON.stringify(Dexie.getByKeyPath(row, keyPath));
      if (seen.has(key)) throw new BackupRefused(null, `The backup holds two rows of ${table} with the key ${key}.`);
      seen.add(key);
    }
  }
}

async function write(db: MindLabDatabase, rows: Map<string, Row[]>, options: { mode: 'replace' | 'merge'; onProgress?: (progress: BackupProgress) => void }) {
  const tableNames = backedUpTables(db.verno)!;
  const derived = DERIVED_TABLES.filter((name) => db.tables.some((t) => t.name === name));
  const total = [...rows.values()].reduce((sum, r) => sum + r.length, 0);
  const report: Record<string, TableRestoreReport> = {};
  let done = 0;
  await db.transaction('rw', [...tableNames, ...derived].map((name) => db.table(name)), async () => {
    if (options.mode === 'replace') {
      for (const name of derived) await db.table(name).clear();
      for (const name of tableNames) {
        if (name === 'settings') await db.settings.filter((row) => !isDeviceSetting(row.key)).delete();
        else await db.table(name).clear();
      }
    }
    for (const name of tableNames) {
      const table = db.table(name) as Table<Row, unknown>;
      const tableRows = rows.get(name) ?? [];
      const merge = options.mode === 'merge';
      const fresh = !merge ? tableRows : BLOCK_TABLES.has(name) ? await blocksNotHere(table, tableRows) : await rowsNotHere(table, tableRows);
      for (let i = 0; i < fresh.length; i += PAGE) {
        await table.bulkAdd(fresh.slice(i, i + PAGE));
        done += Math.min(PAGE, fresh.length - i);
        options.onProgress?.({ phase: 'writing', rows: done, total });
      }
      report[name] = { inFile: tableRows.length, added: fresh.length, skipped: tableRows.length - fresh.length };
      if (name === 'excerptBlocks' && options.mode === 'merge') await dropSearchSegmentsOf(db, fresh);
    }
  });
  return report;
}

/** The rows whose primary key, and every unique index value, this lab does not have yet. */
async function rowsNotHere(table: Table<Row, unknown>, rows: Row[]): Promise<Row[]> {
  if (rows.length === 0) return rows;
  const keyPath = table.schema.primKey.keyPath as string | string[];
  const existing = await table.bulkGet(rows.map((row) => Dexie.getByKeyPath(row, keyPath) as never));
  let fresh = rows.filter((_, i) => existing[i] === undefined);
  for (const index of table.schema.indexes.filter((i) => i.unique)) {
    const path = index.keyPath as string;
    const taken = new Set((await table.where(index.name).anyOf(fresh.map((row) => Dexie.getByKeyPath(row, path) as never)).keys()).map((key) => JSON.stringify(key)));
    fresh = fresh.filter((row) => !taken.has(JSON.stringify(Dexie.getByKeyPath(row, path))));
  }
  return fresh;
}

const BLOCK_TABLES = new Set(['documentBlocks', 'excerptBlocks']);

/**
 * What a merge must not store twice is a document or excerpt, not a block row: a block none of whose ids (nor, for
 * documents, content hashes) this lab has yet is added under a new row key; any other is left out, like a row
 * already here.
 */
async function blocksNotHere(table: Table<Row, unknown>, blocks: Row[]): Promise<Row[]> {
  const fresh: Row[] = [];
  for (const block of blocks) {
    const { firstId, size } = block as unknown as RunBlock;
    const before = (await table.where('firstId').belowOrEqual(firstId + size - 1).last()) as RunBlock | undefined;
    if (before && lastIdOf(before) >= firstId) continue;
    const hashes = (block.contentHashes as string[] | undefined) ?? [];
    if (hashes.length && (await table.where('contentHashes').anyOf(hashes).count()) > 0) continue;
    const { id: _rowKey, ...rest } = block;
    fresh.push(rest);
  }
  return fresh;
}

/** Excerpts merged into a chunk set that already had a search index make that index stale: it is rebuilt on the next search. */
async function dropSearchSegmentsOf(db: MindLabDatabase, excerpts: Row[]): Promise<void> {
  const chunkSetIds = [...new Set(excerpts.map((row) => row.chunkSetId as string))];
  if (chunkSetIds.length === 0) return;
  const segmentIds = await db.searchSegments.where('chunkSetId').anyOf(chunkSetIds).primaryKeys();
  for (const id of segmentIds) await db.searchIndexParts.where('[segmentId+part]').between([id, 0], [id, Infinity]).delete();
  await db.searchSegments.bulkDelete(segmentIds);
}

/** What a replace would delete, said before it happens. */
export async function labSummary(db: MindLabDatabase): Promise<{ dialogues: number; ratings: number; documents: number }> {
  const [dialogues, ratings, sources] = await Promise.all([db.dialogues.count(), db.ratings.count(), db.sources.toArray()]);
  // Sources count their documents; counting the document blocks would read every text.
  return { dialogues, ratings, documents: sources.reduce((sum, source) => sum + (source.documentCount ?? 0), 0) };
}
