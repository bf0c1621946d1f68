import { isEngineError } from './errors';
import type { Engine } from './types';

/**
 * The same engine, but a crash is reported as it happens (the Models tab then unloads the dead model and says why),
 * whoever was generating: the Generate page, the grid or a run. The caller still sees the error.
 */
export function reportingCrashes(engine: Engine, onCrash: (error: unknown) => void): Engine {
  return {
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
}
