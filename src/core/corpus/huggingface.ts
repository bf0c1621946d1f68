import { z } from 'zod';

/** The public Hugging Face dataset viewer API; configurable so tests can replay it from a local server. */
export const DEFAULT_HF_BASE_URL = 'https://datasets-server.huggingface.co';
/** The API's own limit on `length` for /rows. */
export const HF_MAX_PAGE = 100;

export interface HfDocument {
  url: string | null;
  date: string | null;
  text: string;
  metadata: Record<string, unknown> | null;
}

export type HfRowEvent =
  | { kind: 'record'; line: number; document: HfDocument }
  | { kind: 'rejected'; rejected: { file: string; line: number; reason: string } }
  | { kind: 'progress'; rowsRead: number; rowsTotal: number };

export type HfErrorKind = 'rate-limited' | 'network' | 'not-found' | 'unauthorized' | 'server' | 'invalid-response';

export class HuggingFaceError extends Error {
  constructor(
    readonly kind: HfErrorKind,
    message: string,
    readonly hint: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'HuggingFaceError';
  }
}

export interface HfClientOptions {
  baseUrl?: string;
  /** A Hugging Face access token, for gated or private datasets. */
  token?: string;
  signal?: AbortSignal;
  /** How many times a 429 answer is retried after its Retry-After wait. */
  maxRetries?: number;
  /** Told about each wait, e.g. to show "rate-limited, retrying in 5 s". */
  onRetry?(waitSeconds: number, attempt: number): void;
  fetch?: typeof fetch;
  wait?(ms: number, signal?: AbortSignal): Promise<void>;
}

const splitsSchema = z.object({ splits: z.array(z.object({ dataset: z.string(), config: z.string(), split: z.string() })) });

const rowsSchema = z.object({
  features: z.array(z.object({ feature_idx: z.number(), name: z.string(), type: z.unknown() })),
  rows: z.array(z.object({ row_idx: z.number().int(), row: z.record(z.string(), z.unknown()), truncated_cells: z.array(z.string()) })),
  num_rows_total: z.number().int().nonnegative(),
  num_rows_per_page: z.number().int().nonnegative(),
  partial: z.boolean(),
});

export type HfSplit = z.infer<typeof splitsSchema>['splits'][number];
export type HfRowsPage = z.infer<typeof rowsSchema>;

const waitFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });

function retryAfterSeconds(header: string | null): number {
  if (!header) return 5;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 5 : Math.max(0, (date - Date.now()) / 1000);
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch { /* a body that is not JSON says nothing more than the status */ }
  return `HTTP ${response.status}`;
}

async function getJson<T>(path: string, params: Record<string, string | number>, schema: z.ZodType<T>, o: HfClientOptions): Promise<T> {
  const base = (o.baseUrl ?? DEFAULT_HF_BASE_URL).replace(/\/+$/, '');
  const url = `${base}${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  const doFetch = o.fetch ?? fetch;
  const wait = o.wait ?? waitFor;
  const maxRetries = o.maxRetries ?? 3;
  for (let attempt = 0; ; attempt += 1) {
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: o.token ? { Authorization: `Bearer ${o.token}` } : {},
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } catch (error) {
      if (o.signal?.aborted) throw error;
      throw new HuggingFaceError('network', `Could not reach ${base}: ${error instanceof Error ? error.message : String(error)}.`,
        'Check the network connection and the API address, then try again.');
    }
    if (response.status === 429) {
      const seconds = retryAfterSeconds(response.headers.get('Retry-After'));
      if (attempt < maxRetries) {
        o.onRetry?.(seconds, attempt + 1);
        await wait(seconds * 1000, o.signal);
        continue;
      }
      throw new HuggingFaceError('rate-limited', `The Hugging Face API is rate-limiting requests (asked to wait ${Math.round(seconds)} s).`,
        'Wait a while and try again, or add an access token: signed-in requests get a higher limit.', seconds);
    }
    if (response.status === 401 || response.status === 403) {
      throw new HuggingFaceError('unauthorized', `Access denied: ${await errorMessage(response)}.`,
        'The dataset may be gated or private: accept its terms on huggingface.co and add an access token.');
    }
    if (response.status === 404) {
      throw new HuggingFaceError('not-found', `Not found: ${await errorMessage(response)}.`, 'Check the dataset name (owner/name), the config and the split.');
    }
    if (!response.ok) {
      throw new HuggingFaceError('server', `The API answered ${response.status}: ${await errorMessage(response)}.`,
        'The dataset viewer may not support this dataset yet; try again later.');
    }
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      throw new HuggingFaceError('invalid-response', `Unexpected answer from ${path}: ${parsed.error.issues[0]?.message ?? 'invalid JSON'}.`,
        'Check that the API address points to the Hugging Face dataset viewer.');
    }
    return parsed.data;
  }
}

export async function listSplits(dataset: string, o: HfClientOptions = {}): Promise<HfSplit[]> {
  return (await getJson('/splits', { dataset }, splitsSchema, o)).splits;
}

export async function fetchRowsPage(dataset: string, config: string, split: string, offset: number, length: number, o: HfClientOptions = {}): Promise<HfRowsPage> {
  return getJson('/rows', { dataset, config, split, offset, length: Math.min(length, HF_MAX_PAGE) }, rowsSchema, o);
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

function metadataOf(value: unknown): Record<string, unknown> | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { raw: value };
  } catch {
    return { raw: value };
  }
}

/** Turns one dataset row into a document, or says why it cannot be one. */
export function rowToDocument(row: HfRowsPage['rows'][number], textField: string): HfDocument | string {
  const text = row.row[textField];
  if (typeof text !== 'string') return `column "${textField}" is missing or not text`;
  if (!text.trim()) return `column "${textField}" is empty`;
  if (row.truncated_cells.includes(textField)) return `column "${textField}" was truncated by the dataset viewer`;
  return { url: stringOrNull(row.row.url), date: stringOrNull(row.row.date), text, metadata: metadataOf(row.row.metadata) };
}

export interface DatasetRowsRequest {
  dataset: string;
  config: string;
  split: string;
  /** How many rows to read from the start of the split (at most the split's size). */
  limit: number;
  textField?: string;
}

/** Pages through a split 100 rows at a time, yielding each row as a document or a rejection. */
export async function* readDatasetRows(request: DatasetRowsRequest, o: HfClientOptions = {}): AsyncGenerator<HfRowEvent> {
  const textField = request.textField ?? 'text';
  const file = `${request.dataset}/${request.config}/${request.split}`;
  let total = request.limit;
  for (let offset = 0; offset < total; ) {
    const page = await fetchRowsPage(request.dataset, request.config, request.split, offset, Math.min(HF_MAX_PAGE, total - offset), o);
    total = Math.min(request.limit, page.num_rows_total);
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      const document = rowToDocument(row, textField);
      if (typeof document === 'string') yield { kind: 'rejected', rejected: { file, line: row.row_idx, reason: document } };
      else yield { kind: 'record', line: row.row_idx, document };
    }
    offset += page.rows.length;
    yield { kind: 'progress', rowsRead: Math.min(offset, total), rowsTotal: total };
  }
}
