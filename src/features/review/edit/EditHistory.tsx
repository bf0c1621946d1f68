import type { EditStep } from '../../../core/dialogue/editTurns';

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** Every step, oldest first: the current one is marked, steps after it were undone and come back with Redo. */
export function EditHistory({ history, cursor }: { history: readonly EditStep[]; cursor: number }) {
  return (
    <ol className="edit-history">
      {history.map((step, i) => (
        <li key={i} aria-current={i === cursor ? 'step' : undefined} className={i > cursor ? 'undone' : undefined}>
          <span className="edit-history-label">{step.label}</span>
          {i === cursor && <strong> (current)</strong>}
          {i > cursor && <span> (undone)</span>}{' '}
          <span className="muted">
            {step.rater} · <time dateTime={new Date(step.at).toISOString()}>{when(step.at)}</time>
          </span>
        </li>
      ))}
    </ol>
  );
}
