import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { asyncBufferFromFile } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { DocumentInput, RejectedRecord } from './document';
import { readCorpus, type CorpusFile } from './readCorpus';
import { detectFormat } from './readers/format';
import { gunzip } from './readers/gunzip';
import { readJsonArray } from './readers/jsonArray';
import { readJsonLines } from './readers/jsonLines';
import { parquetColumns, readParquet } from './readers/parquet';
import { readPlainText } from './readers/plainText';
import type { ReadEvent } from './readers/readEvent';
import { jsonlFields } from './readers/textFields';

const dataPath = (name: string) => fileURLToPath(new URL(`../../../../shared/data/${name}`, import.meta.url));
const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const SAMPLE_LINES = readFileSync(dataPath('owm_sample.jsonl'), 'utf8').split('\n').filter((line) => line.trim());
const encoder = new TextEncoder();

interface Collected {
  records: { line: number; document: DocumentInput }[];
  rejected: RejectedRecord[];
  progress: number[];
}

async function collect(events: AsyncIterable<ReadEvent>): Promise<Collected> {
  const result: Collected = { records: [], rejected: [], progress: [] };
  for await (const event of events) {
    if (event.kind === 'record') result.records.push({ line: event.line, document: event.document });
    else if (event.kind === 'rejected' || event.kind === 'failed') result.rejected.push(event.rejected);
    else result.progress.push(event.bytesRead);
  }
  return result;
}

/** Splits bytes into pieces of `size`, so lines, elements and UTF-8 characters are cut across chunks. */
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.slice(offset, offset + size);
}

function expectSampleDocuments(records: Collected['records']): void {
  expect(records).toHaveLength(320);
  records.forEach(({ document }, index) => {
    const original = JSON.parse(SAMPLE_LINES[index] ?? '{}') as Record<string, string>;
    expect(document.text).toBe(original.text);
    expect(document.url).toBe(original.url);
    expect(document.date).toBe(original.date);
    expect(document.metadata).toEqual(JSON.parse(original.metadata ?? 'null'));
  });
}

/** Cuts bytes at the given (sorted, possibly repeated) offsets. */
async function* cutAt(bytes: Uint8Array, offsets: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    yield bytes.slice(start, Math.max(start, offset));
    start = Math.max(start, offset);
  }
}

describe('chunk boundaries never matter', () => {
  const badBytes = new Uint8Array(readFileSync(fixturePath('bad-records.jsonl')));
  const sampleBytes = new Uint8Array(readFileSync(dataPath('owm_sample.jsonl')).subarray(0, 20_000));
  const mixed = new Uint8Array([...badBytes, 10, ...sampleBytes]);
  const arrayBytes = encoder.encode(`[${SAMPLE_LINES.slice(0, 4).join(',\n')},\n{"text": 5}, "plain"]`);
  const offsets = (length: number) => fc.array(fc.integer({ min: 0, max: length }), { maxLength: 40 }).map((list) => list.sort((a, b) => a - b));

  it('JSON Lines read the same whatever the chunking', async () => {
    const whole = await collect(readJsonLines(cutAt(mixed, []), { fileName: 'm.jsonl' }));
    expect(whole.records.length).toBeGreaterThan(3);
    expect(whole.rejected.length).toBe(7); // six in the fixture, one cut-off last sample line
    await fc.assert(
      fc.asyncProperty(offsets(mixed.length), async (cuts) => {
        const result = await collect(readJsonLines(cutAt(mixed, cuts), { fileName: 'm.jsonl' }));
        expect(result.records).toEqual(whole.records);
        expect(result.rejected).toEqual(whole.rejected);
      }),
      { numRuns: 60 },
    );
  });

  it('JSON arrays read the same whatever the chunking', async () => {
    const whole = await collect(readJsonArray(cutAt(arrayBytes, []), { fileName: 'a.json' }));
    expect(whole.records).toHaveLength(5);
    expect(whole.rejected).toHaveLength(1);
    await fc.assert(
      fc.asyncProperty(offsets(arrayBytes.length), async (cuts) => {
        const result = await collect(readJsonArray(cutAt(arrayBytes, cuts), { fileName: 'a.json' }));
        expect(result.records).toEqual(whole.records);
        expect(result.rejected).toEqual(whole.rejected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('detectFormat', () => {
  it('reads the format and gzip from the file name', () => {
    expect(detectFormat('owm.JSONL')).toEqual({ format: 'jsonl', gzip: false });
    expect(detectFormat('owm.jsonl.gz')).toEqual({ format: 'jsonl', gzip: true });
    expect(detectFormat('x.ndjson')).toEqual({ format: 'jsonl', gzip: false });
    expect(detectFormat('x.json.gz')).toEqual({ format: 'json-array', gzip: true });
    expect(detectFormat('x.parquet')).toEqual({ format: 'parquet', gzip: false });
    expect(detectFormat('notes.md')).toEqual({ format: 'text', gzip: false });
    expect(() => detectFormat('table.csv')).toThrow(/use \.jsonl/);
    expect(() => detectFormat('x.parquet.gz')).toThrow(/Cannot read/);
  });
});

describe('readJsonLines', () => {
  it('reads the 320 OWM sample records with metadata parsed from its JSON string', async () => {
    const result = await collect(readJsonLines(createReadStream(dataPath('owm_sample.jsonl')), { fileName: 'owm_sample.jsonl' }));
    expect(result.rejected).toEqual([]);
    expectSampleDocuments(result.records);
    expect(result.records.map((record) => record.line)).toEqual(SAMPLE_LINES.map((_, index) => index + 1));
    expect(result.progress.at(-1)).toBe(1_672_717);
  });

  it('handles lines and UTF-8 characters split across chunks', async () => {
    const bytes = readFileSync(dataPath('owm_sample.jsonl'));
    for (const size of [1, 7, 4093]) {
      const result = await collect(readJsonLines(pieces(bytes.subarray(0, 40_000), size), { fileName: 'part.jsonl' }));
      const whole = await collect(readJsonLines(pieces(bytes.subarray(0, 40_000), 1 << 20), { fileName: 'part.jsonl' }));
      expect(result).toMatchObject({ records: whole.records, rejected: whole.rejected });
    }
  });

  it('reports every bad line of the fixture with its line number and reason, and keeps the good ones', async () => {
    const result = await collect(readJsonLines(createReadStream(fixturePath('bad-records.jsonl')), { fileName: 'bad-records.jsonl' }));
    expect(result.records.map(({ line, document }) => [line, document.url])).toEqual([
      [1, 'https://example.org/a'],
      [8, null],
    ]);
    expect(result.records[0]?.document.metadata).toEqual({ site: 'example.org' });
    expect(result.records[1]?.document.text).toContain('<script>');
    expect(result.rejected.map(({ file, line }) => `${file}:${line}`)).toEqual([
      'bad-records.jsonl:2',
      'bad-records.jsonl:3',
      'bad-records.jsonl:4',
      'bad-records.jsonl:5',
      'bad-records.jsonl:7',
      'bad-records.jsonl:9',
    ]);
    const reasons = result.rejected.map((rejection) => rejection.reason);
    expect(reasons[0]).toMatch(/^invalid JSON/);
    expect(reasons[1]).toBe('missing text field "text"');
    expect(reasons[2]).toBe('field "text" must be a string, got number');
    expect(reasons[3]).toBe('invalid UTF-8');
    expect(reasons[4]).toBe('field "text" is empty');
    expect(reasons[5]).toMatch(/^invalid JSON: Unterminated string/);
  });

  it('reads any JSONL with a user-picked text field and rejects records without it', async () => {
    const lines = ['{"question": "What is $2+2$?", "answer": "4"}', '{"answer": "no question"}'].join('\n');
    const result = await collect(readJsonLines(pieces(encoder.encode(lines), 5), { fileName: 'qa.jsonl', textField: 'question' }));
    expect(result.records.map((record) => record.document)).toEqual([
      { url: null, date: null, text: 'What is $2+2$?', metadata: null },
    ]);
    expect(result.rejected).toEqual([{ file: 'qa.jsonl', line: 2, reason: 'missing text field "question"' }]);
  });

  it('reads Windows line endings and skips blank lines, counting them', async () => {
    const bytes = encoder.encode('{"text": "a"}\r\n\r\n{"text": "b"}\r\n');
    const result = await collect(readJsonLines(pieces(bytes, 2), { fileName: 'crlf.jsonl' }));
    expect(result.records.map(({ line, document }) => [line, document.text])).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
    expect(result.rejected).toEqual([]);
  });

  it('reports a 0-byte file once', async () => {
    const result = await collect(readJsonLines(createReadStream(fixturePath('empty.jsonl')), { fileName: 'empty.jsonl' }));
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([{ file: 'empty.jsonl', line: 1, reason: 'file is empty (0 bytes)' }]);
  });

  it('reads .jsonl.gz through gunzip and reports a truncated gzip file', async () => {
    const whole = await collect(readJsonLines(gunzip(createReadStream(dataPath('owm_sample.jsonl.gz'))), { fileName: 'owm_sample.jsonl.gz' }));
    expect(whole.rejected).toEqual([]);
    expectSampleDocuments(whole.records);

    const truncated = readFileSync(dataPath('owm_sample.jsonl.gz')).subarray(0, 200_000);
    const result = await collect(readJsonLines(gunzip(pieces(truncated, 65_536)), { fileName: 'cut.jsonl.gz' }));
    expect(result.records.length).toBeGreaterThan(50);
    expect(result.records.length).toBeLessThan(320);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ file: 'cut.jsonl.gz', line: result.records.length + 1 });
    expect(result.rejected[0]?.reason).toMatch(/gzip data is truncated or corrupt/);
  });
});

describe('gunzip', () => {
  it('pulls compressed input only as fast as its output is read', async () => {
    const compressed = new Uint8Array(readFileSync(dataPath('owm_sample.jsonl.gz')));
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for (let offset = 0; offset < compressed.length; offset += 4096) {
        pulled += 1;
        yield compressed.slice(offset, offset + 4096);
      }
    }
    const output = gunzip(counted())[Symbol.asyncIterator]();
    await output.next();
    await output.next();
    expect(pulled).toBeLessThanOrEqual(4);
    await output.return?.();
    let total = 0;
    for await (const chunk of gunzip(counted())) total += chunk.byteLength;
    expect(total).toBe(1_672_717);
  });
});

describe('readJsonArray', () => {
  const arrayBytes = encoder.encode(`\ufeff[\n${SAMPLE_LINES.join(',\n')}\n]\n`);

  it('streams the elements of a JSON array, cut into small chunks', async () => {
    const result = await collect(readJsonArray(pieces(arrayBytes, 1000), { fileName: 'owm.json' }));
    expect(result.rejected).toEqual([]);
    expectSampleDocuments(result.records);
    expect(result.records[1]?.line).toBe(3);
  });

  it('reads pretty-printed arrays with nested values and escaped quotes', async () => {
    const text = JSON.stringify(
      [{ text: 'He said "hi" \\ [ok]', metadata: { tags: ['a', { b: '}' }] } }, 'bare string document'],
      null,
      2,
    );
    const result = await collect(readJsonArray(pieces(encoder.encode(text), 3), { fileName: 'p.json' }));
    expect(result.rejected).toEqual([]);
    expect(result.records.map((record) => [record.line, record.document.text])).toEqual([
      [2, 'He said "hi" \\ [ok]'],
      [13, 'bare string document'],
    ]);
    expect(result.records[0]?.document.metadata).toEqual({ tags: ['a', { b: '}' }] });
  });

  it('rejects bad elements and reports a truncated array', async () => {
    const text = '[{"text": "ok"},\n{"text": tru},\n{"text": 5},\n{"text": "cut';
    const result = await collect(readJsonArray(pieces(encoder.encode(text), 4), { fileName: 'bad.json' }));
    expect(result.records.map((record) => record.document.text)).toEqual(['ok']);
    expect(result.rejected.map(({ line, reason }) => [line, reason.split(':')[0]])).toEqual([
      [2, 'invalid JSON'],
      [3, 'field "text" must be a string, got number'],
      [4, 'the JSON array is not closed with "]" (file truncated?)'],
    ]);
  });

  it('reads a .json file that is really JSON Lines as JSON Lines', async () => {
    const result = await collect(readJsonArray(pieces(encoder.encode(SAMPLE_LINES.slice(0, 3).join('\n')), 100), { fileName: 'lines.json' }));
    expect(result.records).toHaveLength(3);
    expect(result.rejected).toEqual([]);
  });

  it('reports a 0-byte file once', async () => {
    const result = await collect(readJsonArray(pieces(new Uint8Array(0), 1), { fileName: 'empty.json' }));
    expect(result.rejected).toEqual([{ file: 'empty.json', line: 1, reason: 'file is empty (0 bytes)' }]);
  });
});

describe('readPlainText', () => {
  it('reads a .md file as one document, without its BOM', async () => {
    const result = await collect(readPlainText(createReadStream(fixturePath('bom-note.md')), { fileName: 'bom-note.md' }));
    expect(result.rejected).toEqual([]);
    expect(result.records).toEqual([
      {
        line: 1,
        document: { url: null, date: null, text: '# A note\n\nEuler: $e^{i\\pi} + 1 = 0$.\n', metadata: { file: 'bom-note.md' } },
      },
    ]);
  });

  it('rejects invalid UTF-8 with the line of the first bad byte, and 0-byte files', async () => {
    const bytes = new Uint8Array([...encoder.encode('line one\nline two\n'), 0xc3, 0x28, 10]);
    const bad = await collect(readPlainText(pieces(bytes, 4), { fileName: 'bad.txt' }));
    expect(bad.records).toEqual([]);
    expect(bad.rejected).toEqual([{ file: 'bad.txt', line: 3, reason: 'invalid UTF-8' }]);
    const empty = await collect(readPlainText(pieces(new Uint8Array(0), 1), { fileName: 'empty.txt' }));
    expect(empty.rejected).toEqual([{ file: 'empty.txt', line: 1, reason: 'file is empty (0 bytes)' }]);
  });
});

describe('readParquet', () => {
  it('reads the 320 sample rows identical to the JSONL, row group by row group', async () => {
    const file = await asyncBufferFromFile(dataPath('owm_sample.parquet'));
    expect(await parquetColumns(file)).toEqual(['url', 'text', 'date', 'metadata']);
    const result = await collect(readParquet(file, { fileName: 'owm_sample.parquet' }));
    expect(result.rejected).toEqual([]);
    expectSampleDocuments(result.records);
    expect(result.records.at(-1)?.line).toBe(320);
  });

  it('reports a Parquet file without the chosen text column once, naming the columns it has', async () => {
    const file = await asyncBufferFromFile(dataPath('owm_sample.parquet'));
    const result = await collect(readParquet(file, { fileName: 'owm_sample.parquet', textColumn: 'content' }));
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([
      {
        file: 'owm_sample.parquet',
        line: 1,
        reason: 'no column "content" in this Parquet file (columns: url, text, date, metadata); choose the column that holds the text',
      },
    ]);
  });

  it('rejects a file that is not Parquet and a 0-byte file', async () => {
    const notParquet = await collect(readParquet(new Uint8Array(encoder.encode('not parquet at all')).buffer, { fileName: 'x.parquet' }));
    expect(notParquet.rejected).toHaveLength(1);
    expect(notParquet.rejected[0]?.reason).toMatch(/^cannot read Parquet/);
    const empty = await collect(readParquet(new ArrayBuffer(0), { fileName: 'e.parquet' }));
    expect(empty.rejected).toEqual([{ file: 'e.parquet', line: 1, reason: 'file is empty (0 bytes)' }]);
  });
});

/** A File-like source, as the browser gives one: a Blob's stream and Blob-backed random access. */
function blobFile(blob: Blob, name: string): CorpusFile {
  return {
    name,
    async *stream() {
      const reader = blob.stream().getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
    },
    asyncBuffer: async () => ({ byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() }),
  };
}

describe('readCorpus', () => {
  it('picks the reader from the name and reads Blob-backed Parquet, .jsonl.gz and .jsonl alike', async () => {
    for (const name of ['owm_sample.parquet', 'owm_sample.jsonl.gz', 'owm_sample.jsonl']) {
      const blob = new Blob([readFileSync(dataPath(name))]);
      const result = await collect(readCorpus(blobFile(blob, name)));
      expect(result.rejected).toEqual([]);
      expectSampleDocuments(result.records);
    }
  });
});

describe('jsonlFields', () => {
  it('lists string fields of the first lines, "text" first, ignoring a cut-off last line', () => {
    const sample = readFileSync(dataPath('owm_sample.jsonl')).subarray(0, 30_000);
    expect(jsonlFields(sample)).toEqual(['text', 'url', 'date', 'metadata']);
    const qa = encoder.encode('{"q": "a", "n": 1}\n{"q": "b", "a": "c"}\n{"z": "cut');
    expect(jsonlFields(qa)).toEqual(['q', 'a']);
  });

  it('reads the fields of a JSON array sample', () => {
    expect(jsonlFields(encoder.encode('[{"body": "x", "id": 3}, {"body": "y", "title": "t"}, {"cut'))).toEqual(['body', 'title']);
  });
});
