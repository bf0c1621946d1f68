import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SAMPLE = readFileSync('/work/shared/data/owm_sample.parquet');
/** A read of the 680 KB sample takes well under a second; one that has not answered in this long is a hang. */
const HANG_MS = 15_000;

interface ReadResult {
  texts: string[];
  rejected: string[];
  failed: string | null;
  thrown?: string;
}

let worker: Worker;
let nextId = 0;

beforeAll(async () => {
  worker = new Worker(new URL('./fixtures/readParquetWorker.mjs', import.meta.url));
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
}, 60_000);

afterAll(async () => {
  await worker?.terminate();
});

/** Reads in the worker; a read that hangs is reported as null. */
async function readInWorker(bytes: Uint8Array): Promise<ReadResult | null> {
  return readInWorkerWith(bytes, 'text');
}

async function readInWorkerWith(bytes: Uint8Array, textColumn: string): Promise<ReadResult | null> {
  const id = nextId++;
  const answer = new Promise<ReadResult>((resolve) => {
    const listener = (message: ReadResult & { id: number }) => {
      if (message.id !== id) return;
      worker.off('message', listener);
      resolve(message);
    };
    worker.on('message', listener);
  });
  worker.postMessage({ id, bytes, textColumn });
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), HANG_MS);
  });
  const result = await Promise.race([answer, hang]);
  clearTimeout(timer);
  return result;
}

const original = () => Uint8Array.from(SAMPLE);

describe('Parquet mutation run (in a worker, so a hang is caught, not suffered)', () => {
  it('the zeroed byte 24 that made hyparquet spin forever is a damaged page header, reported at once', async () => {
    const bytes = original();
    bytes[24] = 0;
    const result = await readInWorker(bytes);
    expect(result).not.toBeNull();
    expect(result?.texts).toEqual([]);
    expect(result?.failed).toMatch(/cannot read Parquet: damaged page header in column "url" at byte 4: definition_levels_byte_length is undefined/);
  }, 30_000);

  it('the 121-byte reproduction (docs/hostile-input.md) is refused; the file it was cut from reads', async () => {
    const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
    expect(await readInWorkerWith(fixture('hyparquet-hang-original.parquet'), 'url')).toMatchObject({ texts: ['a'], failed: null });
    const result = await readInWorkerWith(fixture('hyparquet-hang.parquet'), 'url');
    expect(result?.failed).toMatch(/damaged page header in column "url" at byte 4/);
  }, 30_000);

  it('no byte mutation of the page headers or anywhere in the file hangs or throws', async () => {
    const intact = await readInWorker(original());
    expect(intact?.texts).toHaveLength(320);
    const metadata = parquetMetadata(SAMPLE.buffer.slice(SAMPLE.byteOffset, SAMPLE.byteOffset + SAMPLE.byteLength));
    const headerStarts = metadata.row_groups[0]!.columns.map((column) => Number(column.meta_data!.data_page_offset));
    let seed = 2024;
    const random = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * n);
    let failures = 0;
    for (let mutant = 0; mutant < 64; mutant += 1) {
      const bytes = original();
      const inHeader = mutant % 4 !== 3;
      const at = inHeader ? (headerStarts[random(headerStarts.length)] as number) + random(40) : random(bytes.length);
      bytes[at] = mutant % 2 === 0 ? 0 : random(256);
      const result = await readInWorker(bytes);
      expect(result, `mutant ${mutant}: byte ${at} set to ${bytes[at]} hung`).not.toBeNull();
      expect(result?.thrown, `mutant ${mutant}: byte ${at}`).toBeUndefined();
      if (result?.failed) failures += 1;
      // A read that did not fail yields no more rows than the file has.
      else expect(result!.texts.length).toBeLessThanOrEqual(320);
    }
    expect(failures).toBeGreaterThan(0);
  }, 240_000);
});
