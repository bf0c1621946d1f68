import { useId } from 'react';
import type { DialogueAnalysisRecord } from '../../../core/records/review';
import { MathText } from '../../shared';
import type { LoadedSide } from './usePairDialogues';

interface PairSideProps {
  /** "Left" or "Right", with the key that picks it. */
  label: string;
  choiceKey: string;
  side: LoadedSide;
  analysis: DialogueAnalysisRecord | undefined;
  blind: boolean;
}

/** One dialogue of a pair, turn by turn; what produced it stays hidden in blind mode so it cannot sway the choice. */
export function PairSide({ label, choiceKey, side, analysis, blind }: PairSideProps) {
  const headingId = useId();
  return (
    <section className="pair-side" aria-labelledby={headingId}>
      <header className="pair-side-header">
        <h3 id={headingId}>
          {label} <kbd>{choiceKey}</kbd>
        </h3>
        {!blind && (
          <dl className="pair-origin">
            <dt>Style</dt>
            <dd>{side.dialogue.style}</dd>
            <dt>Template</dt>
            <dd>{side.dialogue.templateVersionId}</dd>
            <dt>Model</dt>
            <dd>{side.dialogue.modelKey}</dd>
          </dl>
        )}
        {analysis?.edited && <p className="pair-edited">Edited by a reviewer: the edited turns are shown.</p>}
      </header>
      {side.turns.length ? (
        <ol className="pair-turns">
          {side.turns.map((turn, i) => (
            <li key={i}>
              {turn.speaker && <b className="pair-speaker">{turn.speaker}</b>}
              <MathText text={turn.text} />
            </li>
          ))}
        </ol>
      ) : (
        <>
          <p className="muted">Not split into turns: the model&apos;s output as written.</p>
          <MathText text={side.dialogue.rawOutput} />
        </>
      )}
    </section>
  );
}
