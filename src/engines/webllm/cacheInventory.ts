/**
 * What web-llm keeps in the browser, grouped by model. Pure: the browser side (cacheStorage.ts) lists the stored
 * artifacts, this module decides which model each belongs to and which ones a failed load left behind.
 */

/** web-llm's cache backends the lab offers (it also has OPFS and a cross-origin extension, not offered here). */
export type CacheBackend = 'cache' | 'indexeddb';

/** The three scopes web-llm names its Cache API caches and IndexedDB databases after. */
export const WEBLLM_SCOPES = ['webllm/model', 'webllm/config', 'webllm/wasm'] as const;
export type WebLlmScope = (typeof WEBLLM_SCOPES)[number];

export interface StoredArtifact {
  backend: CacheBackend;
  scope: WebLlmScope;
  url: string;
  /** null when the size was not read (key listings for before/after comparisons). */
  bytes: number | null;
}

export interface ModelRef {
  modelId: string;
  weightsUrl: string;
  modelLibUrl: string;
}

/** Whether every weight shard the model's tensor-cache.json lists is stored (a download may have died midway). */
export type Completeness =
  | { state: 'complete'; shards: number }
  | { state: 'partial'; presentShards: number; expectedShards: number | null }
  | { state: 'library-only' };

export const TENSOR_MANIFEST = 'tensor-cache.json';

export interface CachedModel {
  /** Stable key: backend plus the weights base URL (or the library URL for a lone library). */
  key: string;
  backend: CacheBackend;
  /** The catalog ids served by these files (a model and its -1k variant share weights); empty when unknown. */
  modelIds: string[];
  label: string;
  bytes: number;
  artifacts: StoredArtifact[];
}

/** The manifest web-llm downloads first, in the weights folder, where a group has one. */
export function manifestOf(group: CachedModel): StoredArtifact | null {
  return group.artifacts.find((artifact) => artifact.scope === 'webllm/model' && artifact.url.endsWith(`/${TENSOR_MANIFEST}`)) ?? null;
}

/**
 * Compares the stored shards with the manifest's list. `manifest` is the parsed tensor-cache.json, or null when it is
 * not stored or unreadable.
 */
export function completenessOf(group: CachedModel, manifest: unknown): Completeness {
  const weightFiles = group.artifacts.filter((artifact) => artifact.scope === 'webllm/model' && !artifact.url.endsWith(`/${TENSOR_MANIFEST}`));
  const manifestArtifact = manifestOf(group);
  const paths = shardPaths(manifest);
  if (!manifestArtifact || !paths) {
    if (weightFiles.length === 0 && group.artifacts.every((artifact) => artifact.scope === 'webllm/wasm')) return { state: 'library-only' };
    return { state: 'partial', presentShards: weightFiles.length, expectedShards: null };
  }
  const stored = new Set(group.artifacts.map((artifact) => artifact.url));
  const present = paths.filter((path) => stored.has(new URL(path, manifestArtifact.url).href)).length;
  return present === paths.length ? { state: 'complete', shards: paths.length } : { state: 'partial', presentShards: present, expectedShards: paths.length };
}

function shardPaths(manifest: unknown): string[] | null {
  if (typeof manifest !== 'object' || manifest === null) return null;
  const records = (manifest as { records?: unknown }).records;
  if (!Array.isArray(records)) return null;
  const paths = records.map((record) => (record as { dataPath?: unknown } | null)?.dataPath);
  return paths.every((path): path is string => typeof path === 'string') ? [...new Set(paths)] : null;
}

/** The folder web-llm downloads a model's files from: the same rule as web-llm's `cleanModelUrl`. */
export function modelBaseUrl(weightsUrl: string): string {
  let url = weightsUrl.endsWith('/') ? weightsUrl : `${weightsUrl}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

export function artifactKey(artifact: Pick<StoredArtifact, 'backend' | 'scope' | 'url'>): string {
  return `${artifact.backend}|${artifact.scope}|${artifact.url}`;
}

/** The artifacts present now that were not there before: what one load wrote. */
export function artifactsAddedSince(before: readonly StoredArtifact[], now: readonly StoredArtifact[]): StoredArtifact[] {
  const known = new Set(before.map(artifactKey));
  return now.filter((artifact) => !known.has(artifactKey(artifact)));
}

export function groupArtifacts(artifacts: readonly StoredArtifact[], models: readonly ModelRef[]): CachedModel[] {
  const groups = new Map<string, CachedModel>();
  const modelsByBase = new Map<string, ModelRef[]>();
  for (const model of models) {
    const base = modelBaseUrl(model.weightsUrl);
    modelsByBase.set(base, [...(modelsByBase.get(base) ?? []), model]);
  }

  const groupFor = (backend: CacheBackend, base: string, label: string): CachedModel => {
    const key = `${backend}|${base}`;
    let group = groups.get(key);
    if (!group) {
      const ids = (modelsByBase.get(base) ?? []).map((model) => model.modelId);
      group = { key, backend, modelIds: ids, label: ids[0] ?? label, bytes: 0, artifacts: [] };
      groups.set(key, group);
    }
    return group;
  };
  const add = (group: CachedModel, artifact: StoredArtifact) => {
    group.artifacts.push(artifact);
    group.bytes += artifact.bytes ?? 0;
  };

  const libraries: StoredArtifact[] = [];
  for (const artifact of artifacts) {
    if (artifact.scope === 'webllm/wasm') {
      libraries.push(artifact);
      continue;
    }
    const base = [...modelsByBase.keys()].find((candidate) => artifact.url.startsWith(candidate)) ?? folderOf(artifact.url);
    add(groupFor(artifact.backend, base, lastSegments(base)), artifact);
  }
  // A model library joins the weights of a model that uses it; alone, it is its own entry.
  for (const library of libraries) {
    const owner = models.find((model) => model.modelLibUrl === library.url && groups.has(`${library.backend}|${modelBaseUrl(model.weightsUrl)}`));
    const group = owner
      ? groupFor(library.backend, modelBaseUrl(owner.weightsUrl), owner.modelId)
      : groupFor(library.backend, library.url, `model library ${lastSegments(library.url)}`);
    add(group, library);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

function folderOf(url: string): string {
  const resolve = url.indexOf('/resolve/');
  if (resolve >= 0) {
    const afterBranch = url.indexOf('/', resolve + '/resolve/'.length);
    if (afterBranch >= 0) return url.slice(0, afterBranch + 1);
  }
  return url.slice(0, url.lastIndexOf('/') + 1);
}

function lastSegments(url: string): string {
  const path = url.replace(/\/resolve\/[^/]+\/$/, '').replace(/\/$/, '');
  return path.slice(path.lastIndexOf('/') + 1) || url;
}
