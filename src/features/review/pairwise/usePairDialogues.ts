import { useEffect, useState } from 'react';
import type { DialogueRecord } from '../../../core/records/dialogue';
import type { PairToJudge } from '../../../core/review/pairs';
import { reviewApi } from '../api';
import { shownTurns } from './shownTurns';

export interface LoadedSide {
  dialogue: DialogueRecord;
  turns: DialogueRecord['turns'];
}

export type PairLoad =
  | { state: 'loading' }
  | { state: 'ready'; left: LoadedSide; right: LoadedSide }
  | { state: 'failed'; message: string };

async function loadSide(id: string): Promise<LoadedSide> {
  const [dialogue, edit] = await Promise.all([reviewApi.getDialogue(id), reviewApi.getEdit(id)]);
  if (!dialogue) throw new Error(`The dialogue ${id} is no longer stored.`);
  return { dialogue, turns: shownTurns(dialogue, edit) };
}

/**
 * Both dialogues of a pair, each as the judge should read it (edited turns when edited). `revision` changes when either
 * dialogue's analysis is recomputed (an edit was saved), so the pair is read again.
 */
export function usePairDialogues(pair: PairToJudge | null, revision: string): PairLoad {
  const left = pair?.left ?? null;
  const right = pair?.right ?? null;
  const key = left && right ? JSON.stringify([left, right, revision]) : null;
  const [loaded, setLoaded] = useState<{ key: string; load: PairLoad } | null>(null);
  useEffect(() => {
    if (!key || !left || !right) return;
    let current = true;
    Promise.all([loadSide(left), loadSide(right)]).then(
      ([l, r]) => current && setLoaded({ key, load: { state: 'ready', left: l, right: r } }),
      (error: unknown) => current && setLoaded({ key, load: { state: 'failed', message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      current = false;
    };
  }, [key, left, right]);
  // A result for another pair is stale: the new pair shows as loading until its own dialogues arrive.
  return loaded && loaded.key === key ? loaded.load : { state: 'loading' };
}
