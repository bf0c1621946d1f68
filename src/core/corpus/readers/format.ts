export type CorpusFormat = 'jsonl' | 'json-array' | 'parquet' | 'text';

export interface DetectedFormat {
  format: CorpusFormat;
  /** The bytes are gzip-compressed (a trailing .gz). */
  gzip: boolean;
}

const FORMAT_BY_EXTENSION: Record<string, CorpusFormat> = {
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json-array',
  parquet: 'parquet',
  txt: 'text',
  md: 'text',
  markdown: 'text',
};

/** Format from the file name (case-insensitive), with an optional trailing .gz. */
export function detectFormat(fileName: string): DetectedFormat {
  const parts = fileName.toLowerCase().split('.');
  const gzip = parts.length > 2 && parts[parts.length - 1] === 'gz';
  const extension = parts.length > 1 ? parts[parts.length - (gzip ? 2 : 1)] : undefined;
  const format = extension === undefined ? undefined : FORMAT_BY_EXTENSION[extension];
  if (!format || (gzip && format === 'parquet')) {
    throw new Error(
      `Cannot read "${fileName}": use .jsonl, .ndjson, .json (optionally .gz), .parquet, .txt or .md.`,
    );
  }
  return { format, gzip };
}

/** How a source's format is shown and stored: "jsonl", "jsonl+gzip", "parquet"… */
export const formatLabel = ({ format, gzip }: DetectedFormat): string => (gzip ? `${format}+gzip` : format);
