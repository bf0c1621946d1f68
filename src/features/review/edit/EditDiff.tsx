import { useMemo } from 'react';
import { diffAgainstOriginal, type DiffPart } from '../../../core/dialogue/editTurns';
import type { DialogueTurn } from '../../../core/types';

// A change that is only spaces or line breaks would be invisible: its line breaks are drawn.
const visible = (part: DiffPart) => (part.text.trim() === '' ? part.text.replace(/\n/g, '↵\n') : part.text);

/** The edited turns against the model's, as text: additions underlined in <ins>, removals struck through in <del>. */
export function EditDiff({ original, turns }: { original: readonly DialogueTurn[]; turns: readonly DialogueTurn[] }) {
  const parts = useMemo(() => diffAgainstOriginal(original, turns), [original, turns]);
  if (parts.every((p) => p.kind === 'same')) return <p className="muted">No changes from the model's output.</p>;
  return (
    <figure className="edit-diff">
      <figcaption className="edit-diff-legend">
        <span>Legend:</span> <del>removed from the model's output</del> <ins>added by reviewers</ins>
      </figcaption>
      <pre className="edit-diff-text">
        {parts.map((part, i) =>
          part.kind === 'added' ? (
            <ins key={i}>
              <span className="visually-hidden">[added] </span>
              {visible(part)}
            </ins>
          ) : part.kind === 'removed' ? (
            <del key={i}>
              <span className="visually-hidden">[removed] </span>
              {visible(part)}
            </del>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </pre>
    </figure>
  );
}
