import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { canRedo, canUndo, isEdited } from '../../../core/dialogue/editTurns';
import { keyCommand, type EditCommand } from './commands';
import { EditDiff } from './EditDiff';
import { EditedBadge } from './EditedBadge';
import { EditHistory } from './EditHistory';
import { TurnRow, type TurnAction, type TurnControl } from './TurnRow';
import { useTurnEdits, type TurnEditsProps } from './useTurnEdits';
import './edit.css';

type ToolbarButton = 'undo' | 'redo' | 'revert';
/** Where focus goes once a command's result is on screen: a turn's control, or a toolbar button still enabled. */
type FocusRequest = { index: number; control: TurnControl; caret?: number } | { toolbar: ToolbarButton };

const isTurnControl = (value: string | undefined): value is TurnControl =>
  value === 'speaker' || value === 'text' || value === 'moveUp' || value === 'moveDown' || value === 'merge';

/**
 * Edits a dialogue's turns. Controlled: `edit` is null until the first change, and every change arrives through
 * `onChange` as the next turns, history and cursor for the parent to keep.
 */
export function TurnEditor(props: TurnEditsProps) {
  const { original } = props;
  const { current, draft, setDraft, problem, announcement, dispatch } = useTurnEdits(props);
  const { turns, history, cursor } = current;
  const [showMath, setShowMath] = useState(false);
  const [showChanges, setShowChanges] = useState(false);
  const root = useRef<HTMLElement>(null);
  const focusRequest = useRef<FocusRequest | null>(null);
  const speakersId = useId();

  // Focus follows the turn a command moved, split or inserted; a toolbar button its command disabled (Undo at the
  // first step, Revert once reverted) hands focus to a neighbour, else the editor, so the shortcuts keep working.
  useEffect(() => {
    const request = focusRequest.current;
    if (!request) return;
    focusRequest.current = null;
    if ('toolbar' in request) {
      const enabled = [request.toolbar, 'undo', 'redo']
        .map((name) => root.current?.querySelector<HTMLButtonElement>(`[data-toolbar="${name}"]`))
        .find((button) => button && !button.disabled);
      (enabled ?? root.current)?.focus();
      return;
    }
    const turn = root.current?.querySelector(`[data-turn="${request.index}"]`);
    const wanted = turn?.querySelector<HTMLElement>(`[data-control="${request.control}"]`);
    const target = wanted && !wanted.matches(':disabled') ? wanted : turn?.querySelector('textarea');
    target?.focus();
    if (request.caret !== undefined && target instanceof HTMLTextAreaElement) target.setSelectionRange(request.caret, request.caret);
  });

  const run = (command: EditCommand, focus?: FocusRequest) => {
    focusRequest.current = focus ?? null;
    if (!dispatch(command)) focusRequest.current = null;
  };

  const onAction = (index: number, action: TurnAction, control: TurnControl | null, textField: HTMLTextAreaElement | null) => {
    const stay = (at: number): FocusRequest => ({ index: at, control: control ?? 'text' });
    if (action === 'split') run({ kind: 'split', index, at: textField?.selectionStart ?? 0 }, { index: index + 1, control: 'text', caret: 0 });
    if (action === 'merge') run({ kind: 'merge', index }, stay(index));
    if (action === 'insertAfter') run({ kind: 'insertAfter', index }, { index: index + 1, control: 'text' });
    if (action === 'remove') run({ kind: 'remove', index }, { index: Math.min(index, turns.length - 2), control: 'text' });
    if (action === 'moveUp' && index > 0) run({ kind: 'move', index, by: -1 }, stay(index - 1));
    if (action === 'moveDown' && index < turns.length - 1) run({ kind: 'move', index, by: 1 }, stay(index + 1));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const command = keyCommand(e.nativeEvent);
    if (!command) return;
    if (command === 'undo' || command === 'redo') {
      e.preventDefault();
      run({ kind: command });
      return;
    }
    const target = e.target as HTMLElement;
    const index = Number(target.closest('[data-turn]')?.getAttribute('data-turn') ?? NaN);
    if (Number.isNaN(index)) return;
    e.preventDefault();
    const control = target.getAttribute('data-control') ?? undefined;
    onAction(index, command, isTurnControl(control) ? control : null, null);
  };

  const typed = (index: number, field: 'speaker' | 'text') => (draft?.index === index && draft.field === field ? draft.value : turns[index]![field]);
  const dirty = draft !== null && draft.value !== turns[draft.index]?.[draft.field];
  const edited = isEdited(original, turns);
  const speakers = [...new Set(turns.map((t) => t.speaker).filter(Boolean))];

  return (
    <section className="turn-editor" ref={root} aria-label="Edit dialogue" tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="turn-editor-toolbar">
        <button type="button" data-toolbar="undo" onClick={() => run({ kind: 'undo' }, { toolbar: 'undo' })} disabled={!canUndo(history, cursor) && !dirty} title="Ctrl+Z / ⌘Z">
          Undo
        </button>
        <button type="button" data-toolbar="redo" onClick={() => run({ kind: 'redo' }, { toolbar: 'redo' })} disabled={!canRedo(history, cursor)} title="Ctrl+Shift+Z / ⌘⇧Z / Ctrl+Y">
          Redo
        </button>
        <button type="button" data-toolbar="revert" onClick={() => run({ kind: 'revert' }, { toolbar: 'revert' })} disabled={!edited && !dirty}>
          Revert to original
        </button>
        {edited && <EditedBadge />}
        <span className="muted turn-editor-step">{history.length > 1 ? `Step ${cursor + 1} of ${history.length}` : 'No edits yet'}</span>
        <label className="inline">
          <input type="checkbox" checked={showMath} onChange={(e) => setShowMath(e.target.checked)} /> Show math
        </label>
      </div>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <datalist id={speakersId}>
        {speakers.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {turns.length === 0 ? (
        <p>
          No turns.{' '}
          <button type="button" data-control="text" onClick={() => run({ kind: 'insertAfter', index: -1 }, { index: 0, control: 'text' })}>
            Add a turn
          </button>
        </p>
      ) : (
        <ol className="turn-edit-list">
          {turns.map((_, i) => (
            <TurnRow
              key={i}
              index={i}
              count={turns.length}
              speaker={typed(i, 'speaker')}
              text={typed(i, 'text')}
              speakersListId={speakersId}
              showMath={showMath}
              onType={(field, value) => setDraft({ index: i, field, value })}
              onLeave={() => run({ kind: 'commit' })}
              onAction={(action, control, textField) => onAction(i, action, control, textField)}
            />
          ))}
        </ol>
      )}
      <details className="turn-editor-more" onToggle={(e) => setShowChanges(e.currentTarget.open)}>
        <summary>Changes from the model's output</summary>
        {showChanges && <EditDiff original={original} turns={turns} />}
      </details>
      {history.length > 0 && (
        <details className="turn-editor-more">
          <summary>History ({history.length} steps)</summary>
          <EditHistory history={history} cursor={cursor} />
        </details>
      )}
    </section>
  );
}
