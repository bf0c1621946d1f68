import type { KeyValue } from 'hyparquet-writer';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { parquetSchema, type ColumnSpec, type TableSpec } from './tables';

/** Rows per row group: a group is encoded whole, so this bounds the writer's memory (about 5 MB of dialogues). */
export const ROW_GROUP_ROWS = 1000;

/** A ByteWriter that hands its bytes on after every row group instead of growing one buffer for the whole file. */
class HandOffWriter extends ByteWriter {
  readonly ready: Uint8Array[] = [];
  flush(): void {
    if (this.index > 0) this.ready.push(this.getBytes().slice());
    this.index = 0;
  }
  override finish(): void {
    this.flush();
  }
}

const toCell = (spec: ColumnSpec, value: unknown) => (spec.kind === 'INT64' && typeof value === 'number' ? BigInt(value) : value);

/**
 * Writes one Parquet file as a stream: rows are gathered into row groups of ROW_GROUP_ROWS, each encoded and
 * passed to `out` as soon as it is full, so memory holds one group whatever the file's size.
 */
export class ParquetStream<Row extends object> {
  private readonly writer = new HandOffWriter();
  private readonly parquet: ParquetWriter;
  private pending: Row[] = [];

  constructor(
    private readonly table: TableSpec,
    private readonly out: (bytes: Uint8Array) => Promise<void>,
    kvMetadata?: KeyValue[],
  ) {
    this.parquet = new ParquetWriter({ writer: this.writer, schema: parquetSchema(table), kvMetadata, createdBy: 'MIND Lab (hyparquet-writer)' });
  }

  async write(rows: readonly Row[]): Promise<void> {
    this.pending.push(...rows);
    while (this.pending.length >= ROW_GROUP_ROWS) await this.writeGroup(this.pending.splice(0, ROW_GROUP_ROWS));
  }

  async finish(): Promise<void> {
    if (this.pending.length > 0) await this.writeGroup(this.pending.splice(0));
    await this.parquet.finish();
    await this.drain();
  }

  private async writeGroup(rows: Row[]): Promise<void> {
    const columnData = this.table.map((spec) => ({ name: spec.name, data: rows.map((row) => toCell(spec, (row as Record<string, unknown>)[spec.name])) }));
    await this.parquet.write({ columnData, rowGroupSize: rows.length });
    await this.drain();
  }

  private async drain(): Promise<void> {
    for (const bytes of this.writer.ready.splice(0)) await this.out(bytes);
  }
}
