import { EngineError } from '../../core/engine/errors';
import { WEBLLM_SCOPES, type StoredArtifact, type WebLlmScope } from './cacheInventory';

/**
 * Reads and deletes web-llm's stored files directly, in both backends, without loading web-llm: the Cache API
 * caches and the IndexedDB databases are both named after web-llm's scopes; IndexedDB keeps `{url, data}` records in
 * an object store `urls`.
 */
const IDB_STORE = 'urls';

export async function listArtifacts(options: { withSizes: boolean }): Promise<StoredArtifact[]> {
  const [fromCache, fromIdb] = await Promise.all([listCacheApi(options.withSizes), listIndexedDb(options.withSizes)]);
  return [...fromCache, ...fromIdb];
}

export async function deleteArtifacts(artifacts: readonly StoredArtifact[]): Promise<void> {
  for (const scope of WEBLLM_SCOPES) {
    const inScope = artifacts.filter((artifact) => artifact.scope === scope);
    const cacheUrls = inScope.filter((artifact) => artifact.backend === 'cache').map((artifact) => artifact.url);
    const idbUrls = inScope.filter((artifact) => artifact.backend === 'indexeddb').map((artifact) => artifact.url);
    if (cacheUrls.length > 0 && typeof caches !== 'undefined') {
      const cache = await caches.open(scope);
      await Promise.all(cacheUrls.map((url) => cache.delete(url)));
    }
    if (idbUrls.length > 0) await deleteFromIndexedDb(scope, idbUrls);
  }
}

/** A stored JSON file (web-llm keeps tensor-cache.json as a response in the Cache API, as parsed JSON in IndexedDB). */
export async function readStoredJson(artifact: StoredArtifact): Promise<unknown> {
  try {
    if (artifact.backend === 'cache') {
      const response = await (await caches.open(artifact.scope)).match(artifact.url);
      return response ? await response.json() : null;
    }
    const db = await openDb(artifact.scope);
    try {
      const record = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction(IDB_STORE, 'readonly').objectStore(IDB_STORE).get(artifact.url);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('Cannot read IndexedDB record'));
      });
      const data = (record as { data?: unknown } | undefined)?.data;
      return data instanceof ArrayBuffer ? JSON.parse(new TextDecoder().decode(data)) : (data ?? null);
    } finally {
      db.close();
    }
  } catch {
    // An unreadable manifest counts as missing: the model shows as incomplete.
    return null;
  }
}

async function listCacheApi(withSizes: boolean): Promise<StoredArtifact[]> {
  if (typeof caches === 'undefined') return [];
  const artifacts: StoredArtifact[] = [];
  for (const scope of WEBLLM_SCOPES) {
    // caches.open would create an empty cache; only look into those that exist.
    if (!(await caches.has(scope))) continue;
    const cache = await caches.open(scope);
    for (const request of await cache.keys()) {
      const bytes = withSizes ? await responseSize(await cache.match(request)) : null;
      artifacts.push({ backend: 'cache', scope, url: request.url, bytes });
    }
  }
  return artifacts;
}

async function responseSize(response: Response | undefined): Promise<number | null> {
  if (!response) return null;
  const header = Number(response.headers.get('content-length'));
  if (Number.isFinite(header) && header > 0) return header;
  // Cached bodies are disk-backed blobs in Chromium, so asking their size does not read them into memory.
  return (await response.blob()).size;
}

async function existingIdbScopes(): Promise<WebLlmScope[]> {
  if (typeof indexedDB === 'undefined') return [];
  const names = new Set((await indexedDB.databases()).map((database) => database.name));
  return WEBLLM_SCOPES.filter((scope) => names.has(scope));
}

async function listIndexedDb(withSizes: boolean): Promise<StoredArtifact[]> {
  const artifacts: StoredArtifact[] = [];
  for (const scope of await existingIdbScopes()) {
    const db = await openDb(scope);
    try {
      if (!db.objectStoreNames.contains(IDB_STORE)) continue;
      const found = withSizes ? await idbSizes(db) : (await idbKeys(db)).map((url) => ({ url, bytes: null }));
      for (const { url, bytes } of found) artifacts.push({ backend: 'indexeddb', scope, url, bytes });
    } finally {
      db.close();
    }
  }
  return artifacts;
}

function openDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // No version: open whatever version web-llm created, never trigger an upgrade of our own.
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Cannot open IndexedDB ${name}`));
  });
}

function idbKeys(db: IDBDatabase): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction(IDB_STORE, 'readonly').objectStore(IDB_STORE).getAllKeys();
    request.onsuccess = () => resolve(request.result.map(String));
    request.onerror = () => reject(request.error ?? new Error('Cannot list IndexedDB keys'));
  });
}

/** Walks the records one at a time: a model's shards are tens of MB each, never all in memory together. */
function idbSizes(db: IDBDatabase): Promise<{ url: string; bytes: number | null }[]> {
  return new Promise((resolve, reject) => {
    const found: { url: string; bytes: number | null }[] = [];
    const request = db.transaction(IDB_STORE, 'readonly').objectStore(IDB_STORE).openCursor();
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) {
        resolve(found);
        return;
      }
      found.push({ url: String(cursor.key), bytes: storedSize((cursor.value as { data?: unknown }).data) });
      cursor.continue();
    };
    request.onerror = () => reject(request.error ?? new Error('Cannot read IndexedDB records'));
  });
}

function storedSize(data: unknown): number | null {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (data instanceof Blob) return data.size;
  if (data === undefined || data === null) return null;
  return new TextEncoder().encode(JSON.stringify(data)).byteLength;
}

async function deleteFromIndexedDb(scope: WebLlmScope, urls: string[]): Promise<void> {
  if (!(await existingIdbScopes()).includes(scope)) return;
  const db = await openDb(scope);
  try {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(IDB_STORE, 'readwrite');
      const store = transaction.objectStore(IDB_STORE);
      for (const url of urls) store.delete(url);
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error(`Cannot delete from IndexedDB ${scope}`));
    });
  } finally {
    db.close();
  }
}

export interface StorageReport {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
}

export async function readStorageReport(): Promise<StorageReport> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage) return { usageBytes: null, quotaBytes: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate ? storage.estimate() : Promise.resolve<StorageEstimate>({}),
    storage.persisted ? storage.persisted() : Promise.resolve<boolean | null>(null),
  ]);
  return { usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null, persisted };
}

/** Asks the browser not to evict the lab's storage under pressure; browsers may say no without asking the user. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) {
    throw new EngineError('unknown', 'This browser cannot make storage persistent.', 'Downloaded models may be evicted when the disk is low; they will download again.');
  }
  return navigator.storage.persist();
}

