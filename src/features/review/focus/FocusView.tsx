import { memo, useMemo, useState, type KeyboardEvent } from 'react';
import type { DialogueAnalysisRecord, DialogueEditRecord, FaithfulnessSignals, RatingRecord, RatingStatus } from '../../../core/records/review';
import { signalSpans } from '../../../core/review/signals';
import type { Answer, Answers, Rubric } from '../../../core/review/rubric';
import type { DialogueTurn } from '../../../core/types';
import { MathText, PromptMessages, SamplingTerms } from '../../shared';
import { EditDiff, EditedBadge, TurnEditor } from '../edit';
import { RubricForm } from './RubricForm';
import { SignalsSummary } from './SignalsSummary';
import { useDialogueUnderReview } from './useDialogueUnderReview';

export interface FocusViewProps {
  analysis: DialogueAnalysisRecord;
  position: number;
  total: number;
  rubric: Rubric;
  rater: string;
  blind: boolean;
  mine: RatingRecord | undefined;
  submittedCount: number;
  overlapTarget: number;
  /** Increases when the view was opened by keyboard: focus goes to the first question. */
  focusToken: number;
  onRate(status: RatingStatus, answers: Answers): boolean;
  onMove(step: 1 | -1): void;
  onDelete(): void;
  onSaveEdit(edit: DialogueEditRecord): Promise<void>;
  onShowShortcuts(): void;
}

const TEXT_FIELD = 'input, textarea, select, [contenteditable="true"]';
const ACTIVATES_ON_ENTER = 'button, a, summary';

// Memoized: answering the rubric re-renders the view on every key, and the turns (signals, KaTeX) need not follow.
const Turns = memo(function Turns({ turns, signals }: { turns: readonly DialogueTurn[]; signals: FaithfulnessSignals }) {
  return (
    <ol className="review-turns" aria-label="Turns">
      {turns.map((turn, i) => (
        <li key={i}>
          {turn.speaker && <b className="speaker">{turn.speaker}:</b>} <MathText text={turn.text} highlights={signalSpans(turn.text, signals, 'dialogue')} />
        </li>
      ))}
    </ol>
  );
});

/**
 * One dialogue under review: its turns beside the source excerpt with the signals marked, the filter outcome, the
 * rubric, and the prompt and settings one click away. Every action has a key (see the shortcuts list).
 */
export function FocusView(props: FocusViewProps) {
  const { analysis, rubric, blind, mine } = props;
  const [loaded, setEdit] = useDialogueUnderReview(analysis.dialogueId);
  const [answers, setAnswers] = useState<Answers>(mine?.answers ?? {});
  const [dirty, setDirty] = useState(false);
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState(false);
  const excerptSpans = useMemo(
    () => (loaded.status === 'ready' ? signalSpans(loaded.dialogue.excerptText, analysis.signals, 'excerpt') : []),
    [loaded, analysis.signals],
  );

  const answer = (questionId: string, value: Answer) => {
    setAnswers((current) => ({ ...current, [questionId]: value }));
    setDirty(true);
  };
  const rate = (status: RatingStatus) => {
    if (props.onRate(status, answers)) setDirty(false);
  };
  const move = (step: 1 | -1) => {
    // Answers given but not submitted are kept as a draft rather than lost.
    if (dirty) props.onRate('draft', answers);
    props.onMove(step);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const inText = target.matches(TEXT_FIELD);
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 's') {
      event.preventDefault();
      rate('draft');
      return;
    }
    if (inText || mod || event.altKey) return;
    const handled = (() => {
      switch (event.key) {
        case 'Enter':
          if (target.matches(ACTIVATES_ON_ENTER)) return false;
          rate('submitted');
          return true;
        case 'Backspace':
          rate('discarded');
          return true;
        case 'j':
        case 'J':
          move(1);
          return true;
        case 'k':
        case 'K':
          move(-1);
          return true;
        case '?':
          props.onShowShortcuts();
          return true;
        case 'e':
        case 'E':
          setEditing((on) => !on);
          return true;
        case 'Delete':
          props.onDelete();
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const submittedNote = `${props.submittedCount} of ${props.overlapTarget} rating${props.overlapTarget === 1 ? '' : 's'} submitted`;
  return (
    <article className="focus-view" aria-label={`Dialogue ${props.position} of ${props.total}`} onKeyDown={onKeyDown}>
      <header className="focus-header">
        <h3>
          Dialogue {props.position} of {props.total}
        </h3>
        <span className={`status status-${mine?.status ?? 'unrated'}`}>Yours: {mine?.status ?? 'not rated'}</span>
        <span className="muted">{submittedNote}</span>
        {analysis.edited && <EditedBadge />}
        <span className="focus-meta">
          <span>{analysis.style}</span>
          {!blind && (
            <>
              {' · '}
              <span>{analysis.modelKey}</span>
              {' · '}
              <span>{analysis.templateVersionId}</span>
            </>
          )}
        </span>
        <span className="focus-actions">
          <button type="button" onClick={() => move(-1)} aria-keyshortcuts="K">
            Previous (K)
          </button>
          <button type="button" onClick={() => move(1)} aria-keyshortcuts="J">
            Next (J)
          </button>
          <button type="button" aria-pressed={editing} onClick={() => setEditing((on) => !on)} aria-keyshortcuts="E">
            Edit turns (E)
          </button>
          <button type="button" onClick={props.onDelete} aria-keyshortcuts="Delete">
            Delete
          </button>
          <button type="button" onClick={props.onShowShortcuts} aria-keyshortcuts="?">
            Shortcuts (?)
          </button>
        </span>
      </header>

      {loaded.status === 'loading' && <p className="muted">Loading…</p>}
      {loaded.status === 'missing' && <p role="alert">This dialogue was deleted.</p>}
      {loaded.status === 'failed' && <p role="alert">This dialogue cannot be read: {loaded.message}</p>}
      {loaded.status === 'ready' && (
        <>
          <div className="review-columns">
            <section className="review-dialogue" aria-label="Dialogue">
              <h4>Dialogue{analysis.edited ? ' (edited)' : ''}</h4>
              {editing ? (
                <>
                  <TurnEditor
                    original={loaded.dialogue.turns}
                    edit={loaded.edit}
                    rater={props.rater}
                    onChange={(next) => {
                      const record: DialogueEditRecord = { dialogueId: loaded.dialogue.id, ...next, updatedAt: Date.now() };
                      setEdit(record);
                      void props.onSaveEdit(record);
                    }}
                  />
                </>
              ) : (
                <Turns turns={loaded.edit?.turns ?? loaded.dialogue.turns} signals={analysis.signals} />
              )}
              {!editing && analysis.edited && loaded.edit && (
                <details>
                  <summary>Changes against the model&apos;s output</summary>
                  <EditDiff original={loaded.dialogue.turns} turns={loaded.edit.turns} />
                </details>
              )}
            </section>
            <section className="review-source" aria-label="Source excerpt">
              <h4>Source excerpt</h4>
              {loaded.dialogue.url && (
                <p className="muted source-url">
                  {loaded.dialogue.url}
                </p>
              )}
              <MathText text={loaded.dialogue.excerptText} highlights={excerptSpans} />
            </section>
          </div>
          <SignalsSummary analysis={analysis} />
          {!blind && (
            <details className="prompt-details">
              <summary>Prompt, model and settings</summary>
              <dl className="terms">
                <dt>Model</dt>
                <dd>{loaded.dialogue.modelKey}</dd>
                <dt>Template version</dt>
                <dd>{loaded.dialogue.templateVersionId}</dd>
                <SamplingTerms params={loaded.dialogue.params} />
                <dt>Finish</dt>
                <dd>{loaded.dialogue.stats.finishReason}</dd>
              </dl>
              <PromptMessages prompt={loaded.dialogue.prompt} />
            </details>
          )}
        </>
      )}

      <RubricForm rubric={rubric} answers={answers} onAnswer={answer} active={active} onActivate={setActive} focusToken={props.focusToken} />
      <div className="rating-actions" role="group" aria-label="Rating">
        <button type="button" className="primary" onClick={() => rate('submitted')} aria-keyshortcuts="Enter">
          Submit (Enter)
        </button>
        <button type="button" onClick={() => rate('draft')} aria-keyshortcuts="Control+S">
          Save draft (Ctrl+S)
        </button>
        <button type="button" onClick={() => rate('discarded')} aria-keyshortcuts="Backspace">
          Discard (Backspace)
        </button>
        {dirty && <span className="muted">Unsaved answers</span>}
      </div>
    </article>
  );
}
