import { create } from 'zustand';
import { describeError } from '../../core/engine/errors';
import type { Engine, EngineKind, LoadedModel, LoadProgress, ModelSource } from '../../core/engine/types';
import { modelKeyOf, type GenerationTarget } from '../../core/generation/generateDialogue';

export interface EngineProblem {
  message: string;
  hint: string;
}

/** One engine's place in the lab: a model loads into its engine's slot, replacing the model there. */
export interface EngineSlot {
  engine: Engine | null;
  model: LoadedModel | null;
  status: 'idle' | 'loading' | 'ready';
  progress: LoadProgress | null;
  problem: EngineProblem | null;
}

const EMPTY_SLOT: EngineSlot = { engine: null, model: null, status: 'idle', progress: null, problem: null };

export const ENGINE_KINDS: readonly EngineKind[] = ['webllm', 'wllama', 'openai'];

interface EngineState {
  slots: Record<EngineKind, EngineSlot>;
  load(engine: Engine, source: ModelSource): Promise<void>;
  unload(kind: EngineKind): Promise<void>;
  /** Called when an engine fails in a way that leaves it unusable (a crashed worker). */
  reportCrash(kind: EngineKind, error: unknown): void;
  dismissProblem(kind: EngineKind): void;
}

/**
 * The lab's loaded models, one per engine, so a wllama GGUF, a WebLLM model and a server can be used side by side.
 * Panels load into it; every other area reads it through src/app.
 */
export const useEngineStore = create<EngineState>((set, get) => {
  const patch = (kind: EngineKind, change: Partial<EngineSlot>) => set({ slots: { ...get().slots, [kind]: { ...get().slots[kind], ...change } } });
  return {
    slots: { webllm: EMPTY_SLOT, wllama: EMPTY_SLOT, openai: EMPTY_SLOT },

    async load(engine, source) {
      const previous = get().slots[engine.kind].engine;
      patch(engine.kind, { status: 'loading', progress: null, problem: null, model: null, engine: null });
      if (previous) await previous.unload().catch(() => undefined);
      try {
        const model = await engine.load(source, (progress) => patch(engine.kind, { progress }));
        patch(engine.kind, { engine, model, status: 'ready', progress: null });
      } catch (error) {
        await engine.unload().catch(() => undefined);
        const { message, hint } = describeError(error);
        patch(engine.kind, { status: 'idle', progress: null, problem: { message, hint } });
      }
    },

    async unload(kind) {
      const { engine } = get().slots[kind];
      patch(kind, { engine: null, model: null, status: 'idle', progress: null });
      if (engine) await engine.unload().catch(() => undefined);
    },

    reportCrash(kind, error) {
      const { message, hint } = describeError(error);
      const { engine } = get().slots[kind];
      patch(kind, { engine: null, model: null, status: 'idle', problem: { message, hint } });
      if (engine) void engine.unload().catch(() => undefined);
    },

    dismissProblem: (kind) => patch(kind, { problem: null }),
  };
});

/** The ready models as generation targets, in engine order. */
export function targetsOf(slots: Record<EngineKind, EngineSlot>): GenerationTarget[] {
  return ENGINE_KINDS.flatMap((kind) => {
    const { engine, model, status } = slots[kind];
    return engine && model && status === 'ready' ? [{ key: modelKeyOf(kind, model.modelName), engine, model }] : [];
  });
}

export const engineKindOfKey = (key: string): EngineKind | null => {
  const kind = key.slice(0, key.indexOf(':'));
  return (ENGINE_KINDS as readonly string[]).includes(kind) ? (kind as EngineKind) : null;
};
