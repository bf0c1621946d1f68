import { create } from 'zustand';
import { describeError } from '../../../core/engine/errors';
import { listModels, OpenAIEngine, toApiRoot } from '../../../engines/openai';
import type { EngineProblem } from '../engineStore';
import { useEngineStore } from '../engineStore';
import { loadConnectionSetting, saveConnectionSetting } from './connectionSettings';
import { readLastModels, rememberLastModel } from '../lastModels';

export const DEFAULT_BASE_URL = 'http://localhost:8080/v1';

interface OpenAIPanelState {
  baseUrl: string;
  /** Kept in memory; written to IndexedDB only while rememberKey is on. */
  apiKey: string;
  rememberKey: boolean;
  status: 'idle' | 'connecting' | 'connected';
  models: string[];
  selectedModel: string;
  problem: EngineProblem | null;
  /** Set once the person types: the stored settings, read asynchronously, must not overwrite their input. */
  edited: boolean;
  hydrate(): Promise<void>;
  setBaseUrl(baseUrl: string): void;
  setApiKey(apiKey: string): void;
  setRememberKey(remember: boolean): Promise<void>;
  selectModel(model: string): void;
  connect(): Promise<void>;
  activateSelectedModel(): Promise<void>;
  /** Reconnects to the server and model of the last session, quietly: a server that is down is said, not shouted. */
  restoreLastModel(): Promise<void>;
  dismissProblem(): void;
}

export const useOpenAIPanelStore = create<OpenAIPanelState>((set, get) => {
  const persist = async () => {
    const { baseUrl, apiKey, rememberKey } = get();
    await saveConnectionSetting({ baseUrl, ...(rememberKey && apiKey ? { apiKey } : {}) });
  };
  const reportStorage = (error: unknown) =>
    set({ problem: { message: `Could not save the connection settings: ${describeError(error).message}`, hint: 'The connection still works for this session.' } });

  return {
    baseUrl: DEFAULT_BASE_URL,
    apiKey: '',
    rememberKey: false,
    status: 'idle',
    models: [],
    selectedModel: '',
    problem: null,
    edited: false,

    async hydrate() {
      const { value, problem } = await loadConnectionSetting();
      if (problem) set({ problem: { message: problem, hint: 'Enter the server address again.' } });
      if (value && !get().edited) set({ baseUrl: value.baseUrl, apiKey: value.apiKey ?? '', rememberKey: value.apiKey !== undefined });
    },

    // A changed address or key invalidates the model list fetched with the old one.
    setBaseUrl: (baseUrl) => set({ baseUrl, edited: true, status: 'idle', models: [], selectedModel: '' }),
    setApiKey: (apiKey) => set({ apiKey, edited: true, status: 'idle', models: [], selectedModel: '' }),

    async setRememberKey(rememberKey) {
      set({ rememberKey });
      // Unticking forgets a stored key at once, not at the next connect.
      await persist().catch(reportStorage);
    },

    selectModel: (selectedModel) => set({ selectedModel }),

    async connect() {
      const { baseUrl, apiKey } = get();
      set({ status: 'connecting', problem: null, models: [], selectedModel: '' });
      try {
        const models = await listModels((input, init) => fetch(input, init), { apiRoot: toApiRoot(baseUrl), ...(apiKey ? { apiKey } : {}) });
        const ids = models.map((m) => m.id);
        if (ids.length === 0) throw new Error('The server lists no models. Start it with a model loaded.');
        set({ status: 'connected', models: ids, selectedModel: ids[0] ?? '' });
        await persist().catch(reportStorage);
      } catch (error) {
        set({ status: 'idle', problem: describeError(error) });
      }
    },

    async activateSelectedModel() {
      const { baseUrl, apiKey, selectedModel } = get();
      if (!selectedModel) return;
      const loaded = await useEngineStore.getState().load(new OpenAIEngine(), { kind: 'openai', baseUrl, ...(apiKey ? { apiKey } : {}), model: selectedModel });
      if (loaded) await rememberLastModel('openai', { baseUrl, model: selectedModel }).catch(reportStorage);
    },

    async restoreLastModel() {
      const { value } = await readLastModels();
      if (!value?.openai) return;
      await get().hydrate();
      const { apiKey } = get();
      const { baseUrl, model } = value.openai;
      await useEngineStore.getState().load(new OpenAIEngine(), { kind: 'openai', baseUrl, ...(apiKey ? { apiKey } : {}), model }, { quiet: true });
    },

    dismissProblem: () => set({ problem: null }),
  };
});
