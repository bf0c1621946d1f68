import type { DialogueRecord } from '../../../core/records/dialogue';
import type { DialogueEditRecord } from '../../../core/records/review';
import { reviewApi } from '../api';

export type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'failed'; message: string } | { status: 'ready'; dialogue: DialogueRecord; edit: DialogueEditRecord | null };

interface Read {
  promise: Promise<Loaded>;
  /** Set once the read is done, so a view opened after that shows the dialogue in its first frame. */
  value: Loaded | null;
}

/**
 * Reads of the focused dialogue and its neighbours in the queue, started before a reviewer moves there: J and K then
 * show the next dialogue whole in the frame after the key, with no "Loading…" frame and no IndexedDB round trip in
 * between. Only the reads around the focus are kept, so none is more than a few moves old.
 */
const reads = new Map<string, Read>();

export function readDialogue(id: string): Read {
  const known = reads.get(id);
  if (known) return known;
  const read: Read = {
    value: null,
    promise: Promise.all([reviewApi.getDialogue(id), reviewApi.getEdit(id)]).then(
      ([dialogue, edit]): Loaded => (dialogue ? { status: 'ready', dialogue, edit } : { status: 'missing' }),
      (error: unknown): Loaded => {
        // Tried again when the dialogue is opened again.
        reads.delete(id);
        return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      },
    ),
  };
  void read.promise.then((value) => (read.value = value));
  reads.set(id, read);
  return read;
}

/** Starts the reads of these dialogues and forgets all others. */
export function readAhead(ids: readonly string[]): void {
  const keep = new Set(ids);
  for (const id of reads.keys()) if (!keep.has(id)) reads.delete(id);
  for (const id of ids) readDialogue(id);
}

/** What an edit in this view changed, so that coming back to the dialogue shows it. */
export function rememberRead(id: string, value: Loaded): void {
  reads.set(id, { promise: Promise.resolve(value), value });
}
