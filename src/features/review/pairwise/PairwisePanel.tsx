import { useEffect, useEffectEvent, useId, useMemo, useRef } from 'react';
import { pairsToJudge } from '../../../core/review/pairs';
import { MathText, Problem } from '../../shared';
import { effectiveRater } from '../../shared/raterName';
import type { PairChoice } from '../api';
import { useReviewStore } from '../reviewStore';
import { PairSide } from './PairSide';
import { choiceForKey, takesTypedText } from './pairKeys';
import { remainingPairs } from './remainingPairs';
import { usePairDialogues } from './usePairDialogues';
import './pairwise.css';

/** The panel's keys act only while a person can see it and no modal dialog sits above it. */
function acceptsKeys(panel: HTMLElement | null): boolean {
  if (!panel?.checkVisibility()) return false;
  const modal = document.querySelector('dialog:modal');
  return !modal || panel.contains(modal);
}

const pairsLeft = (n: number) => `${n} pair${n === 1 ? '' : 's'} left`;

/**
 * Pairwise preference: two dialogues of the same excerpt side by side, 1 / 2 / = to pick the better one or a tie. Each
 * choice is stored as a preference pair (for DPO) and the next pair follows. No props: it reads the review store.
 */
export function PairwisePanel() {
  const analyses = useReviewStore((s) => s.analyses);
  const preferences = useReviewStore((s) => s.preferences);
  const rater = effectiveRater(useReviewStore((s) => s.rater));
  const blind = useReviewStore((s) => s.blind);
  const loaded = useReviewStore((s) => s.loaded);
  const choosePair = useReviewStore((s) => s.choosePair);

  const allPairs = useMemo(() => pairsToJudge(analyses, [], rater), [analyses, rater]);
  const pairs = useMemo(() => remainingPairs(allPairs, preferences, rater), [allPairs, preferences, rater]);
  const analysisById = useMemo(() => new Map(analyses.map((a) => [a.dialogueId, a])), [analyses]);
  const pair = pairs[0] ?? null;
  const [leftAnalysis, rightAnalysis] = pair ? [analysisById.get(pair.left), analysisById.get(pair.right)] : [];
  const load = usePairDialogues(pair, `${leftAnalysis?.computedAt}|${rightAnalysis?.computedAt}`);

  const excerptHeadingId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const saving = useRef(false);
  async function choose(choice: PairChoice) {
    // A choice counts only for a pair the judge could read, and once: a held key or a double click saves nothing twice.
    if (!pair || load.state !== 'ready' || saving.current) return;
    saving.current = true;
    try {
      await choosePair({ excerptKey: pair.excerptKey, left: pair.left, right: pair.right, choice });
    } finally {
      saving.current = false;
    }
  }

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    const choice = choiceForKey(event.key);
    if (!choice || !acceptsKeys(panel.current) || takesTypedText(document.activeElement as HTMLElement | null)) return;
    event.preventDefault();
    void choose(choice);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="pairwise" ref={panel}>
      {!loaded ? (
        <p className="muted">Reading the review desk…</p>
      ) : !pair ? (
        <EmptyPairs total={allPairs.length} />
      ) : (
        <>
          <div className="pairwise-bar">
            <p role="status" className="pairwise-left">
              {pairsLeft(pairs.length)}
            </p>
            <div role="group" aria-label="Which dialogue is better?" className="pairwise-choices">
              <button type="button" onClick={() => void choose('left')} aria-keyshortcuts="1">
                Left is better (1)
              </button>
              <button type="button" onClick={() => void choose('tie')} aria-keyshortcuts="= 0">
                Tie (=)
              </button>
              <button type="button" onClick={() => void choose('right')} aria-keyshortcuts="2">
                Right is better (2)
              </button>
            </div>
          </div>
          {load.state === 'loading' && <p className="muted">Loading the two dialogues…</p>}
          {load.state === 'failed' && (
            <Problem message={`This pair could not be read: ${load.message}`} hint="Reload the page; if a dialogue was deleted, its pairs are gone after the reload." />
          )}
          {load.state === 'ready' && (
            <>
              <section className="pairwise-excerpt" aria-labelledby={excerptHeadingId}>
                <h3 id={excerptHeadingId}>Source excerpt</h3>
                {/* Focusable so a keyboard can scroll a long excerpt. */}
                <div className="pairwise-excerpt-text" tabIndex={0} role="region" aria-label="Source excerpt text">
                  <MathText text={load.left.dialogue.excerptText} />
                </div>
              </section>
              <div className="pairwise-sides">
                <PairSide label="Left" choiceKey="1" side={load.left} analysis={leftAnalysis} blind={blind} />
                <PairSide label="Right" choiceKey="2" side={load.right} analysis={rightAnalysis} blind={blind} />
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}

function EmptyPairs({ total }: { total: number }) {
  if (total > 0) {
    return (
      <p className="pairwise-empty">
        You have judged all {total} pair{total === 1 ? '' : 's'}. New pairs appear when another dialogue of the same excerpt is generated.
      </p>
    );
  }
  return (
    <div className="pairwise-empty">
      <p>
        <strong>No pairs to judge yet.</strong> A pair needs two dialogues of the same excerpt.
      </p>
      <p className="muted">Generate them in Compare (several styles or models on the same excerpts) or in Runs (a run with more than one template version or model).</p>
    </div>
  );
}
