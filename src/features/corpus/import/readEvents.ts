import type { ReadEvent } from '../../../core/corpus/readers';
import { detectFormat, readJsonLines, readPlainText } from '../../../core/corpus/readers';
import { readCorpus } from '../../../core/corpus/readCorpus';
import { readDatasetRows } from '../../../core/corpus/huggingface';
import { fileAsyncBuffer, streamChunks, textBytes } from './byteSources';
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

/** Picks the reader for a job; every reader streams, so no file is ever held in memory whole. */
export async function openEvents(job: ImportJob, hooks: SourceHooks): Promise<EventSource> {
  switch (job.kind) {
    case 'paste':
      return { name: job.name, format: 'text', totalBytes: null, events: readPlainText(textBytes(job.text), { fileName: job.name }) };
    case 'demo': {
      const response = await fetch(job.url, { signal: hooks.signal });
      if (!response.ok || !response.body) throw new Error(`Could not load the demo corpus (${response.status}).`);
      const bytes = streamChunks(response.body, hooks.onBytes);
      return { name: job.name, format: 'jsonl', totalBytes: Number(response.headers.get('content-length')) || null, events: readJsonLines(bytes, { fileName: job.name }) };
    }
    case 'huggingface':
      return { name: `${job.dataset} (${job.config}/${job.split})`, format: 'huggingface', totalBytes: null, events: fromHuggingFace(job, hooks) };
    case 'file': {
      const { file } = job;
      const { format, gzip } = detectFormat(file.name);
      const corpusFile = {
        name: file.name,
        stream: () => streamChunks(file.stream(), hooks.onBytes),
        asyncBuffer: async () => fileAsyncBuffer(file, hooks.onBytes),
      };
      const textField = format === 'parquet' ? job.textColumn : job.textField;
      const events = readCorpus(corpusFile, textField ? { textField } : {});
      return { name: file.name, format: gzip ? `${format}+gzip` : format, totalBytes: file.size, events };
    }
  }
}
