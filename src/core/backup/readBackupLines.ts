import type { z } from 'zod';
import { LineChecksum } from './checksum';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupRefused, backupEndSchema, backupHeaderSchema, backupRowLineSchema, type BackupHeader } from './format';

/** What the lab accepts: the tables of each schema version it can migrate from, with the schema rows must match. */
export interface BackupTableRules {
  currentSchemaVersion: number;
  /**
   * The tables a backup of this schema version may hold, each with the zod schema its rows must match now, or null
   * where they can only be checked after migration (older versions) or have no schema. Null for an unknown version.
   */
  tablesOf(schemaVersion: number): ReadonlyMap<string, z.ZodType | null> | null;
}

export interface BackupContents {
  header: BackupHeader;
  /** Rows per table, exactly as the file holds them (validated, never reshaped: zod would strip or trim). */
  rows: Map<string, Record<string, unknown>[]>;
  /** Rows the writing lab marked unreadable (a subset of `rows`, by identity): restored as they were, and reported. */
  unreadable: Map<string, Set<Record<string, unknown>>>;
}

export interface ReadProgress {
  rows: number;
  total: number;
}

/**
 * Reads a whole backup and checks everything before anything is written: the header, every row line against its
 * table's schema, the counts and the checksum. The first problem refuses the file with its line number.
 */
export async function readBackupLines(
  lines: AsyncIterable<string> | Iterable<string>,
  rules: BackupTableRules,
  onProgress?: (progress: ReadProgress) => void,
): Promise<BackupContents> {
  const checksum = new LineChecksum();
  let header: BackupHeader | null = null;
  let tables: ReadonlyMap<string, z.ZodType | null> = new Map();
  let order: string[] = [];
  let tableIndex = 0;
  const rows = new Map<string, Record<string, unknown>[]>();
  const unreadable = new Map<string, Set<Record<string, unknown>>>();
  let rowCount = 0;
  let total = 0;
  let ended = false;
  let lineNumber = 0;

  for await (const line of lines) {
    lineNumber += 1;
    if (ended) {
      if (line.trim() === '') continue;
      throw new BackupRefused(lineNumber, 'there is text after the end line.');
    }
    if (line.trim() === '') throw new BackupRefused(lineNumber, 'the line is empty.');
    const value = parseJson(line, lineNumber);

    if (header === null) {
      ({ header, tables } = readHeader(value, rules, lineNumber));
      order = Object.keys(header.tables);
      total = order.reduce((sum, table) => sum + header!.tables[table]!, 0);
      for (const table of order) rows.set(table, []);
      checksum.add(line);
      continue;
    }

    if (typeof value === 'object' && value !== null && 'end' in value) {
      const end = backupEndSchema.safeParse(value);
      if (!end.success) throw new BackupRefused(lineNumber, 'the end line is malformed.');
      checkEnd(header, rows, rowCount, end.data, checksum.digest(), lineNumber);
      ended = true;
      continue;
    }

    const rowLine = backupRowLineSchema.safeParse(value);
    if (!rowLine.success) throw new BackupRefused(lineNumber, 'expected a row line {"table", "row"}.');
    const { table, row, unreadable: whyUnreadable } = rowLine.data;
    const at = order.indexOf(table, tableIndex);
    if (at < 0) {
      throw new BackupRefused(lineNumber, order.includes(table) ? `rows of table ${table} appear again after other tables.` : `table ${table} is not in the header.`);
    }
    tableIndex = at;
    const tableRows = rows.get(table)!;
    if (tableRows.length >= header.tables[table]!) throw new BackupRefused(lineNumber, `more rows of ${table} than the header's ${header.tables[table]}.`);
    const schema = tables.get(table);
    if (whyUnreadable !== undefined) {
      if (!unreadable.has(table)) unreadable.set(table, new Set());
      unreadable.get(table)!.add(row);
    } else if (schema) {
      const parsed = schema.safeParse(row);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BackupRefused(lineNumber, `a row of ${table} is invalid (${issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'invalid'}).`);
      }
    }
    tableRows.push(row);
    rowCount += 1;
    checksum.add(line);
    if (rowCount % 1000 === 0) onProgress?.({ rows: rowCount, total });
  }

  if (header === null) throw new BackupRefused(null, 'The file is empty: it is not a MIND Lab backup.');
  if (!ended) throw new BackupRefused(lineNumber, `the file ends without its end line: it was cut short (${rowCount} of ${total} rows).`);
  onProgress?.({ rows: rowCount, total });
  return { header, rows, unreadable };
}

function parseJson(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new BackupRefused(lineNumber, `not JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function readHeader(value: unknown, rules: BackupTableRules, lineNumber: number) {
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupRefused(lineNumber, 'this is not a MIND Lab backup (its first line has no "format": "mind-lab-backup").');
  const parsed = backupHeaderSchema.safeParse(value);
  if (!parsed.success) throw new BackupRefused(lineNumber, `the backup's header is malformed (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  const header = parsed.data;
  if (header.version > BACKUP_FORMAT_VERSION) throw new BackupRefused(lineNumber, `the backup format is version ${header.version}; this lab reads up to version ${BACKUP_FORMAT_VERSION}. Update the lab.`);
  if (header.schemaVersion > rules.currentSchemaVersion) {
    throw new BackupRefused(lineNumber, `the backup comes from a newer lab (database version ${header.schemaVersion}; this one is at ${rules.currentSchemaVersion}). Update the lab.`);
  }
  const tables = rules.tablesOf(header.schemaVersion);
  if (!tables) throw new BackupRefused(lineNumber, `this lab cannot restore database version ${header.schemaVersion}.`);
  const unknown = Object.keys(header.tables).filter((table) => !tables.has(table));
  if (unknown.length > 0) throw new BackupRefused(lineNumber, `the header names tables a version-${header.schemaVersion} lab does not have: ${unknown.join(', ')}.`);
  return { header, tables };
}

function checkEnd(header: BackupHeader, rows: Map<string, unknown[]>, rowCount: number, end: { rows: number; checksum: string }, digest: string, lineNumber: number): void {
  for (const [table, expected] of Object.entries(header.tables)) {
    const actual = rows.get(table)!.length;
    if (actual !== expected) throw new BackupRefused(lineNumber, `the header counts ${expected} rows of ${table}, the file holds ${actual}.`);
  }
  if (end.rows !== rowCount) throw new BackupRefused(lineNumber, `the end line counts ${end.rows} rows, the file holds ${rowCount}.`);
  if (end.checksum !== digest) throw new BackupRefused(lineNumber, 'the checksum does not match: the file was changed or damaged.');
}
