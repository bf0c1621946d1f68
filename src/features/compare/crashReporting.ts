import { isEngineError } from '../../core/engine/errors';
import type { Engine } from '../../core/engine/types';
import type { GenerationTarget } from '../../core/generation/generateDialogue';

/**
 * The same target, but a crashed engine is reported as it happens (the Models tab then unloads it and says why);
 * the scheduler still sees the error and pauses the grid.
 */
export function reportingCrashes(target: GenerationTarget, onCrash: (error: unknown) => void): GenerationTarget {
  const engine = target.engine;
  const watched: Engine = {
    kind: engine.kind,
    parallelRequests: engine.parallelRequests,
    capabilities: () => engine.capabilities(),
    load: (source, onProgress) => engine.load(source, onProgress),
    async *generate(request, signal) {
      try {
        yield* engine.generate(request, signal);
      } catch (error) {
        if (isEngineError(error) && error.code === 'engine-crashed') onCrash(error);
        throw error;
      }
    },
    interrupt: () => engine.interrupt(),
    unload: () => engine.unload(),
    ...(engine.countTokens ? { countTokens: (text: string) => engine.countTokens!(text) } : {}),
  };
  return { ...target, engine: watched };
}
