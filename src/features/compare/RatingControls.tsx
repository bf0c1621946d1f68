import { useState } from 'react';
import type { RatingRecord } from '../../core/records/dialogue';
import { useCompareStore } from './compareStore';

interface RatingControlsProps {
  dialogueId: string;
  /** This rater's stored rating of the dialogue, if any. */
  rating: RatingRecord | undefined;
  /** Names the controls, e.g. "row 1, Debate v1 · model · A". */
  label: string;
}

/** A quick 👍/👎 and a note, stored as the rater's rating of the dialogue (the review desk reads the same record). */
export function RatingControls({ dialogueId, rating, label }: RatingControlsProps) {
  const rate = useCompareStore((s) => s.rate);
  const saved = rating?.note ?? '';
  const savedThumb = rating?.thumb ?? null;
  const [draft, setDraft] = useState(saved);
  // The thumb shows at once; the stored rating catches up through the live query.
  const [thumb, setThumb] = useState(savedThumb);
  const [lastSaved, setLastSaved] = useState({ note: saved, thumb: savedThumb });
  // A rating saved elsewhere (the open-cell view, another tab) replaces what is shown here.
  if (saved !== lastSaved.note || savedThumb !== lastSaved.thumb) {
    setLastSaved({ note: saved, thumb: savedThumb });
    setDraft(saved);
    setThumb(savedThumb);
  }
  const saveNote = () => {
    if (draft !== saved) void rate(dialogueId, thumb, draft);
  };
  const toggle = (chosen: 'up' | 'down') => {
    const next = thumb === chosen ? null : chosen;
    setThumb(next);
    void rate(dialogueId, next, draft);
  };
  return (
    <div className="rating" role="group" aria-label={`Rating: ${label}`}>
      <button type="button" aria-pressed={thumb === 'up'} aria-label="Thumbs up" title="Good" onClick={() => toggle('up')}>
        👍
      </button>
      <button type="button" aria-pressed={thumb === 'down'} aria-label="Thumbs down" title="Bad" onClick={() => toggle('down')}>
        👎
      </button>
      <input
        type="text"
        aria-label="Note"
        placeholder="Note"
        maxLength={5000}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={saveNote}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            saveNote();
          }
        }}
      />
      <span className="muted rating-saved" aria-live="polite">
        {draft !== saved ? 'Enter saves the note' : rating && thumb === savedThumb ? 'Saved' : ''}
      </span>
    </div>
  );
}
