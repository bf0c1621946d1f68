import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureScalingAsync } from '../chunking/measureScaling';
import { DEFAULT_RECORD_LIMITS, parseRecord, type RecordLimits } from './document';
import { gunzip } from './readers/gunzip';
import { readJsonArray } from './readers/jsonArray';
import { readJsonLines } from './readers/jsonLines';
import { readParquet } from './readers/parquet';
import { readPlainText } from './readers/plainText';
import { decodeFailure, type ReadEvent } from './readers/readEvent';

const encoder = new TextEncoder();
const SAMPLE_LINES = readFileSync('/work/shared/data/owm_sample.jsonl', 'utf8').split('\n').filter((line) => line.trim());

async function* chunked(bytes: Uint8Array, sizes: readonly number[] = [64 * 1024]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i += 1) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.slice(at, at + size);
    at += size;
  }
}

async function collect(events: AsyncIterable<ReadEvent>) {
  const records: { line: number; text: string }[] = [];
  const rejected: { line: number; reason: string }[] = [];
  const failed: { line: number; reason: string }[] = [];
  for await (const event of events) {
    if (event.kind === 'record') records.push({ line: event.line, text: event.document.text });
    else if (event.kind === 'rejected') rejected.push(event.rejected);
    else if (event.kind === 'failed') failed.push(event.rejected);
  }
  return { records, rejected, failed };
}

const small: RecordLimits = { maxRecordBytes: 1000, maxMetadataDepth: 8, maxMetadataBytes: 200 };

describe('one bad record never ends the file, and is named by its own line', () => {
  it('a text field named __proto__ is read as the record\'s own field', async () => {
    const lines = ['{"__proto__":"first"}', '{"other":1}', '{"__proto__":"third","url":"u"}'].join('\n');
    const read = await collect(readJsonLines(chunked(encoder.encode(lines)), { fileName: 'p.jsonl', textField: '__proto__' }));
    expect(read.records).toEqual([{ line: 1, text: 'first' }, { line: 3, text: 'third' }]);
    expect(read.rejected).toEqual([{ file: 'p.jsonl', line: 2, reason: 'missing text field "__proto__"' }]);
  });

  it('metadata nested 10,000 deep is rejected with the limit named; the records around it are kept', async () => {
    const deep = `{"text":"deep","metadata":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const deepString = JSON.stringify({ text: 'deep string', metadata: `${'{"a":['.repeat(5_000)}${']}'.repeat(5_000)}` });
    const lines = ['{"text":"a"}', deep, deepString, '{"text":"b"}'].join('\n');
    const read = await collect(readJsonLines(chunked(encoder.encode(lines), [777]), { fileName: 'd.jsonl' }));
    expect(read.records.map((record) => record.line)).toEqual([1, 4]);
    expect(read.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, `metadata nests deeper than ${DEFAULT_RECORD_LIMITS.maxMetadataDepth} levels (maxMetadataDepth)`],
      [3, `metadata nests deeper than ${DEFAULT_RECORD_LIMITS.maxMetadataDepth} levels (maxMetadataDepth)`],
    ]);
  });

  it('a line over maxRecordBytes is skipped as it streams, whatever the chunking, and rejected with the limit named', async () => {
    const long = JSON.stringify({ text: 'x'.repeat(5000) });
    const lines = ['{"text":"a"}', long, '{"text":"b"}', long].join('\n');
    for (const sizes of [[1], [7, 3000], [100_000]]) {
      const read = await collect(readJsonLines(chunked(encoder.encode(lines), sizes), { fileName: 'l.jsonl', limits: small }));
      expect(read.records.map((record) => record.line)).toEqual([1, 3]);
      expect(read.rejected.map((r) => r.line)).toEqual([2, 4]);
      for (const r of read.rejected) expect(r.reason).toMatch(/record is too large .*1000 bytes limit, maxRecordBytes/);
    }
  });

  it('a JSON array element over maxRecordBytes is rejected; the elements after it are kept', async () => {
    const array = `[{"text":"a"},\n${JSON.stringify({ text: 'y'.repeat(5000) })},\n{"text":"b"}]`;
    const read = await collect(readJsonArray(chunked(encoder.encode(array), [5, 999]), { fileName: 'a.json', limits: small }));
    expect(read.records).toEqual([{ line: 1, text: 'a' }, { line: 3, text: 'b' }]);
    expect(read.rejected.map((r) => r.line)).toEqual([2]);
    expect(read.failed).toEqual([]);
  });

  it('a text file over maxRecordBytes is rejected without being held', async () => {
    const read = await collect(readPlainText(chunked(encoder.encode('z '.repeat(4000)), [300]), { fileName: 'big.txt', limits: small }));
    expect(read.records).toEqual([]);
    expect(read.rejected[0]?.reason).toMatch(/maxRecordBytes/);
  });

  it('a gzip bomb (a 64 MiB line in 64 KiB of gzip) is rejected line by line, never held whole', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"text":"'), Buffer.alloc(64 * 2 ** 20, 97), Buffer.from('"}\n{"text":"after"}\n')]));
    expect(bomb.byteLength).toBeLessThan(128 * 1024);
    const read = await collect(readJsonLines(gunzip(chunked(bomb)), { fileName: 'bomb.jsonl.gz', limits: { ...small, maxRecordBytes: 2 ** 20 } }));
    expect(read.records).toEqual([{ line: 2, text: 'after' }]);
    expect(read.rejected.map((r) => r.line)).toEqual([1]);
  });

  it('tells a string over V8\'s limit apart from invalid UTF-8', () => {
    expect(decodeFailure(new TypeError('The encoded data was not valid for encoding utf-8'), 10)).toBe('invalid UTF-8');
    expect(decodeFailure(new RangeError('Invalid string length'), 600 * 2 ** 20)).toMatch(/too long to become a JavaScript string \(629,145,600 bytes/);
  });
});

describe('the Parquet page check', () => {
  it('passes sound files: dictionary pages, three row groups, Snappy (written by hyparquet-writer 0.17)', async () => {
    const bytes = readFileSync(new URL('./fixtures/dictionary-row-groups.parquet', import.meta.url));
    const file = { byteLength: bytes.byteLength, slice: async (start: number, end?: number) => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.byteLength)) };
    const read = await collect(readParquet(file, { fileName: 'dictionary-row-groups.parquet' }));
    expect(read.failed).toEqual([]);
    expect(read.records.map((record) => record.line)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(read.records[7]?.text).toBe('A group of order $p^2$ is abelian. Note 7.');
  });
});

describe('a byte order mark split across the first chunks', () => {
  it('is still dropped, so a JSON array stays a JSON array', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('[{"text":"a"},{"text":"b"}]')]);
    for (const sizes of [[1], [2, 100], [1, 1, 1, 100]]) {
      const read = await collect(readJsonArray(chunked(bytes, sizes), { fileName: 'bom.json' }));
      expect(read.records.map((record) => record.text)).toEqual(['a', 'b']);
      expect(read.rejected).toEqual([]);
    }
    const lines = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('{"text":"a"}\n')]);
    const read = await collect(readJsonLines(chunked(lines, [1, 1, 5]), { fileName: 'bom.jsonl' }));
    expect(read.records).toEqual([{ line: 1, text: 'a' }]);
  });
});

describe('whole or nothing: a file that cannot be read to its end says so', () => {
  it('a truncated gzip or an unclosed array ends in a failed event', async () => {
    const gz = gzipSync(Buffer.from(SAMPLE_LINES.slice(0, 20).join('\n')));
    const cut = await collect(readJsonLines(gunzip(chunked(gz.subarray(0, gz.length - 30), [4096])), { fileName: 'cut.jsonl.gz' }));
    expect(cut.failed).toHaveLength(1);
    expect(cut.failed[0]?.reason).toMatch(/gzip data is truncated or corrupt/);
    const open = await collect(readJsonArray(chunked(encoder.encode('[{"text":"a"},{"text":"b"}')), { fileName: 'open.json' }));
    expect(open.failed.map((f) => f.reason)).toEqual(['the JSON array is not closed with "]" (file truncated?)']);
  });

  it('the shared owm_sample.jsonl.gz with one bit flipped either fails or reads exactly as the intact file (mutation run)', async () => {
    const gz = readFileSync('/work/shared/data/owm_sample.jsonl.gz');
    const intact = (await collect(readJsonLines(gunzip(chunked(gz)), { fileName: 'owm_sample.jsonl.gz' }))).records.map((record) => record.text);
    expect(intact).toHaveLength(320);
    let seed = 4242;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    let failedCount = 0;
    for (let mutant = 0; mutant < 30; mutant += 1) {
      const bytes = Uint8Array.from(gz);
      const bit = Math.floor(random() * bytes.length * 8);
      bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
      const read = await collect(readJsonLines(gunzip(chunked(bytes)), { fileName: 'owm_sample.jsonl.gz' }));
      if (read.failed.length > 0) failedCount += 1;
      else expect(read.records.map((record) => record.text), `bit ${bit}`).toEqual(intact);
    }
    expect(failedCount).toBeGreaterThan(20);
  }, 60_000);

  it('every bit flip in a gzip file either fails the file or changes no record (mutation run)', async () => {
    const original = SAMPLE_LINES.slice(0, 12).join('\n') + '\n';
    const gz = gzipSync(Buffer.from(original));
    const expected = SAMPLE_LINES.slice(0, 12).map((line) => JSON.parse(line).text as string);
    let seed = 99;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    let failedCount = 0;
    for (let mutant = 0; mutant < 120; mutant += 1) {
      const bytes = Uint8Array.from(gz);
      const bit = Math.floor(random() * bytes.length * 8);
      bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
      const read = await collect(readJsonLines(gunzip(chunked(bytes, [512])), { fileName: 'm.jsonl.gz' }));
      if (read.failed.length > 0) failedCount += 1;
      // Without a failure the file is complete and unaltered; header bits (mtime, flags of unused fields) may flip freely.
      else if (read.rejected.length === 0) expect(read.records.map((record) => record.text)).toEqual(expected);
      else expect(read.records.map((record) => record.text)).not.toEqual(expected);
    }
    expect(failedCount).toBeGreaterThan(60);
  });
});

/** JSON Lines mixing good records with arbitrary Unicode garbage, split into arbitrary chunks. */
const jsonlSoup = fc.array(
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((text) => ({ good: text.trim() !== '', line: JSON.stringify({ text, url: 'u' }) })),
    fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !s.includes('\n')).map((line) => ({ good: false, line })),
    fc.constantFrom('{"text":', '{"text":1}', '[1,2]', '"', '{"__proto__":"x"}', '{"text":"ok","metadata":"[[[["}').map((line) => ({ good: null, line })),
  ),
  { maxLength: 40 },
);

describe('reader properties', () => {
  it('keeps every good record with its line, never throws, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(jsonlSoup, fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }), async (lines, sizes) => {
        const bytes = encoder.encode(lines.map((l) => l.line).join('\n'));
        const read = await collect(readJsonLines(chunked(bytes, sizes), { fileName: 'soup.jsonl' }));
        const keptLines = new Set(read.records.map((record) => record.line));
        lines.forEach((line, index) => {
          if (line.good === true) expect(keptLines.has(index + 1)).toBe(true);
        });
        for (const r of read.rejected) expect(r.line).toBeGreaterThanOrEqual(1);
        expect(read.failed).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('a JSON array of good records and well-formed bad ones keeps every good one with its line', async () => {
    const element = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((text) => text.trim() !== '').map((text) => ({ good: true, json: JSON.stringify({ text }) })),
      fc.jsonValue({ maxDepth: 4 }).map((value) => ({ good: false, json: JSON.stringify(value) })),
      fc.constantFrom('{"__proto__":"x"}', `{"text":"t","metadata":${'['.repeat(200)}${']'.repeat(200)}}`).map((json) => ({ good: false, json })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(element, { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }), async (elements, sizes) => {
        const bytes = encoder.encode(`[${elements.map((e) => e.json).join(',\n')}]`);
        const read = await collect(readJsonArray(chunked(bytes, sizes), { fileName: 'soup.json' }));
        const keptLines = new Set(read.records.map((record) => record.line));
        elements.forEach((e, index) => {
          if (e.good) expect(keptLines.has(index + 1), `element ${index + 1}: ${e.json}`).toBe(true);
        });
        expect(read.records.length + read.rejected.length).toBe(elements.length);
        expect(read.failed).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('parseRecord never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom('text', '__proto__', 'constructor', 'toString'), (value, field) => {
        const result = parseRecord(value, field);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('readers stay linear on hostile shapes', () => {
  const drain = async (events: AsyncIterable<ReadEvent>) => {
    let count = 0;
    for await (const event of events) if (event.kind !== 'progress') count += 1;
    return count;
  };
  const limits = { ...DEFAULT_RECORD_LIMITS, maxRecordBytes: 64 * 2 ** 20 };
  const families: { name: string; size?: number; make: (size: number) => Uint8Array; read: (bytes: Uint8Array) => AsyncIterable<ReadEvent> }[] = [
    {
      name: 'one long JSON line arriving in 256-byte chunks',
      make: (size) => encoder.encode(`{"text":"${'word '.repeat(size / 5)}"}\n`),
      read: (bytes) => readJsonLines(chunked(bytes, [256]), { fileName: 'long.jsonl', limits }),
    },
    {
      name: 'a JSON array element of escaped quotes and backslashes in 256-byte chunks',
      make: (size) => encoder.encode(`[{"text":"${'\\\\\\"'.repeat(size / 4)}"}]`),
      read: (bytes) => readJsonArray(chunked(bytes, [256]), { fileName: 'escapes.json', limits }),
    },
    {
      name: 'a line over the limit skipped in 256-byte chunks',
      make: (size) => encoder.encode(`{"text":"${'x'.repeat(size)}"}\n{"text":"after"}\n`),
      read: (bytes) => readJsonLines(chunked(bytes, [256]), { fileName: 'skip.jsonl', limits: small }),
    },
    {
      name: 'many tiny lines',
      size: 30_000,
      make: (size) => encoder.encode('{"text":"a"}\n'.repeat(size / 13)),
      read: (bytes) => readJsonLines(chunked(bytes, [64 * 1024]), { fileName: 'tiny.jsonl' }),
    },
  ];
  for (const family of families) {
    it(`stays linear: ${family.name}`, async () => {
      expect(await drain(family.read(family.make(4096)))).toBeGreaterThan(0);
      const measured = await measureScalingAsync(family.make, (bytes) => drain(family.read(bytes)), { size: family.size ?? 200_000 });
      expect(measured.ratio, JSON.stringify(measured)).toBeLessThan(8);
    });
  }
});
