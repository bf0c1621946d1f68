import {
  insert,
  merge,
  move,
  nextSpeaker,
  recordEdit,
  redo,
  remove,
  revertToOriginal,
  setSpeaker,
  setText,
  split,
  undo,
  type EditState,
} from '../../../core/dialogue/editTurns';
import type { DialogueTurn } from '../../../core/types';

export type TurnField = 'speaker' | 'text';

/** What is being typed in one field: it becomes one history step when the field is left, or before any command. */
export interface Draft {
  index: number;
  field: TurnField;
  value: string;
}

export type EditCommand =
  | { kind: 'commit' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'revert' }
  | { kind: 'split'; index: number; at: number }
  | { kind: 'merge'; index: number }
  /** index -1 inserts before the first turn. */
  | { kind: 'insertAfter'; index: number }
  | { kind: 'remove'; index: number }
  | { kind: 'move'; index: number; by: -1 | 1 };

export interface CommandContext {
  original: readonly DialogueTurn[];
  state: EditState;
  draft: Draft | null;
  rater: string;
  now: number;
}

export function commitDraft({ state, draft, rater, now }: Omit<CommandContext, 'original'>): EditState {
  if (!draft || draft.index >= state.turns.length) return state;
  const n = draft.index + 1;
  // Speakers are labels: spaces around one are typing noise. A text is kept exactly as typed, so a split offset
  // taken from the field still points at the same character.
  return draft.field === 'speaker'
    ? recordEdit(state.history, state.cursor, setSpeaker(state.turns, draft.index, draft.value.trim()), `Change speaker of turn ${n}`, rater, now)
    : recordEdit(state.history, state.cursor, setText(state.turns, draft.index, draft.value), `Edit text of turn ${n}`, rater, now);
}

/** The state after a command; a pending draft is committed first, so undo right after typing undoes the typing. */
export function applyCommand(context: CommandContext, command: EditCommand): EditState {
  const { original, rater, now } = context;
  const s = commitDraft(context);
  const step = (turns: DialogueTurn[], label: string) => recordEdit(s.history, s.cursor, turns, label, rater, now);
  switch (command.kind) {
    case 'commit':
      return s;
    case 'undo':
      return undo(s.history, s.cursor);
    case 'redo':
      return redo(s.history, s.cursor);
    case 'revert':
      return revertToOriginal(original, s.history, s.cursor, rater, now);
    case 'split':
      return step(split(s.turns, command.index, command.at), `Split turn ${command.index + 1}`);
    case 'merge':
      return step(merge(s.turns, command.index), `Merge turns ${command.index + 1} and ${command.index + 2}`);
    case 'insertAfter':
      return step(insert(s.turns, command.index + 1, { speaker: nextSpeaker(s.turns, command.index), text: '' }), `Insert turn ${command.index + 2}`);
    case 'remove':
      return step(remove(s.turns, command.index), `Delete turn ${command.index + 1}`);
    case 'move':
      return step(move(s.turns, command.index, command.index + command.by), `Move turn ${command.index + 1} ${command.by < 0 ? 'up' : 'down'}`);
  }
}

/** A sentence for the live region: which step an undo or redo went past, or which step was made. */
export function describeChange(before: EditState, after: EditState, command: EditCommand): string {
  if (command.kind === 'undo') return `Undone: ${after.history[after.cursor + 1]?.label ?? ''}`;
  if (command.kind === 'redo') return `Redone: ${after.history[after.cursor]?.label ?? ''}`;
  return after.cursor === before.cursor && after.history.length === before.history.length ? '' : (after.history[after.cursor]?.label ?? '');
}

export type KeyCommand = 'undo' | 'redo' | 'moveUp' | 'moveDown';

/** The editor's shortcuts: Ctrl/⌘+Z, Ctrl/⌘+Shift+Z or Ctrl+Y, Alt+↑/↓. */
export function keyCommand(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): KeyCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey && key === 'y') return 'redo';
  if (e.altKey && !mod && !e.shiftKey && e.key === 'ArrowUp') return 'moveUp';
  if (e.altKey && !mod && !e.shiftKey && e.key === 'ArrowDown') return 'moveDown';
  return null;
}
