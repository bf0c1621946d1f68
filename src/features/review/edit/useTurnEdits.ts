import { useRef, useState } from 'react';
import { startHistory, TurnEditError, type EditState } from '../../../core/dialogue/editTurns';
import type { DialogueTurn } from '../../../core/types';
import { applyCommand, describeChange, type Draft, type EditCommand } from './commands';

export interface TurnEditsProps {
  original: DialogueTurn[];
  edit: EditState | null;
  rater: string;
  onChange(next: EditState): void;
}

const NO_HISTORY: EditState['history'] = [];

interface Sent {
  original: DialogueTurn[];
  from: EditState | null;
  to: EditState;
}

/**
 * The editor's state is its props. Until the parent passes back what onChange sent (it may persist first), the
 * editor shows and builds on what it sent, so a blur's step and the click that caused it are never computed from
 * the same stale props.
 */
export function useTurnEdits({ original, edit, rater, onChange }: TurnEditsProps) {
  const [shown, setShown] = useState<Sent | null>(null);
  const sent = useRef<Sent | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState('');
  const [announcement, setAnnouncement] = useState('');

  const unanswered = (s: Sent | null): s is Sent => s !== null && s.original === original && s.from === edit;
  const current: EditState = unanswered(shown) ? shown.to : (edit ?? { turns: original, history: NO_HISTORY, cursor: 0 });

  function dispatch(command: EditCommand): boolean {
    const now = Date.now();
    const before = unanswered(sent.current) ? sent.current.to : (edit ?? startHistory(original, rater, now));
    let next: EditState;
    try {
      next = applyCommand({ original, state: before, draft, rater, now }, command);
    } catch (error) {
      if (!(error instanceof TurnEditError)) throw error;
      setProblem(error.message);
      return false;
    }
    setDraft(null);
    setProblem('');
    setAnnouncement(describeChange(before, next, command));
    if (next.cursor === before.cursor && next.history.length === before.history.length) return true;
    sent.current = { original, from: edit, to: next };
    setShown(sent.current);
    onChange(next);
    return true;
  }

  return { current, draft, setDraft, problem, announcement, dispatch };
}
