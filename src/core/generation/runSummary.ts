import type { DialogueRecord } from '../records/dialogue';
import type { WorkItemRecord } from '../records/run';

/** What progress needs of an item: its state and, once done, its tokens, generation time and when it finished. */
export type ProgressItem = Pick<WorkItemRecord, 'state' | 'completionTokens' | 'totalMs' | 'updatedAt'>;

export interface RunProgress {
  total: number;
  done: number;
  failed: number;
  pending: number;
  /** Completion tokens of the done items. */
  completionTokens: number;
  /** Wall-clock seconds in which done items were generating (overlaps counted once, pauses not at all). */
  busySeconds: number;
  /** completionTokens ÷ busySeconds; null before the first item is done. */
  tokensPerSecond: number | null;
  /** Seconds left at the pace so far; null before the first item is done, 0 when nothing is pending. */
  etaSeconds: number | null;
}

/**
 * Length of the union of [start, end) intervals. Items that ran side by side (a server at concurrency 4) share
 * wall-clock time, and the gaps of a pause or a reload belong to no item, so neither inflates the pace.
 */
export function coveredMs(intervals: readonly (readonly [number, number])[]): number {
  const sorted = intervals.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let currentStart = Number.NEGATIVE_INFINITY;
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    if (start > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else if (end > currentEnd) {
      currentEnd = end;
    }
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return total;
}

/**
 * Done, failed and pending counts, speed and ETA of a run, from its stored items alone (so every tab computes the
 * same figures). A done item generated during [updatedAt − totalMs, updatedAt]; the pace is done items per busy
 * second, and the ETA is the pending items at that pace.
 */
export function runProgress(items: readonly ProgressItem[]): RunProgress {
  let done = 0;
  let failed = 0;
  let pending = 0;
  let completionTokens = 0;
  const intervals: [number, number][] = [];
  for (const item of items) {
    if (item.state === 'failed') failed++;
    else if (item.state === 'pending') pending++;
    else {
      done++;
      completionTokens += item.completionTokens ?? 0;
      if (item.totalMs !== null) intervals.push([item.updatedAt - item.totalMs, item.updatedAt]);
    }
  }
  const busySeconds = coveredMs(intervals) / 1000;
  const measured = done > 0 && busySeconds > 0;
  return {
    total: items.length,
    done,
    failed,
    pending,
    completionTokens,
    busySeconds,
    tokensPerSecond: measured ? completionTokens / busySeconds : null,
    etaSeconds: pending === 0 ? 0 : measured ? (pending * busySeconds) / done : null,
  };
}

/** One row of a run summary: one template version on one model with one sampling preset. */
export interface RunSummaryRow {
  key: string;
  templateVersionId: string;
  /** The template's style, from its dialogues; null while none is done. */
  style: string | null;
  modelKey: string;
  presetId: string;
  items: number;
  done: number;
  failed: number;
  pending: number;
  /** Means over the done items' dialogues; null when there are none. */
  meanCompletionTokens: number | null;
  /** Mean of completion ÷ prompt tokens per dialogue (dialogues with no prompt tokens left out). */
  meanOutputInputRatio: number | null;
  /** Sum of completion tokens ÷ sum of generation seconds. */
  tokensPerSecond: number | null;
  /** Share of done dialogues that pass the basic MIND checks, 0..1. */
  checkPassRate: number | null;
}

type SummaryItem = Pick<WorkItemRecord, 'id' | 'state' | 'templateVersionId' | 'modelKey' | 'presetId'>;
type SummaryDialogue = Pick<DialogueRecord, 'workItemId' | 'style' | 'stats' | 'checks'>;

const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length);

/**
 * Compares a run's columns (template version × model × preset): items, failures, mean lengths, output÷input ratio,
 * speed and check pass rate. Dialogues are matched to items by workItemId; rows keep the plan's first-seen order.
 */
export function summarizeRun(items: readonly SummaryItem[], dialogues: readonly SummaryDialogue[]): RunSummaryRow[] {
  const dialogueOf = new Map(dialogues.filter((d) => d.workItemId).map((d) => [d.workItemId!, d]));
  const groups = new Map<string, { row: RunSummaryRow; dialogues: SummaryDialogue[] }>();
  for (const item of items) {
    const key = JSON.stringify([item.templateVersionId, item.modelKey, item.presetId]);
    let group = groups.get(key);
    if (!group) {
      group = {
        row: {
          key,
          templateVersionId: item.templateVersionId,
          style: null,
          modelKey: item.modelKey,
          presetId: item.presetId,
          items: 0,
          done: 0,
          failed: 0,
          pending: 0,
          meanCompletionTokens: null,
          meanOutputInputRatio: null,
          tokensPerSecond: null,
          checkPassRate: null,
        },
        dialogues: [],
      };
      groups.set(key, group);
    }
    group.row.items++;
    group.row[item.state === 'done' ? 'done' : item.state === 'failed' ? 'failed' : 'pending']++;
    const dialogue = item.state === 'done' ? dialogueOf.get(item.id) : undefined;
    if (dialogue) group.dialogues.push(dialogue);
  }
  return [...groups.values()].map(({ row, dialogues: done }) => {
    if (done.length === 0) return row;
    const totalMs = done.reduce((sum, d) => sum + d.stats.totalMs, 0);
    const tokens = done.reduce((sum, d) => sum + d.stats.completionTokens, 0);
    return {
      ...row,
      style: done[0]!.style,
      meanCompletionTokens: mean(done.map((d) => d.stats.completionTokens)),
      meanOutputInputRatio: mean(done.filter((d) => d.stats.promptTokens > 0).map((d) => d.stats.completionTokens / d.stats.promptTokens)),
      tokensPerSecond: totalMs > 0 ? tokens / (totalMs / 1000) : null,
      checkPassRate: done.filter((d) => d.checks.pass).length / done.length,
    };
  });
}
