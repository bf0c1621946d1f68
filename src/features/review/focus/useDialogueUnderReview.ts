import { useEffect, useState } from 'react';
import type { DialogueEditRecord } from '../../../core/records/review';
import { readDialogue, rememberRead, type Loaded } from './dialogueReads';

export type { Loaded } from './dialogueReads';

const LOADING: Loaded = { status: 'loading' };

/** The dialogue a view shows, with its edit: at once when it was read ahead, otherwise when its read is done. */
export function useDialogueUnderReview(dialogueId: string): [Loaded, (edit: DialogueEditRecord) => void] {
  const [loaded, setLoaded] = useState<{ id: string; value: Loaded }>(() => ({ id: dialogueId, value: readDialogue(dialogueId).value ?? LOADING }));
  useEffect(() => {
    let current = true;
    void readDialogue(dialogueId).promise.then((value) => {
      if (current) setLoaded((shown) => (shown.id === dialogueId && shown.value === value ? shown : { id: dialogueId, value }));
    });
    return () => {
      current = false;
    };
  }, [dialogueId]);
  const value: Loaded = loaded.id === dialogueId ? loaded.value : LOADING;
  const setEdit = (edit: DialogueEditRecord) => {
    if (value.status !== 'ready') return;
    const next: Loaded = { ...value, edit };
    rememberRead(dialogueId, next);
    setLoaded({ id: dialogueId, value: next });
  };
  return [value, setEdit];
}
