import { EngineError, isEngineError, type EngineErrorCode } from '../engine/errors';
import type { DialogueRecord } from '../records/dialogue';
import type { WorkItemRecord } from '../records/run';
import type { TemplateVersionRecord } from '../templates/schema';
import { generateDialogue, type GenerationTarget } from './generateDialogue';

export interface WorkItemError {
  code: string;
  message: string;
  hint: string;
}

/** Where a run's items live (Dexie in the app, memory in tests and the compare grid). */
export interface RunStorePort {
  /** Items still to do, in plan order. */
  pendingItems(runId: string): Promise<WorkItemRecord[]>;
  /**
   * Stores the dialogue and marks its item done, in one transaction. Returns false, storing nothing, when the item
   * is already done (so a resumed or doubled run never stores an item twice).
   */
  completeItem(item: WorkItemRecord, dialogue: DialogueRecord): Promise<boolean>;
  failItem(item: WorkItemRecord, error: WorkItemError, attempts: number): Promise<void>;
}

export interface RetryPolicy {
  /** Tries per item for passing errors (429, 5xx, a dropped connection) before the run pauses. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface RunSettings {
  id: string;
  /** Whether dialogues carry the run and work item they fulfil (true by default); a one-off compare grid's do not. */
  partOfRun?: boolean;
  /** Requests in flight at once per model that serves several; in-browser engines always take one at a time. */
  concurrency: number;
}

export interface ExecuteRunDeps {
  store: RunStorePort;
  /** The loaded model for a key, or null when it is not loaded now. */
  target(modelKey: string): GenerationTarget | null;
  version(id: string): Promise<TemplateVersionRecord | null>;
  retry?: RetryPolicy;
  /** Resolves after ms, or rejects when the signal aborts. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  onItemStart?(item: WorkItemRecord): void;
  onItemText?(item: WorkItemRecord, raw: string): void;
  onItemSettled?(item: WorkItemRecord, outcome: { kind: 'done'; dialogue: DialogueRecord } | { kind: 'failed'; error: WorkItemError } | { kind: 'left' }): void;
  now?(): number;
}

export type RunOutcome =
  | { kind: 'done' }
  /** Stopped by the lab: a model missing, an engine crashed, a server gone. Resume once it is back. */
  | { kind: 'paused'; reason: string }
  /** Stopped by the caller's signal (Pause or Cancel). */
  | { kind: 'stopped' };

/** Errors that pass: wait and try the same item again. */
const PASSING: ReadonlySet<EngineErrorCode> = new Set(['busy', 'server-error', 'network', 'unreachable']);
/** Errors that say the model is gone: nothing else on it can succeed until it is back. */
const OUTAGE: ReadonlySet<EngineErrorCode> = new Set(['engine-crashed', 'not-loaded', 'device-lost', 'auth']);

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

const asItemError = (error: unknown): WorkItemError =>
  isEngineError(error)
    ? { code: error.code, message: error.message, hint: error.hint }
    : { code: 'unknown', message: error instanceof Error ? error.message : String(error), hint: 'Retry the item; if it keeps failing, reload the model.' };

/**
 * Runs a run's pending items to the end. Each model gets its own lanes (one for an in-browser engine, the run's
 * concurrency for a server), items go out in plan order, and each finished item is stored whole, with its
 * dialogue, at once. Passing errors are retried with backoff (Retry-After honoured); an outage pauses the whole run,
 * leaving the unfinished items pending; any other error fails just that item.
 */
export async function executeRun(run: RunSettings, deps: ExecuteRunDeps, signal: AbortSignal): Promise<RunOutcome> {
  const policy = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? defaultSleep;
  const halt = new AbortController();
  const stopOnSignal = () => halt.abort(signal.reason);
  signal.addEventListener('abort', stopOnSignal, { once: true });
  if (signal.aborted) halt.abort(signal.reason);
  let pauseReason: string | null = null;
  const pause = (reason: string) => {
    pauseReason ??= reason;
    halt.abort(new Error(reason));
  };

  const writes: Promise<void>[] = [];
  const versions = new Map<string, Promise<TemplateVersionRecord | null>>();
  const versionOf = (id: string) => {
    if (!versions.has(id)) versions.set(id, deps.version(id));
    return versions.get(id)!;
  };

  async function runItem(item: WorkItemRecord, target: GenerationTarget): Promise<void> {
    const version = await versionOf(item.templateVersionId);
    if (!version) {
      const error = { code: 'bad-request', message: `Template version ${item.templateVersionId} is missing.`, hint: 'It may have been deleted; plan the run again.' };
      await deps.store.failItem(item, error, item.attempts + 1);
      deps.onItemSettled?.(item, { kind: 'failed', error });
      return;
    }
    deps.onItemStart?.(item);
    for (let attempt = item.attempts + 1; ; attempt++) {
      if (halt.signal.aborted) return deps.onItemSettled?.(item, { kind: 'left' });
      try {
        const { dialogue } = await generateDialogue({
          target,
          version,
          excerpt: { text: item.excerptText, ...(item.excerptId ? { excerptId: item.excerptId } : {}), url: item.url },
          params: item.params,
          ...(run.partOfRun === false ? {} : { runId: run.id, workItemId: item.id }),
          signal: halt.signal,
          onText: deps.onItemText ? (raw) => deps.onItemText?.(item, raw) : undefined,
          // Named after its item: a second attempt to store the same item can only collide, never duplicate.
          newId: () => `dialogue-${item.id}`,
          ...(deps.now ? { now: deps.now } : {}),
        });
        if (!dialogue || dialogue.status === 'stopped' || halt.signal.aborted) return deps.onItemSettled?.(item, { kind: 'left' });
        // The write overlaps the lane's next generation (an in-browser engine would otherwise idle while IndexedDB
        // commits); the run ends only once every write has.
        writes.push(deps.store.completeItem(item, dialogue).then(() => deps.onItemSettled?.(item, { kind: 'done', dialogue })));
        return;
      } catch (error) {
        if (halt.signal.aborted) return deps.onItemSettled?.(item, { kind: 'left' });
        const code = isEngineError(error) ? error.code : 'unknown';
        if (OUTAGE.has(code)) {
          pause(`${asItemError(error).message} The run is paused; ${code === 'auth' ? 'fix the key' : 'load the model again'} and resume.`);
          return deps.onItemSettled?.(item, { kind: 'left' });
        }
        if (PASSING.has(code)) {
          if (attempt >= policy.maxAttempts) {
            pause(`${asItemError(error).message} (${attempt} tries). The run is paused; resume once ${target.model.modelName} answers again.`);
            return deps.onItemSettled?.(item, { kind: 'left' });
          }
          try {
            await sleep(backoffMs(attempt, policy, (error as EngineError).retryAfterMs), halt.signal);
          } catch {
            return deps.onItemSettled?.(item, { kind: 'left' });
          }
          continue;
        }
        const itemError = asItemError(error);
        await deps.store.failItem(item, itemError, attempt);
        return deps.onItemSettled?.(item, { kind: 'failed', error: itemError });
      }
    }
  }

  try {
    const pending = await deps.store.pendingItems(run.id);
    const byModel = new Map<string, WorkItemRecord[]>();
    for (const item of pending) {
      const queue = byModel.get(item.modelKey) ?? [];
      queue.push(item);
      byModel.set(item.modelKey, queue);
    }
    const targets = new Map<string, GenerationTarget>();
    for (const modelKey of byModel.keys()) {
      const target = deps.target(modelKey);
      if (!target) return { kind: 'paused', reason: `The model ${modelKey} is not loaded. Load it on the Models tab, then resume the run.` };
      targets.set(modelKey, target);
    }
    const lanes: Promise<void>[] = [];
    for (const [modelKey, queue] of byModel) {
      const target = targets.get(modelKey)!;
      const laneCount = target.engine.parallelRequests ? Math.max(1, run.concurrency) : 1;
      let next = 0;
      const lane = async () => {
        while (!halt.signal.aborted && next < queue.length) {
          const item = queue[next++]!;
          await runItem(item, target);
        }
      };
      for (let i = 0; i < Math.min(laneCount, queue.length); i++) lanes.push(lane());
    }
    await Promise.all(lanes);
  } finally {
    // Even when a lane failed, let every started write finish before reporting, so nothing is half-known.
    await Promise.allSettled(writes);
    signal.removeEventListener('abort', stopOnSignal);
  }
  // A write that failed (storage full, say) fails the run loudly instead of leaving an item silently undone.
  await Promise.all(writes);
  if (pauseReason) return { kind: 'paused', reason: pauseReason };
  if (signal.aborted) return { kind: 'stopped' };
  return { kind: 'done' };
}
