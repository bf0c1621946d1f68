import type { ReadEvent } from '../../../core/corpus/readers/readEvent';
import { detectFormat, formatLabel, type DetectedFormat } from '../../../core/corpus/readers/format';
import { readCorpus } from '../../../core/corpus/readCorpus';
import { readDatasetRows } from '../../../core/corpus/huggingface';
import { fileAsyncBuffer, streamChunks } from './byteSources';
import type { ImportJob } from './protocol';

export interface EventSource {
  name: string;
  format: string;
  totalBytes: number | null;
  events: AsyncIterable<ReadEvent>;
}

export interface SourceHooks {
  onBytes(n: number): void;
  onNotice(text: string | null): void;
  signal: AbortSignal;
}

async function* fromHuggingFace(job: Extract<ImportJob, { kind: 'huggingface' }>, hooks: SourceHooks): AsyncGenerator<ReadEvent> {
  const rows = readDatasetRows(job, {
    ...(job.baseUrl ? { baseUrl: job.baseUrl } : {}),
    ...(job.token ? { token: job.token } : {}),
    signal: hooks.signal,
    onRetry: (seconds, attempt) => hooks.onNotice(`Rate-limited by Hugging Face: waiting ${Math.round(seconds)} s (retry ${attempt}).`),
  });
  for await (const event of rows) {
    if (event.kind === 'progress') {
      hooks.onNotice(`${event.rowsRead} of ${event.rowsTotal} rows read`);
      continue;
    }
    yield event;
  }
}

/** Pasted text is one plain-text document whatever its title. */
const PASTED: DetectedFormat = { format: 'text', gzip: false };

/** The bytes of a job that has them whole (a file, pasted text, the demo corpus), as a Blob with its name and format. */
async function blobOf(job: Exclude<ImportJob, { kind: 'huggingface' }>, signal: AbortSignal): Promise<{ blob: Blob; fileName: string; format: DetectedFormat }> {
  switch (job.kind) {
    case 'file':
      return { blob: job.file, fileName: job.file.name, format: detectFormat(job.file.name) };
    case 'paste':
      return { blob: new Blob([job.text]), fileName: job.name, format: PASTED };
    case 'demo': {
      // A small file of the app's own (under 100 KB): taken whole, then read like a chosen file.
      const response = await fetch(job.url, { signal });
      if (!response.ok) throw new Error(`Could not load the demo corpus (${response.status}).`);
      const fileName = new URL(job.url, self.location.href).pathname.split('/').pop() ?? job.url;
      return { blob: await response.blob(), fileName, format: detectFormat(fileName) };
    }
  }
}

/**
 * Opens a job's records. Files, pasted text and the demo corpus all go through core's readCorpus (one reader
 * dispatch); every reader streams, so no file is ever held in memory whole.
 */
export async function openEvents(job: ImportJob, hooks: SourceHooks): Promise<EventSource> {
  if (job.kind === 'huggingface') {
    return { name: `${job.dataset} (${job.config}/${job.split})`, format: 'huggingface', totalBytes: null, events: fromHuggingFace(job, hooks) };
  }
  const { blob, fileName, format } = await blobOf(job, hooks.signal);
  const corpusFile = {
    name: fileName,
    format,
    stream: () => streamChunks(blob.stream(), hooks.onBytes),
    asyncBuffer: async () => fileAsyncBuffer(blob, hooks.onBytes),
  };
  const textField = job.kind !== 'file' ? undefined : format.format === 'parquet' ? job.textColumn : job.textField;
  return {
    name: job.kind === 'file' ? job.file.name : job.name,
    format: formatLabel(format),
    totalBytes: blob.size,
    events: readCorpus(corpusFile, textField ? { textField } : {}),
  };
}
