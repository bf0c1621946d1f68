import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureScaling, scanBytes } from '../../core/chunking/measureScaling';
import { inspectGguf, type GgufInspection } from './ggufHeader';

const modelsDir = resolve(__dirname, '../../../../shared/models');
const models = ['stories260K.gguf', 'stories260K-chatml.gguf', 'llama-2-tiny-random.gguf'].map((name) => resolve(modelsDir, name));

/** Little-endian GGUF v3 writer for hostile headers. */
class GgufWriter {
  private parts: number[] = [];
  u32(n: number) {
    this.parts.push(n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255);
    return this;
  }
  u64(n: bigint | number) {
    const value = BigInt(n);
    this.u32(Number(value & 0xffffffffn));
    return this.u32(Number(value >> 32n));
  }
  str(s: string) {
    const bytes = new TextEncoder().encode(s);
    this.u64(bytes.length);
    for (const b of bytes) this.parts.push(b);
    return this;
  }
  header(tensors: number | bigint, keys: number | bigint) {
    for (const b of new TextEncoder().encode('GGUF')) this.parts.push(b);
    return this.u32(3).u64(tensors).u64(keys);
  }
  bytes() {
    return new Uint8Array(this.parts);
  }
}

const inspect = (bytes: Uint8Array, fileBytes = bytes.length): GgufInspection => inspectGguf(bytes, fileBytes);

describe('GGUF header check on hostile headers', () => {
  it('arrays nested 10,000 deep are damage, found without recursion', () => {
    const writer = new GgufWriter().header(0, 1).str('deep').u32(9);
    for (let i = 0; i < 10_000; i += 1) writer.u32(9).u64(1);
    writer.u32(4).u64(0);
    expect(inspect(writer.bytes())).toEqual({ kind: 'corrupt', reason: 'arrays nested more than 64 deep' });
  });

  it('declared counts of 2^63 (keys, tensors, array items, string lengths) are answered at once', () => {
    const huge = 2n ** 63n;
    expect(inspect(new GgufWriter().header(0, huge).bytes())).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/metadata key count of over 2\^53/) });
    expect(inspect(new GgufWriter().header(huge, 0).bytes())).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/tensor count/) });
    const items = new GgufWriter().header(0, 1).str('a').u32(9).u32(4).u64(huge).bytes();
    expect(inspect(items)).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/array of over 2\^53/) });
    const strings = new GgufWriter().header(0, 1).str('a').u32(9).u32(8).u64(2n ** 40n).bytes();
    expect(inspect(strings)).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/array of 1,099,511,627,776 is not possible/) });
    const length = new GgufWriter().header(0, 1).u64(huge).u32(8).u64(0).bytes();
    expect(inspect(length)).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/key length/) });
  });

  it('12 million keys in a 300 MiB file are refused from the count alone', () => {
    const prefix = new GgufWriter().header(0, 12_000_000).str('k0').u32(4).u32(1).bytes();
    expect(inspect(prefix, 300 * 2 ** 20)).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/12,000,000 is not possible/) });
  });

  it('a count that fits the limits but not the bytes left in the file is refused before any item is read', () => {
    // 60,000 u32 items need 240,000 bytes; the file has a few hundred.
    const bytes = new GgufWriter().header(0, 1).str('a').u32(9).u32(4).u64(60_000).bytes();
    expect(inspect(bytes)).toEqual({ kind: 'truncated', actualBytes: bytes.length, expectedBytes: null });
    const claimsMore = new GgufWriter().header(0, 1).str('a').u32(9).u32(4).u64(10_000_000).bytes();
    expect(inspect(claimsMore)).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/claims 40,000,000 bytes/) });
  });

  const families: { name: string; make: (n: number) => Uint8Array }[] = [
    {
      name: 'many keys',
      make: (n) => {
        const writer = new GgufWriter().header(0, n);
        for (let i = 0; i < n; i += 1) writer.str(`key.${i}`).u32(8).str('value');
        return writer.bytes();
      },
    },
    {
      name: 'a long string array',
      make: (n) => {
        const writer = new GgufWriter().header(0, 1).str('tokens').u32(9).u32(8).u64(n);
        for (let i = 0; i < n; i += 1) writer.str(`t${i}`);
        return writer.bytes();
      },
    },
    {
      name: 'arrays of arrays, 60 deep, repeated',
      make: (n) => {
        const writer = new GgufWriter().header(0, 1).str('a').u32(9).u32(9).u64(Math.ceil(n / 60));
        for (let i = 0; i < Math.ceil(n / 60); i += 1) {
          for (let d = 0; d < 59; d += 1) writer.u32(9).u64(1);
          writer.u32(4).u64(1).u32(7);
        }
        return writer.bytes();
      },
    },
  ];
  for (const family of families) {
    it(`stays linear: ${family.name}`, () => {
      expect(inspect(family.make(100)).kind).toBe('ok');
      const measured = measureScaling(family.make, (bytes) => inspect(bytes), { size: 8000, baseline: scanBytes });
      expect(measured.ratio, JSON.stringify(measured)).toBeLessThan(8);
    });
  }
});

describe.runIf(models.every((path) => existsSync(path)))('GGUF mutation run over the shared models', () => {
  it('a byte changed anywhere never throws and is never called a cut-off file; a cut file is', () => {
    let seed = 31;
    const random = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * n);
    for (const path of models) {
      const original = new Uint8Array(readFileSync(path));
      const kinds: Record<string, number> = {};
      for (let mutant = 0; mutant < 150; mutant += 1) {
        const bytes = Uint8Array.from(original);
        // Mostly in the header region, where a change can be seen at all.
        const at = mutant % 5 === 4 ? random(bytes.length) : random(Math.min(bytes.length, 64_000));
        bytes[at] = (bytes[at]! + 1 + random(255)) & 255;
        const result = inspect(bytes);
        kinds[result.kind] = (kinds[result.kind] ?? 0) + 1;
        expect(result.kind, `${path}: byte ${at}`).not.toBe('truncated');
      }
      expect(kinds.corrupt ?? 0, `${path}: ${JSON.stringify(kinds)}`).toBeGreaterThan(0);
      for (const fraction of [0.1, 0.5, 0.999]) {
        const cut = original.subarray(0, Math.floor(original.length * fraction));
        expect(inspect(cut).kind, `${path} cut at ${fraction}`).toBe('truncated');
      }
    }
  });
});
