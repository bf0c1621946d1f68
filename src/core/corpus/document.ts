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

/**
 * Bounds on one record, so that one hostile record costs a rejection, never the import: memory per record stays
 * proportional to these, and nothing nested deeper than `maxMetadataDepth` reaches code that recurses (structured
 * clone into IndexedDB, JSON.stringify) and would throw a RangeError there.
 */
export interface RecordLimits {
  /** Largest record (a JSON line, a JSON array element, a text file, a Parquet text cell), in bytes. */
  maxRecordBytes: number;
  /** Deepest nesting of objects and arrays inside `metadata`. */
  maxMetadataDepth: number;
  /** Largest `metadata`: characters of its JSON string, or of its keys and strings when it is an object. */
  maxMetadataBytes: number;
}

/**
 * 16 MiB is over 100 times the longest page of the OpenWebMath sample and far below V8's string limit (about
 * 512 MiB of UTF-16 code units); even the worst hostile text chunks in seconds at that size, and MIND's excerpts
 * are 500 tokens, so nothing useful is lost. OWM metadata is a flat object of a few hundred bytes.
 */
export const DEFAULT_RECORD_LIMITS: RecordLimits = {
  maxRecordBytes: 16 * 2 ** 20,
  maxMetadataDepth: 32,
  maxMetadataBytes: 1 * 2 ** 20,
};

const formatBytes = (bytes: number) =>
  bytes >= 2 ** 20 ? `${+(bytes / 2 ** 20).toFixed(1)} MiB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;

/** The rejection reason for a record over `maxRecordBytes`; it names the limit and how to raise it. */
export function recordTooLargeReason(bytes: number | null, limits: RecordLimits): string {
  const size = bytes === null ? 'more than' : `${formatBytes(bytes)}, over`;
  return `record is too large (${size} the ${formatBytes(limits.maxRecordBytes)} limit, maxRecordBytes)`;
}

/**
 * Depth and size of a metadata value, walked with an explicit stack (no recursion), stopping as soon as a limit
 * is passed. Returns the reason to reject, or null.
 */
function metadataProblem(metadata: Record<string, unknown>, limits: RecordLimits): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: metadata, depth: 1 }];
  let size = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (depth > limits.maxMetadataDepth) {
      return `metadata nests deeper than ${limits.maxMetadataDepth} levels (maxMetadataDepth)`;
    }
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value as object);
    for (const [key, item] of entries) {
      size += String(key).length + 2;
      if (typeof item === 'string') size += item.length + 2;
      else if (item !== null && typeof item === 'object') stack.push({ value: item, depth: depth + 1 });
      else size += 8;
      if (size > limits.maxMetadataBytes) {
        return `metadata is larger than the ${formatBytes(limits.maxMetadataBytes)} limit (maxMetadataBytes)`;
      }
    }
  }
  return null;
}

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

const baseRecordSchema = z.object({ url: optionalString('url'), date: optionalDate, metadata: metadataField });

/** Schema of one OWM-style record whose text is in `field` ("text" by default); the output is a DocumentInput. */
export function recordSchema(field: string = DEFAULT_TEXT_FIELD) {
  const base = baseRecordSchema;
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

const textSchemas = new Map<string, ReturnType<typeof textField>>();
function textSchemaFor(field: string) {
  let schema = textSchemas.get(field);
  if (!schema) textSchemas.set(field, (schema = textField(field)));
  return schema;
}

/**
 * Validates one parsed JSON value as a document. A bare JSON string is a document with only text. Empty or
 * whitespace-only text is rejected: there is nothing to chunk. Never throws: whatever the value (a text field
 * named `__proto__`, metadata nested 10,000 deep), the answer is a document or a reason.
 */
export function parseRecord(
  value: unknown,
  field: string = DEFAULT_TEXT_FIELD,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): RecordParse {
  try {
    return parseRecordUnsafe(value, field, limits);
  } catch (error) {
    return { ok: false, reason: `cannot read this record (${error instanceof Error ? error.message : String(error)})` };
  }
}

function parseRecordUnsafe(value: unknown, field: string, limits: RecordLimits): RecordParse {
  if (typeof value === 'string') value = Object.defineProperty({}, field, { value, enumerable: true });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { ok: false, reason: `expected a JSON object, got ${got}` };
  }
  const rawMetadata = (value as Record<string, unknown>).metadata;
  if (typeof rawMetadata === 'string' && rawMetadata.length > limits.maxMetadataBytes) {
    return { ok: false, reason: `metadata is larger than the ${formatBytes(limits.maxMetadataBytes)} limit (maxMetadataBytes)` };
  }
  // The text is read as an own property, so a field named `__proto__` or `constructor` is the record's own value.
  const text = textSchemaFor(field).safeParse(Object.getOwnPropertyDescriptor(value, field)?.value);
  const rest = baseRecordSchema.safeParse(value);
  const issues = [...(rest.success ? [] : rest.error.issues), ...(text.success ? [] : text.error.issues)];
  if (!rest.success || !text.success) return { ok: false, reason: issues.map((issue) => issue.message).join('; ') };
  const result = { data: { ...rest.data, text: text.data } satisfies DocumentInput };
  if (result.data.text.trim() === '') return { ok: false, reason: `field "${field}" is empty` };
  if (result.data.text.length > limits.maxRecordBytes) {
    return { ok: false, reason: recordTooLargeReason(null, limits) };
  }
  const problem = result.data.metadata ? metadataProblem(result.data.metadata, limits) : null;
  if (problem) return { ok: false, reason: problem };
  return { ok: true, document: result.data };
}
