import { create } from 'zustand';
import { describeError } from '../../core/engine/errors';
import type { Engine, LoadedModel, LoadProgress, ModelSource } from '../../core/engine/types';

export interface EngineProblem {
  message: string;
  hint: string;
}

interface EngineState {
  engine: Engine | null;
  model: LoadedModel | null;
  status: 'idle' | 'loading' | 'ready';
  progress: LoadProgress | null;
  problem: EngineProblem | null;
  load(engine: Engine, source: ModelSource): Promise<void>;
  unload(): Promise<void>;
  /** Called when the running engine fails in a way that leaves it unusable (a crashed worker). */
  reportCrash(error: unknown): void;
}

/** The one active model of the lab. Panels load models into it; generation reads from it. */
export const useEngineStore = create<EngineState>((set, get) => ({
  engine: null,
  model: null,
  status: 'idle',
  progress: null,
  problem: null,

  async load(engine, source) {
    const previous = get().engine;
    set({ status: 'loading', progress: null, problem: null, model: null, engine: null });
    if (previous) await previous.unload().catch(() => undefined);
    try {
      const model = await engine.load(source, (progress) => set({ progress }));
      set({ engine, model, status: 'ready', progress: null });
    } catch (error) {
      await engine.unload().catch(() => undefined);
      const { message, hint } = describeError(error);
      set({ status: 'idle', progress: null, problem: { message, hint } });
    }
  },

  async unload() {
    const { engine } = get();
    set({ engine: null, model: null, status: 'idle', progress: null });
    if (engine) await engine.unload().catch(() => undefined);
  },

  reportCrash(error) {
    const { message, hint } = describeError(error);
    const { engine } = get();
    set({ engine: null, model: null, status: 'idle', problem: { message, hint } });
    if (engine) void engine.unload().catch(() => undefined);
  },
}));
