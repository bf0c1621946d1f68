import { EngineError, isEngineError } from '../../core/engine/errors';
import type { Engine } from '../../core/engine/types';
import { executeRun, type RunOutcome } from '../../core/generation/executeRun';
import type { GenerationTarget } from '../../core/generation/generateDialogue';
import type { RunRecord } from '../../core/records/run';
import type { LabModels } from '../shared';
import { runsApi } from './api';

/** Why this tab stopped its own run: the person pressed Pause or Cancel, or changed the concurrency (restart). */
export type StopIntent = 'pause' | 'cancel' | 'restart';

/**
 * A server connection dropped while its answer streams makes the browser reject the body read with a bare
 * TypeError ("network error" in Chromium, "NetworkError…" in Firefox), which the OpenAI engine passes on untyped
 * (src/engines/openai/chatStream.ts reads without a catch). Untyped, executeRun would fail the item for good; as
 * the passing network error it is, the item is retried and an outage pauses the run with every item kept pending.
 */
function typedStreamDrop(error: unknown, kind: Engine['kind'], signal: AbortSignal | undefined): unknown {
  if (kind !== 'openai' || signal?.aborted || !(error instanceof TypeError) || !/network/i.test(error.message)) return error;
  return new EngineError('network', 'The connection to the server dropped while the answer was streaming.', 'Check that the server is still running; the item is tried again.', { cause: error });
}

/**
 * The same engine as runs need it: a crash it throws is also reported to the Models tab, which unloads the dead
 * model and says why (so "load the model again" in the pause message leads somewhere), and a dropped stream is a
 * network error.
 */
function forRuns(target: GenerationTarget, report: LabModels['reportCrash']): GenerationTarget {
  const inner = target.engine;
  const engine: Engine = {
    kind: inner.kind,
    parallelRequests: inner.parallelRequests,
    capabilities: () => inner.capabilities(),
    load: (source, onProgress) => inner.load(source, onProgress),
    async *generate(request, signal) {
      try {
        yield* inner.generate(request, signal);
      } catch (error) {
        if (isEngineError(error) && error.code === 'engine-crashed') report(target.key, error);
        throw typedStreamDrop(error, inner.kind, signal);
      }
    },
    interrupt: () => inner.interrupt(),
    unload: () => inner.unload(),
    ...(inner.countTokens ? { countTokens: (text: string) => inner.countTokens!(text) } : {}),
  };
  return { ...target, engine };
}

/** What the run's stored status becomes once executeRun returns. */
export function settledStatus(outcome: RunOutcome, intent: StopIntent | null): Pick<RunRecord, 'status' | 'pauseReason'> {
  if (outcome.kind === 'done') return { status: 'done', pauseReason: null };
  if (outcome.kind === 'paused') return { status: 'paused', pauseReason: outcome.reason };
  return intent === 'cancel' ? { status: 'cancelled', pauseReason: null } : { status: 'paused', pauseReason: null };
}

/**
 * Executes a run's pending items with the models loaded now, then stores how it ended. The caller holds the
 * driver lock. Items are stored whole with their dialogue as each one finishes (dexieRunStore), so stopping here
 * at any moment, or the tab dying, loses nothing but the items in flight, which stay pending.
 */
export async function driveRun(run: RunRecord, models: LabModels, signal: AbortSignal, intent: () => StopIntent | null): Promise<RunOutcome> {
  await runsApi.updateRun(run.id, { status: 'running', pauseReason: null });
  let outcome: RunOutcome;
  try {
    outcome = await executeRun(
      { id: run.id, concurrency: run.concurrency },
      {
        store: runsApi.runStore(),
        target: (modelKey) => {
          const target = models.targets.find((t) => t.key === modelKey);
          return target ? forRuns(target, models.reportCrash) : null;
        },
        version: runsApi.version,
      },
      signal,
    );
  } catch (error) {
    // A storage failure, say: the items not stored stay pending, and the run waits for a person.
    outcome = { kind: 'paused', reason: `The run stopped: ${error instanceof Error ? error.message : String(error)}. Nothing finished was lost; resume to continue.` };
  }
  await runsApi.updateRun(run.id, settledStatus(outcome, intent()));
  return outcome;
}
