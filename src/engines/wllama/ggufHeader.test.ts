import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectGguf } from './ggufHeader';

const modelsDir = resolve(__dirname, '../../../../shared/models');
const stories = resolve(modelsDir, 'stories260K.gguf');
const tinyRandom = resolve(modelsDir, 'llama-2-tiny-random.gguf');

/** A minimal GGUF v3: header, one string key, one F32 tensor of `elements` values, aligned data. */
function syntheticGguf(elements: number, extraKey?: { key: string; type: number; value: Uint8Array }): Uint8Array {
  const parts: number[] = [];
  const u32 = (n: number) => parts.push(n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255);
  const u64 = (n: number) => { u32(n); u32(0); };
  const str = (s: string) => { const b = new TextEncoder().encode(s); u64(b.length); parts.push(...b); };
  parts.push(...new TextEncoder().encode('GGUF'));
  u32(3);
  u64(1);
  u64(extraKey ? 2 : 1);
  str('general.architecture'); u32(8); str('llama');
  if (extraKey) { str(extraKey.key); u32(extraKey.type); parts.push(...extraKey.value); }
  str('weights'); u32(1); u64(elements); u32(0); u64(0);
  while (parts.length % 32) parts.push(0);
  for (let i = 0; i < elements * 4; i += 1) parts.push(0);
  return new Uint8Array(parts);
}

describe('inspectGguf', () => {
  it('accepts a well-formed file and reads its metadata', () => {
    const bytes = syntheticGguf(10);
    const result = inspectGguf(bytes, bytes.length);
    expect(result).toMatchObject({ kind: 'ok', summary: { version: 3, tensorCount: 1, architecture: 'llama', hasChatTemplate: false, expectedBytes: bytes.length } });
  });

  it('reports a file cut inside the weights as truncated, with the size it should have', () => {
    const bytes = syntheticGguf(100);
    const cut = bytes.subarray(0, bytes.length - 7);
    expect(inspectGguf(cut, cut.length)).toEqual({ kind: 'truncated', actualBytes: cut.length, expectedBytes: bytes.length });
  });

  it('reports a file cut inside the header as truncated', () => {
    const cut = syntheticGguf(10).subarray(0, 30);
    expect(inspectGguf(cut, cut.length)).toMatchObject({ kind: 'truncated', actualBytes: 30 });
  });

  it('asks for more bytes when only a prefix of a longer file was read', () => {
    const bytes = syntheticGguf(10);
    expect(inspectGguf(bytes.subarray(0, 30), bytes.length)).toEqual({ kind: 'need-more-bytes' });
  });

  it('rejects what is not GGUF, empty files and unknown versions', () => {
    const text = new TextEncoder().encode('{"text": "not a model"}');
    expect(inspectGguf(text, text.length)).toEqual({ kind: 'not-gguf', firstBytes: '{"te' });
    expect(inspectGguf(new Uint8Array(), 0)).toEqual({ kind: 'empty' });
    const v9 = syntheticGguf(1);
    v9[4] = 9;
    expect(inspectGguf(v9, v9.length)).toEqual({ kind: 'unsupported-version', version: 9 });
  });

  it('reports an unknown metadata type as a corrupt header', () => {
    const bytes = syntheticGguf(1, { key: 'x', type: 99, value: new Uint8Array() });
    expect(inspectGguf(bytes, bytes.length)).toMatchObject({ kind: 'corrupt' });
  });

  it('sees a chat template when the file has one', () => {
    const tpl = new TextEncoder().encode('{{ messages }}');
    const value = new Uint8Array([tpl.length, 0, 0, 0, 0, 0, 0, 0, ...tpl]);
    const bytes = syntheticGguf(1, { key: 'tokenizer.chat_template', type: 8, value });
    expect(inspectGguf(bytes, bytes.length)).toMatchObject({ kind: 'ok', summary: { hasChatTemplate: true } });
  });

  it.runIf(existsSync(stories) && existsSync(tinyRandom))('reads the real test models and spots them cut short', () => {
    for (const [path, contextLength] of [[stories, 2048], [tinyRandom, 4096]] as const) {
      const bytes = new Uint8Array(readFileSync(path));
      const result = inspectGguf(bytes, bytes.length);
      expect(result).toMatchObject({ kind: 'ok', summary: { architecture: 'llama', contextLength, hasChatTemplate: false, expectedBytes: bytes.length } });
      const cut = bytes.subarray(0, bytes.length - 1);
      expect(inspectGguf(cut, cut.length).kind).toBe('truncated');
      const half = bytes.subarray(0, bytes.length >> 1);
      expect(inspectGguf(half, half.length).kind).toBe('truncated');
    }
  });
});
