import { MathText } from '../../shared';
import type { TurnField } from './commands';

/** The controls of a turn that keep focus when the turn moves: its two fields and its move buttons. */
export type TurnControl = TurnField | 'moveUp' | 'moveDown' | 'merge';

export type TurnAction = 'split' | 'merge' | 'insertAfter' | 'remove' | 'moveUp' | 'moveDown';

interface TurnRowProps {
  index: number;
  count: number;
  /** The field's text while it is being typed in, else the turn's. */
  speaker: string;
  text: string;
  speakersListId: string;
  showMath: boolean;
  onType(field: TurnField, value: string): void;
  onLeave(): void;
  onAction(action: TurnAction, control: TurnControl | null, textField: HTMLTextAreaElement | null): void;
}

const rowsFor = (text: string) => Math.min(14, Math.max(2, text.split('\n').length + Math.floor(text.length / 90)));

export function TurnRow({ index, count, speaker, text, speakersListId, showMath, onType, onLeave, onAction }: TurnRowProps) {
  const n = index + 1;
  const textField = (e: { currentTarget: HTMLElement }) => e.currentTarget.closest('li')?.querySelector('textarea') ?? null;
  const button = (action: TurnAction, label: string, options: { control?: TurnControl; disabled?: boolean; hint?: string } = {}) => (
    <button
      type="button"
      data-control={options.control}
      disabled={options.disabled}
      title={options.hint}
      onClick={(e) => onAction(action, options.control ?? null, textField(e))}
    >
      {label}
    </button>
  );
  return (
    <li className="turn-edit" data-turn={index}>
      <fieldset>
        <legend>Turn {n}</legend>
        <label className="turn-edit-speaker">
          <span>
            Speaker<span className="visually-hidden"> of turn {n}</span>
          </span>
          <input
            data-control="speaker"
            value={speaker}
            list={speakersListId}
            autoComplete="off"
            onChange={(e) => onType('speaker', e.target.value)}
            onBlur={onLeave}
          />
        </label>
        <label className="turn-edit-text">
          <span>
            Text<span className="visually-hidden"> of turn {n}</span>
          </span>
          <textarea
            data-control="text"
            value={text}
            rows={rowsFor(text)}
            spellCheck
            onChange={(e) => onType('text', e.target.value)}
            onBlur={onLeave}
          />
        </label>
        {showMath && (
          <div className="turn-edit-preview" aria-label={`Turn ${n} with math rendered`} role="region">
            <MathText text={text} />
          </div>
        )}
        <div className="turn-edit-actions">
          {button('split', 'Split at cursor', { hint: 'Cut this turn in two where the text cursor is' })}
          {button('merge', 'Merge with next', { control: 'merge', disabled: index === count - 1 })}
          {button('insertAfter', 'Insert turn after')}
          {button('remove', 'Delete turn')}
          {button('moveUp', 'Move up', { control: 'moveUp', disabled: index === 0, hint: 'Alt+↑' })}
          {button('moveDown', 'Move down', { control: 'moveDown', disabled: index === count - 1, hint: 'Alt+↓' })}
        </div>
      </fieldset>
    </li>
  );
}
