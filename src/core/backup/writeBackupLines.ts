import { LineChecksum } from './checksum';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, type BackupEnd } from './format';

/**
 * Turns rows into backup lines, summing them as they go. Tables must come in the header's order, each with exactly
 * the rows the header counts: `end()` refuses otherwise (the lab changed while it was read), so such a file is never
 * completed and can never be restored as if whole.
 */
export class BackupLineWriter {
  private readonly checksum = new LineChecksum();
  private readonly written = new Map<string, number>();
  private rows = 0;

  constructor(private readonly header: BackupHeader) {}

  static create(input: { schemaVersion: number; createdAt: number; tables: Record<string, number> }): BackupLineWriter {
    return new BackupLineWriter({ format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, ...input });
  }

  headerLine(): string {
    return this.line(JSON.stringify(this.header));
  }

  /** `unreadable`: why the row already failed its schema in this lab (it is copied as it is, and marked). */
  rowLine(table: string, row: unknown, unreadable?: string): string {
    if (!(table in this.header.tables)) throw new Error(`Table ${table} is not in the backup's header.`);
    this.written.set(table, (this.written.get(table) ?? 0) + 1);
    this.rows += 1;
    return this.line(JSON.stringify(unreadable === undefined ? { table, row } : { table, row, unreadable }));
  }

  endLine(): string {
    for (const [table, expected] of Object.entries(this.header.tables)) {
      const actual = this.written.get(table) ?? 0;
      if (actual !== expected) {
        throw new Error(`The lab changed while it was backed up (${table}: ${expected} rows counted, ${actual} read). Back it up again.`);
      }
    }
    const end: BackupEnd = { end: BACKUP_FORMAT, rows: this.rows, checksum: this.checksum.digest() };
    return `${JSON.stringify(end)}\n`;
  }

  private line(text: string): string {
    this.checksum.add(text);
    return `${text}\n`;
  }
}
