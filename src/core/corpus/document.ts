import { z } from 'zod';

/** One document as read from a file, before it is stored. */
export interface DocumentInput {
  url: string | null;
  date: string | null;
  text: string;
  metadata: Record<string, unknown> | null;
}

/** A record that could not be read; `line` is the 1-based line (JSONL, JSON, text) or 1-based row (Parquet). */
export interface RejectedRecord {
  file: string;
  line: number;
  reason: string;
}

export const DEFAULT_TEXT_FIELD = 'text';

const optionalString = (field: string) =>
  z
    .union([z.string(), z.null()], { error: `field "${field}" must be a string` })
    .optional()
    .transform((value) => value ?? null);

const optionalDate = z
  .union([z.string(), z.number(), z.null()], { error: 'field "date" must be a string or a number' })
  .optional()
  .transform((value) => (value === undefined || value === null ? null : String(value)));

/**
 * OpenWebMath stores metadata as a JSON string; other datasets as an object. A string that is not a JSON
 * object is kept whole under `raw` rather than rejecting the record for it.
 */
const metadataField = z
  .union([z.string(), z.record(z.string(), z.unknown()), z.null()], {
    error: 'field "metadata" must be an object or a JSON string',
  })
  .optional()
  .transform((value): Record<string, unknown> | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') return value;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Not JSON: kept as raw text below.
    }
    return { raw: value };
  });

function textField(field: string) {
  return z.string({
    error: (issue) =>
      issue.input === undefined
        ? `missing text field "${field}"`
        : `field "${field}" must be a string, got ${issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input}`,
  });
}

/** Schema of one OWM-style record whose text is in `field` ("text" by default); the output is a DocumentInput. */
export function recordSchema(field: string = DEFAULT_TEXT_FIELD) {
  const base = z.object({ url: optionalString('url'), date: optionalDate, metadata: metadataField });
  // A computed key loses its type in z.object, so the text field is added with extend and read back by name.
  return base.extend({ [field]: textField(field) }).transform(
    (record): DocumentInput => ({
      url: record.url as string | null,
      date: record.date as string | null,
      text: (record as Record<string, unknown>)[field] as string,
      metadata: record.metadata as unknown as Record<string, unknown> | null,
    }),
  );
}

/** The OpenWebMath record `{url, text, date, metadata}`; only `text` is required. */
export const owmRecordSchema = recordSchema(DEFAULT_TEXT_FIELD);

export type RecordParse = { ok: true; document: DocumentInput } | { ok: false; reason: string };

const schemaCache = new Map<string, ReturnType<typeof recordSchema>>();

/**
 * Validates one parsed JSON value as a document. A bare JSON string is a document with only text. Empty or
 * whitespace-only text is rejected: there is nothing to chunk.
 */
export function parseRecord(value: unknown, field: string = DEFAULT_TEXT_FIELD): RecordParse {
  if (typeof value === 'string') value = { [field]: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { ok: false, reason: `expected a JSON object, got ${got}` };
  }
  let schema = schemaCache.get(field);
  if (!schema) {
    schema = recordSchema(field);
    schemaCache.set(field, schema);
  }
  const result = schema.safeParse(value);
  if (!result.success) return { ok: false, reason: result.error.issues.map((issue) => issue.message).join('; ') };
  if (result.data.text.trim() === '') return { ok: false, reason: `field "${field}" is empty` };
  return { ok: true, document: result.data };
}
