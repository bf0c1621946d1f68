import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../core/engine/errors';
import { checkGgufBlob, fileNameOfUrl, transferProgress } from './modelFile';

const stories = resolve(__dirname, '../../../../shared/models/stories260K.gguf');

async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('checkGgufBlob', () => {
  it('names a file that is not GGUF and says what to use instead', async () => {
    const error = await rejection(checkGgufBlob(new Blob(['<html>404</html>']), 'page.gguf'));
    expect(error.code).toBe('bad-model-file');
    expect(error.message).toBe('page.gguf is not a GGUF model: it starts with "<htm", not "GGUF".');
    expect(error.hint).toMatch(/GGUF/);
  });

  it('rejects an empty file', async () => {
    const error = await rejection(checkGgufBlob(new Blob([]), 'empty.gguf'));
    expect(error.message).toMatch(/empty/);
  });

  it('calls a header declaring 2^63 keys damaged, at once, not cut off', async () => {
    const header = new Uint8Array(64);
    header.set(new TextEncoder().encode('GGUF'));
    const view = new DataView(header.buffer);
    view.setUint32(4, 3, true);
    view.setBigUint64(16, 2n ** 63n, true);
    const error = await rejection(checkGgufBlob(new Blob([header]), 'keys.gguf'));
    expect(error.message).toMatch(/^keys\.gguf has a damaged GGUF header \(metadata key count of over 2\^53 is not possible/);
  });

  it.runIf(existsSync(stories))('accepts the real model and rejects it cut short, with both sizes', async () => {
    const bytes = readFileSync(stories);
    const summary = await checkGgufBlob(new Blob([bytes]), 'stories260K.gguf');
    expect(summary).toMatchObject({ architecture: 'llama', contextLength: 2048, hasChatTemplate: false });
    const error = await rejection(checkGgufBlob(new Blob([bytes.subarray(0, 300_000)]), 'cut.gguf'));
    expect(error.message).toBe('cut.gguf is cut off: it has 300,000 bytes of the 1,185,376 it needs.');
    expect(error.hint).toMatch(/Download the model again/);
  });
});

describe('transferProgress', () => {
  it('gives the fraction and an ETA from the average rate', () => {
    expect(transferProgress(250, 1000, 500, 'x')).toEqual({ fraction: 0.25, loadedBytes: 250, totalBytes: 1000, etaSeconds: 1.5, text: 'x' });
  });

  it('has no fraction or ETA while the total is unknown or nothing arrived yet', () => {
    expect(transferProgress(250, null, 500, 'x')).toMatchObject({ fraction: null, etaSeconds: null });
    expect(transferProgress(0, 1000, 0, 'x')).toMatchObject({ fraction: 0, etaSeconds: null });
  });
});

describe('fileNameOfUrl', () => {
  it('takes the last path segment', () => {
    expect(fileNameOfUrl('https://example.org/models/tiny%20model.gguf?download=1')).toBe('tiny model.gguf');
    expect(fileNameOfUrl('not a url')).toBe('not a url');
  });
});
