import { create } from 'zustand';
import { describeError } from '../../core/engine/errors';
import type { Engine, EngineKind, LoadedModel, LoadProgress, ModelSource } from '../../core/engine/types';
import { modelKeyOf, type GenerationTarget } from '../../core/generation/generateDialogue';
import { reportingCrashes } from '../../core/engine/reportCrashes';

export interface EngineProblem {
  message: string;
  hint: string;
  /** From bringing back the last session's model, not from something the person just did: it does not take focus. */
  quiet?: boolean;
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
  /** Resolves true when the model is loaded (and is still the one wanted: a later load supersedes an earlier one). */
  load(engine: Engine, source: ModelSource, options?: { quiet?: boolean }): Promise<boolean>;
  unload(kind: EngineKind): Promise<void>;
  /** Called when an engine fails in a way that leaves it unusable (a crashed worker). */
  reportCrash(kind: EngineKind, error: unknown): void;
  dismissProblem(kind: EngineKind): void;
  reportProblem(kind: EngineKind, problem: EngineProblem): void;
}

/**
 * The lab's loaded models, one per engine, so a wllama GGUF, a WebLLM model and a server can be used side by side.
 * Panels load into it; every other area reads it through src/app.
 */
/** The latest load per engine: a load that finishes after a newer one started is thrown away. */
const loadTickets: Record<EngineKind, number> = { webllm: 0, wllama: 0, openai: 0 };

export const useEngineStore = create<EngineState>((set, get) => {
  const patch = (kind: EngineKind, change: Partial<EngineSlot>) => set({ slots: { ...get().slots, [kind]: { ...get().slots[kind], ...change } } });
  return {
    slots: { webllm: EMPTY_SLOT, wllama: EMPTY_SLOT, openai: EMPTY_SLOT },

    async load(engine, source, options = {}) {
      const ticket = ++loadTickets[engine.kind];
      const current = () => loadTickets[engine.kind] === ticket;
      const previous = get().slots[engine.kind].engine;
      patch(engine.kind, { status: 'loading', progress: null, problem: null, model: null, engine: null });
      if (previous) await previous.unload().catch(() => undefined);
      try {
        const model = await engine.load(source, (progress) => current() && patch(engine.kind, { progress }));
        if (!current()) {
          await engine.unload().catch(() => undefined);
          return false;
        }
        patch(engine.kind, { engine, model, status: 'ready', progress: null });
        return true;
      } catch (error) {
        await engine.unload().catch(() => undefined);
        if (!current()) return false;
        const { message, hint } = describeError(error);
        patch(engine.kind, { status: 'idle', progress: null, problem: { message, hint, ...(options.quiet ? { quiet: true } : {}) } });
        return false;
      }
    },

    async unload(kind) {
      loadTickets[kind]++;
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
    reportProblem: (kind, problem) => patch(kind, { problem }),
  };
});

/**
 * The ready models as generation targets, in engine order. Their engines report a crash to this store as it
 * happens, whichever area was generating.
 */
export function targetsOf(slots: Record<EngineKind, EngineSlot>): GenerationTarget[] {
  return ENGINE_KINDS.flatMap((kind) => {
    const { engine, model, status } = slots[kind];
    if (!engine || !model || status !== 'ready') return [];
    const watched = reportingCrashes(engine, (error) => useEngineStore.getState().reportCrash(kind, error));
    return [{ key: modelKeyOf(kind, model.modelName), engine: watched, model }];
  });
}
