import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipTree } from './zipTree';

describe('zipTree', () => {
  it('writes an archive that unzips to the files written, compressed or stored', async () => {
    const file = fc.record({
      name: fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8})?\.(jsonl|parquet)$/),
      chunks: fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 5 }),
      compress: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(file, { selector: (f) => f.name, maxLength: 5 }), async (files) => {
        const out: Uint8Array[] = [];
        let closed = false;
        const tree = zipTree({ write: async (bytes) => void out.push(bytes), close: async () => void (closed = true) });
        for (const { name, chunks, compress } of files) {
          const sink = await tree.open(name, { compress });
          for (const chunk of chunks) await sink.write(chunk);
          await sink.close();
        }
        await tree.close();
        expect(closed).toBe(true);
        const archive = new Uint8Array(out.reduce((sum, part) => sum + part.length, 0));
        out.reduce((at, part) => (archive.set(part, at), at + part.length), 0);
        const unzipped = unzipSync(archive);
        expect(Object.keys(unzipped).sort()).toEqual(files.map((f) => f.name).sort());
        for (const { name, chunks } of files) expect([...unzipped[name]!]).toEqual(chunks.flatMap((chunk) => [...chunk]));
      }),
      { numRuns: 30 },
    );
  });

  it('passes large files on in pieces instead of gathering the archive', async () => {
    const writes: number[] = [];
    const tree = zipTree({ write: async (bytes) => void writes.push(bytes.length), close: async () => {} });
    const sink = await tree.open('big.parquet', { compress: false });
    const chunk = new Uint8Array(256 * 1024).fill(7);
    for (let i = 0; i < 40; i++) await sink.write(chunk);
    await sink.close();
    await tree.close();
    expect(writes.length).toBeGreaterThan(5);
    expect(Math.max(...writes)).toBeLessThan(3 * 1024 * 1024);
  });
});
