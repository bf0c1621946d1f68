import { useState } from 'react';
import type { QuickRating } from './api';
import { useCompareStore } from './compareStore';

interface RatingControlsProps {
  dialogueId: string;
  /** This rater's stored rating of the dialogue, if any. */
  rating: QuickRating | undefined;
  /** Names the controls, e.g. "row 1, Debate v1 · model · A". */
  label: string;
}

/** A drawn thumb (not an emoji glyph, which some systems lack fonts for); pointing down when `down`. */
function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" style={down ? { transform: 'rotate(180deg)' } : undefined}>
      <path fill="currentColor" d="M1 7h3v8H1zM5.5 7 8.6 1.2c1.3 0 2.2.9 2.2 2.2V6h3.3c1 0 1.7.9 1.5 1.8l-1.3 6.3c-.1.5-.6.9-1.1.9H5.5z" />
    </svg>
  );
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
        <Thumb />
      </button>
      <button type="button" aria-pressed={thumb === 'down'} aria-label="Thumbs down" title="Bad" onClick={() => toggle('down')}>
        <Thumb down />
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
