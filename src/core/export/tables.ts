import type { SchemaElement } from 'hyparquet-writer';

/**
 * The Parquet columns of each table, declared once. Nested columns get an explicit schema (hyparquet-writer cannot
 * infer a list of structs): `messages` is OPTIONAL LIST → `list` REPEATED → `element` OPTIONAL group of UTF8
 * fields, the three-level form Arrow, pandas and the Hub's viewer read as a list of records.
 */
export type ColumnKind =
  | 'STRING'
  | 'DOUBLE'
  | 'INT32'
  | 'INT64'
  | 'BOOLEAN'
  /** Any JSON value, stored as UTF-8 JSON text with the JSON converted type (read back as the value). */
  | 'JSON'
  | { list: 'STRING' }
  /** A list of records whose fields are all strings. */
  | { listOf: readonly string[] };

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** May the value be null (strings and numbers; lists are always optional). */
  nullable?: boolean;
}

export type TableSpec = readonly ColumnSpec[];

const utf8 = (name: string, nullable: boolean): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: nullable ? 'OPTIONAL' : 'REQUIRED' });

function columnSchema({ name, kind, nullable = false }: ColumnSpec): SchemaElement[] {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  if (kind === 'STRING') return [utf8(name, nullable)];
  if (kind === 'JSON') return [{ name, type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type }];
  if (kind === 'DOUBLE' || kind === 'INT32' || kind === 'INT64' || kind === 'BOOLEAN') return [{ name, type: kind, repetition_type }];
  const list: SchemaElement[] = [
    { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  ];
  if ('list' in kind) return [...list, utf8('element', true)];
  return [...list, { name: 'element', repetition_type: 'OPTIONAL', num_children: kind.listOf.length }, ...kind.listOf.map((field) => utf8(field, true))];
}

/** The whole schema: the root counts the top-level columns, each column adds its own elements in order. */
export const parquetSchema = (table: TableSpec): SchemaElement[] => [{ name: 'root', num_children: table.length }, ...table.flatMap(columnSchema)];

export const PROVENANCE_COLUMNS: TableSpec = [
  { name: 'id', kind: 'STRING' },
  { name: 'source_url', kind: 'STRING', nullable: true },
  { name: 'document_id', kind: 'STRING', nullable: true },
  { name: 'document_hash', kind: 'STRING', nullable: true },
  { name: 'excerpt_sha256', kind: 'STRING' },
  { name: 'style', kind: 'STRING' },
  { name: 'template_version_id', kind: 'STRING' },
  { name: 'template_hash', kind: 'STRING' },
  { name: 'engine', kind: 'STRING' },
  { name: 'model', kind: 'STRING' },
  { name: 'temperature', kind: 'DOUBLE' },
  { name: 'top_p', kind: 'DOUBLE' },
  { name: 'max_tokens', kind: 'INT32' },
  { name: 'seed', kind: 'INT64' },
  { name: 'stop', kind: { list: 'STRING' } },
  { name: 'run_id', kind: 'STRING', nullable: true },
  { name: 'edited', kind: 'BOOLEAN' },
  { name: 'ratings_submitted', kind: 'INT32' },
  { name: 'keep_votes', kind: 'INT32' },
  { name: 'reject_votes', kind: 'INT32' },
  { name: 'verdict', kind: 'STRING' },
  { name: 'rating_means', kind: 'JSON' },
  { name: 'filter_pass', kind: 'BOOLEAN', nullable: true },
  { name: 'filter_reasons', kind: { list: 'STRING' } },
];

export const DIALOGUE_TABLE: TableSpec = [
  { name: 'text', kind: 'STRING' },
  { name: 'messages', kind: { listOf: ['role', 'content'] } },
  { name: 'conversations', kind: { listOf: ['from', 'value'] } },
  ...PROVENANCE_COLUMNS,
];

export const PREFERENCE_TABLE: TableSpec = [
  { name: 'prompt', kind: 'STRING' },
  { name: 'chosen', kind: 'STRING' },
  { name: 'rejected', kind: 'STRING' },
  { name: 'source', kind: 'STRING' },
  { name: 'votes_for', kind: 'INT32' },
  { name: 'votes_against', kind: 'INT32' },
  { name: 'excerpt_sha256', kind: 'STRING' },
  { name: 'source_url', kind: 'STRING', nullable: true },
  { name: 'chosen_id', kind: 'STRING' },
  { name: 'rejected_id', kind: 'STRING' },
  { name: 'chosen_provenance', kind: 'JSON' },
  { name: 'rejected_provenance', kind: 'JSON' },
];
