import { executeRun, type RunOutcome } from '../../core/generation/executeRun';
import type { RunRecord } from '../../core/records/run';
import type { LabModels } from '../shared';
import { runsApi } from './api';

/** Why this tab stopped its own run: the person pressed Pause or Cancel, or changed the concurrency (restart). */
export type StopIntent = 'pause' | 'cancel' | 'restart';

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
          return target ?? null;
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
