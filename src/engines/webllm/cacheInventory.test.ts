import { describe, expect, it } from 'vitest';
import { artifactsAddedSince, completenessOf, groupArtifacts, manifestOf, modelBaseUrl, type StoredArtifact } from './cacheInventory';

const smol = {
  modelId: 'SmolLM2-360M-Instruct-q4f32_1-MLC',
  weightsUrl: 'https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC',
  modelLibUrl: 'https://raw.githubusercontent.com/x/SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm',
};
const base = 'https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC/resolve/main/';
const artifact = (scope: StoredArtifact['scope'], url: string, bytes: number | null, backend: StoredArtifact['backend'] = 'cache'): StoredArtifact => ({ backend, scope, url, bytes });

describe('modelBaseUrl', () => {
  it('follows web-llm: a repo URL gets resolve/main/, a resolve URL is kept', () => {
    expect(modelBaseUrl(smol.weightsUrl)).toBe(base);
    expect(modelBaseUrl(`${smol.weightsUrl}/`)).toBe(base);
    expect(modelBaseUrl('https://h.co/u/m/resolve/dev')).toBe('https://h.co/u/m/resolve/dev/');
    expect(modelBaseUrl('https://h.co/u/m/resolve/dev/')).toBe('https://h.co/u/m/resolve/dev/');
  });
});

describe('groupArtifacts', () => {
  it('puts weights, config and library of one model together, per backend, with sizes', () => {
    const groups = groupArtifacts(
      [
        artifact('webllm/config', `${base}mlc-chat-config.json`, 2),
        artifact('webllm/model', `${base}params_shard_0.bin`, 100),
        artifact('webllm/wasm', smol.modelLibUrl, 10),
        artifact('webllm/model', `${base}params_shard_0.bin`, 100, 'indexeddb'),
      ],
      [smol],
    );
    expect(groups.map((group) => [group.backend, group.label, group.bytes, group.artifacts.length])).toEqual([
      ['cache', smol.modelId, 112, 3],
      ['indexeddb', smol.modelId, 100, 1],
    ]);
  });

  it('keeps unknown files and lone libraries visible so they can be deleted', () => {
    const groups = groupArtifacts(
      [artifact('webllm/model', 'https://h.co/u/Gone-MLC/resolve/main/params_shard_1.bin', 5), artifact('webllm/wasm', smol.modelLibUrl, 10)],
      [smol],
    );
    expect(groups.map((group) => [group.label, group.modelIds])).toEqual([
      ['Gone-MLC', []],
      ['model library SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm', []],
    ]);
  });
});

describe('artifactsAddedSince', () => {
  it('returns only what appeared, across backends', () => {
    const before = [artifact('webllm/model', `${base}a`, null)];
    const now = [...before, artifact('webllm/model', `${base}b`, null), artifact('webllm/model', `${base}a`, null, 'indexeddb')];
    expect(artifactsAddedSince(before, now).map((a) => [a.backend, a.url])).toEqual([
      ['cache', `${base}b`],
      ['indexeddb', `${base}a`],
    ]);
  });
});

describe('completenessOf', () => {
  const manifestUrl = `${base}tensor-cache.json`;
  const manifest = { records: [{ dataPath: 'params_shard_0.bin' }, { dataPath: 'params_shard_1.bin' }, { dataPath: 'params_shard_1.bin' }] };
  const group = (urls: string[]) => groupArtifacts(urls.map((url) => artifact(url.endsWith('.wasm') ? 'webllm/wasm' : 'webllm/model', url, 1)), [smol])[0]!;

  it('is complete when every shard the manifest lists is stored', () => {
    expect(completenessOf(group([manifestUrl, `${base}params_shard_0.bin`, `${base}params_shard_1.bin`]), manifest)).toEqual({ state: 'complete', shards: 2 });
  });

  it('is partial when shards are missing or the manifest is', () => {
    expect(completenessOf(group([manifestUrl, `${base}params_shard_1.bin`]), manifest)).toEqual({ state: 'partial', presentShards: 1, expectedShards: 2 });
    expect(completenessOf(group([`${base}params_shard_1.bin`]), null)).toEqual({ state: 'partial', presentShards: 1, expectedShards: null });
    expect(completenessOf(group([manifestUrl]), { records: 'nonsense' })).toEqual({ state: 'partial', presentShards: 0, expectedShards: null });
  });

  it('recognises a lone model library', () => {
    expect(completenessOf(group([smol.modelLibUrl]), null)).toEqual({ state: 'library-only' });
    expect(manifestOf(group([smol.modelLibUrl]))).toBeNull();
  });
});
