import { z } from 'zod';

/**
 * A lab backup is JSON Lines: a header naming the format, its version, the Dexie schema version the rows come from
 * and how many rows each table holds; one line per row; and an end line with the row count and a checksum of every
 * line before it, so a cut or damaged file is refused instead of half restored.
 */
export const BACKUP_FORMAT = 'mind-lab-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  /** The Dexie version of the database the rows were read from: an older one is restored through the migrations. */
  schemaVersion: z.number().int().positive(),
  createdAt: z.number(),
  /** Rows per table, in the order their lines follow. */
  tables: z.record(z.string().min(1), z.number().int().nonnegative()),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupRowLineSchema = z.object({
  table: z.string().min(1),
  row: z.record(z.string(), z.unknown()),
  /**
   * Set by the lab that wrote the backup when the row was already unreadable there (a row an old migration could
   * not upgrade): it is restored as it was, and reported, instead of refusing the whole file.
   */
  unreadable: z.string().optional(),
});

export const backupEndSchema = z.object({
  end: z.literal(BACKUP_FORMAT),
  rows: z.number().int().nonnegative(),
  /** FNV-1a (32 bit) of every line before this one, each followed by a newline: it catches damage, not forgery. */
  checksum: z.string().regex(/^fnv1a32:[0-9a-f]{8}$/),
});
export type BackupEnd = z.infer<typeof backupEndSchema>;

/** Why a file was refused, with the 1-based line where that was found (null when it concerns the whole file). */
export class BackupRefused extends Error {
  constructor(
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? reason : `Line ${line}: ${reason}`);
    this.name = 'BackupRefused';
  }
}
