import { useEffect, useState } from 'react';
import type { DialogueRecord } from '../../../core/records/dialogue';
import type { DialogueEditRecord } from '../../../core/records/review';
import { reviewApi } from '../api';

export type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'failed'; message: string } | { status: 'ready'; dialogue: DialogueRecord; edit: DialogueEditRecord | null };

/** The dialogue a view shows, with its edit, read when the id changes. */
export function useDialogueUnderReview(dialogueId: string): [Loaded, (edit: DialogueEditRecord) => void] {
  const [loaded, setLoaded] = useState<{ id: string; value: Loaded }>({ id: dialogueId, value: { status: 'loading' } });
  useEffect(() => {
    let current = true;
    Promise.all([reviewApi.getDialogue(dialogueId), reviewApi.getEdit(dialogueId)]).then(
      ([dialogue, edit]) => current && setLoaded({ id: dialogueId, value: dialogue ? { status: 'ready', dialogue, edit } : { status: 'missing' } }),
      (error: unknown) => current && setLoaded({ id: dialogueId, value: { status: 'failed', message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      current = false;
    };
  }, [dialogueId]);
  const value: Loaded = loaded.id === dialogueId ? loaded.value : { status: 'loading' };
  const setEdit = (edit: DialogueEditRecord) => {
    if (value.status === 'ready') setLoaded({ id: dialogueId, value: { ...value, edit } });
  };
  return [value, setEdit];
}
