import { create } from 'zustand';
import { describeError } from '../../../core/engine/errors';
import type { ModelSource } from '../../../core/engine/types';
import {
  WebLlmEngine,
  classifyCatalog,
  completenessOf,
  deleteArtifacts,
  groupArtifacts,
  listArtifacts,
  loadPrebuiltCatalog,
  manifestOf,
  probeWebGpu,
  readStorageReport,
  readStoredJson,
  requestPersistentStorage,
  type CacheBackend,
  type CachedModel,
  type Completeness,
  type CatalogEntry,
  type StorageReport,
  type WebGpuReport,
  type WebLlmModelRecord,
} from '../../../engines/webllm';
import { useEngineStore } from '../engineStore';
import { readLastModels, rememberLastModel } from '../lastModels';
import type { EngineProblem } from '../engineStore';

const BACKEND_KEY = 'mind-lab.webllm.cacheBackend';

type Phase = 'idle' | 'loading' | 'ready';

export interface CachedModelRow {
  group: CachedModel;
  completeness: Completeness;
}

async function withCompleteness(group: CachedModel): Promise<CachedModelRow> {
  const manifest = manifestOf(group);
  return { group, completeness: completenessOf(group, manifest ? await readStoredJson(manifest) : null) };
}

interface WebLlmState {
  gpu: WebGpuReport | null;
  records: WebLlmModelRecord[];
  catalog: CatalogEntry[];
  catalogPhase: Phase;
  cached: CachedModelRow[];
  cachePhase: Phase;
  storage: StorageReport | null;
  persistAnswer: boolean | null;
  cacheBackend: CacheBackend;
  problem: EngineProblem | null;
  /** Probes WebGPU and reads web-llm's catalog, once, when the panel is first seen. */
  open(): Promise<void>;
  refreshCache(): Promise<void>;
  deleteCached(key: string): Promise<void>;
  persistStorage(): Promise<void>;
  setCacheBackend(backend: CacheBackend): void;
  loadModel(source: Extract<ModelSource, { kind: 'webllm-prebuilt' | 'webllm-custom' }>, quiet?: boolean): Promise<void>;
  /** Reloads the last session's WebLLM model when all its files are cached here. */
  restoreLastModel(): Promise<void>;
}

function readBackend(): CacheBackend {
  try {
    return localStorage.getItem(BACKEND_KEY) === 'indexeddb' ? 'indexeddb' : 'cache';
  } catch {
    return 'cache';
  }
}

export const useWebLlmStore = create<WebLlmState>((set, get) => ({
  gpu: null,
  records: [],
  catalog: [],
  catalogPhase: 'idle',
  cached: [],
  cachePhase: 'idle',
  storage: null,
  persistAnswer: null,
  cacheBackend: readBackend(),
  problem: null,

  async open() {
    if (get().catalogPhase !== 'idle') return;
    set({ catalogPhase: 'loading' });
    const gpu = await probeWebGpu();
    set({ gpu });
    void get().refreshCache();
    try {
      const records = await loadPrebuiltCatalog();
      set({ records, catalog: classifyCatalog(records, gpu), catalogPhase: 'ready' });
    } catch (error) {
      set({ catalogPhase: 'idle', problem: describeError(error) });
    }
  },

  async refreshCache() {
    set({ cachePhase: 'loading' });
    try {
      const [artifacts, storage] = await Promise.all([listArtifacts({ withSizes: true }), readStorageReport()]);
      const models = get().records.map((record) => ({ modelId: record.model_id, weightsUrl: record.model, modelLibUrl: record.model_lib }));
      const cached = await Promise.all(groupArtifacts(artifacts, models).map(withCompleteness));
      set({ cached, storage, cachePhase: 'ready' });
    } catch (error) {
      set({ cachePhase: 'ready', problem: describeError(error) });
    }
  },

  async deleteCached(key) {
    const group = get().cached.find((row) => row.group.key === key)?.group;
    if (!group) return;
    try {
      await deleteArtifacts(group.artifacts);
    } catch (error) {
      set({ problem: describeError(error) });
    }
    await get().refreshCache();
  },

  async persistStorage() {
    try {
      const granted = await requestPersistentStorage();
      set({ persistAnswer: granted });
    } catch (error) {
      set({ problem: describeError(error) });
    }
    await get().refreshCache();
  },

  setCacheBackend(cacheBackend) {
    try {
      localStorage.setItem(BACKEND_KEY, cacheBackend);
    } catch {
      // Storage may be blocked (private mode); the choice still holds for this session.
    }
    set({ cacheBackend });
  },

  async loadModel(source, quiet = false) {
    const engine = new WebLlmEngine({ cacheBackend: get().cacheBackend });
    // The Active model card shows progress and any problem; the cache list shows what the load stored.
    const loaded = await useEngineStore.getState().load(engine, source, { quiet });
    if (loaded && source.kind === 'webllm-prebuilt') await rememberLastModel('webllm', { modelId: source.modelId }).catch(() => undefined);
    await get().refreshCache();
  },

  async restoreLastModel() {
    const { value } = await readLastModels();
    const modelId = value?.webllm?.modelId;
    if (!modelId) return;
    await get().open();
    await get().refreshCache();
    // Only a model whose every file is already in the browser: a reload never starts a download of gigabytes.
    const kept = get().cached.some((row) => row.group.modelIds.includes(modelId) && row.completeness.state === 'complete');
    if (kept) await get().loadModel({ kind: 'webllm-prebuilt', modelId }, true);
  },
}));
