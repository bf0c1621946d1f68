import type { DialogueRecord } from '../records/dialogue';
import type { WorkItemRecord } from '../records/run';
import type { PlannedItem } from './plan';
import type { RunStorePort, WorkItemError } from './executeRun';

/** A planned item as a fresh, pending work item record. */
export function toWorkItem(item: PlannedItem, runId: string, ordinal: number, now: number): WorkItemRecord {
  return {
    id: item.id,
    runId,
    ordinal,
    state: 'pending',
    excerptKey: item.excerptKey,
    excerptId: item.excerptId,
    excerptText: item.excerptText,
    url: item.url,
    templateVersionId: item.templateVersionId,
    templateHash: item.templateHash,
    modelKey: item.modelKey,
    presetId: item.presetId,
    params: item.params,
    sampleIndex: item.sampleIndex,
    attempts: 0,
    error: null,
    dialogueId: null,
    completionTokens: null,
    totalMs: null,
    updatedAt: now,
  };
}

/**
 * Work items held in memory: the compare grid's store (its cells are one-off), and the store tests run the
 * scheduler against. `onDialogue` decides where finished dialogues go.
 */
export function createMemoryRunStore(items: readonly WorkItemRecord[], onDialogue: (dialogue: DialogueRecord) => Promise<void> = async () => undefined) {
  const byId = new Map(items.map((item) => [item.id, { ...item }]));
  const dialogues: DialogueRecord[] = [];
  const store: RunStorePort = {
    async pendingItems(runId) {
      return [...byId.values()].filter((i) => i.runId === runId && i.state === 'pending').sort((a, b) => a.ordinal - b.ordinal);
    },
    async completeItem(item, dialogue) {
      const current = byId.get(item.id);
      if (!current || current.state === 'done') return false;
      await onDialogue(dialogue);
      dialogues.push(dialogue);
      byId.set(item.id, { ...current, state: 'done', dialogueId: dialogue.id, error: null, completionTokens: dialogue.stats.completionTokens, totalMs: dialogue.stats.totalMs });
      return true;
    },
    async failItem(item, error: WorkItemError, attempts) {
      const current = byId.get(item.id);
      if (current) byId.set(item.id, { ...current, state: 'failed', error, attempts });
    },
  };
  return { store, items: () => [...byId.values()], dialogues: () => dialogues };
}
