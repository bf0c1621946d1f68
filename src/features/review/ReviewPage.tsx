import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Problem, useLiveQuery, valueOr, type PageProps } from '../shared';
import { effectiveRater } from '../shared/raterName';
import { reviewApi } from './api';
import { DashboardPanel } from './dashboard/DashboardPanel';
import { readAhead } from './focus/dialogueReads';
import { FocusView } from './focus/FocusView';
import { ShortcutsDialog } from './focus/ShortcutsDialog';
import { PairwisePanel } from './pairwise/PairwisePanel';
import { QueueFilters } from './queue/QueueFilters';
import { QueueList } from './queue/QueueList';
import { reviewSettings, useReviewStore, type ReviewView } from './reviewStore';
import { TeamPanel } from './team/TeamPanel';
import './review.css';

const VIEWS: readonly { id: ReviewView; label: string }[] = [
  { id: 'queue', label: 'Queue' },
  { id: 'pairwise', label: 'Pairwise' },
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'team', label: 'Raters and rubric' },
];

/** The dialogues read before a reviewer moves to them, by their place from the focused one: J is the common move. */
const READ_AHEAD = [-1, 0, 1, 2, 3];

/**
 * Keeps the queue in step with the dialogues stored (new ones from Generate, Compare or Runs; other tabs), while the
 * Review tab is shown: a run storing thousands of dialogues elsewhere does not make a hidden queue reload each time.
 */
function useQueueLoading(active: boolean) {
  const load = useReviewStore((s) => s.load);
  const count = valueOr(useLiveQuery(() => reviewApi.countDialogues(), []), -1);
  const [loadedAt, setLoadedAt] = useState(-1);
  useEffect(() => {
    void reviewSettings.restore();
  }, []);
  useEffect(() => {
    if (!active || count < 0 || count === loadedAt) return;
    const timer = setTimeout(() => {
      setLoadedAt(count);
      void load();
    }, 300);
    return () => clearTimeout(timer);
  }, [active, count, loadedAt, load]);
}

function QueueView() {
  const s = useReviewStore(
    useShallow((state) => ({
      queue: state.queue,
      focusIndex: state.focusIndex,
      rubric: state.rubric,
      rater: state.rater,
      blind: state.blind,
      ratings: state.ratings,
      overlapTarget: state.overlapTarget,
      loaded: state.loaded,
      focus: state.focus,
      move: state.move,
      rate: state.rate,
      saveEdit: state.saveEdit,
      deleteDialogue: state.deleteDialogue,
    })),
  );
  const [focusToken, setFocusToken] = useState(0);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const entry = s.queue[s.focusIndex];
  const rater = effectiveRater(s.rater);
  useEffect(() => {
    readAhead(READ_AHEAD.map((offset) => s.queue[s.focusIndex + offset]?.dialogueId).filter((id) => id !== undefined));
  }, [s.queue, s.focusIndex]);
  const given = entry ? (s.ratings.byDialogue.get(entry.dialogueId) ?? []) : [];
  // A move by key keeps the keyboard in the rubric of the next dialogue.
  const moveByKeyboard = (step: 1 | -1) => {
    s.move(step);
    setFocusToken((t) => t + 1);
  };
  const rate: typeof s.rate = (dialogueId, status, answers) => {
    const accepted = s.rate(dialogueId, status, answers);
    if (accepted && status !== 'draft') setFocusToken((t) => t + 1);
    return accepted;
  };
  return (
    <div className="review-queue">
      <aside className="queue-side" aria-label="Queue">
        <QueueFilters />
        <p className="muted" role="status">
          {s.queue.length} dialogue{s.queue.length === 1 ? '' : 's'} in the queue
        </p>
        <QueueList
          queue={s.queue}
          focusIndex={s.focusIndex}
          blind={s.blind}
          onOpen={(index) => {
            // Opening a dialogue puts the keyboard in its rubric, ready to rate.
            s.focus(index);
            setFocusToken((t) => t + 1);
          }}
        />
      </aside>
      {entry ? (
        <FocusView
          key={entry.dialogueId}
          analysis={entry.analysis}
          position={s.focusIndex + 1}
          total={s.queue.length}
          rubric={s.rubric}
          rater={rater}
          blind={s.blind}
          mine={given.find((r) => r.rater === rater)}
          submittedCount={entry.submitted}
          overlapTarget={s.overlapTarget}
          focusToken={focusToken}
          onRate={(status, answers) => rate(entry.dialogueId, status, answers)}
          onMove={moveByKeyboard}
          onDelete={() => void s.deleteDialogue(entry.dialogueId, `Dialogue ${s.focusIndex + 1} (${entry.analysis.style})`).then(() => setFocusToken((t) => t + 1))}
          onSaveEdit={s.saveEdit}
          onShowShortcuts={() => setShortcutsOpen(true)}
        />
      ) : (
        <p className="empty-queue">
          {s.loaded ? 'No dialogues match. Generate some (Generate, Compare or Runs), import a dialogue pack, or clear the filters.' : 'Reading the dialogues…'}
        </p>
      )}
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}

/** The review desk: read, fix and score dialogues, alone or as a team. */
export function ReviewPage({ active }: PageProps) {
  useQueueLoading(active);
  const { view, setView, analysing, notice, setNotice, deleted, undoDelete } = useReviewStore(
    useShallow((s) => ({ view: s.view, setView: s.setView, analysing: s.analysing, notice: s.notice, setNotice: s.setNotice, deleted: s.deleted, undoDelete: s.undoDelete })),
  );
  return (
    <div className="review-page">
      <div className="review-bar">
        <h2>Review</h2>
        <div role="group" aria-label="Review views" className="segmented">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" aria-pressed={view === v.id} onClick={() => setView(v.id)}>
              {v.label}
            </button>
          ))}
        </div>
        {analysing && analysing.total > 0 && (
          <div className="analysing">
            <progress aria-label="Running filters and signals" max={analysing.total} value={analysing.done} />
            <span aria-live="polite">
              Filters and signals: {analysing.done} of {analysing.total}
            </span>
          </div>
        )}
      </div>
      {notice && <Problem {...notice} onDismiss={() => setNotice(null)} />}
      {deleted && (
        <div role="status" className="undo-bar">
          Deleted {deleted.label}.{' '}
          <button type="button" onClick={() => void undoDelete()}>
            Undo
          </button>
        </div>
      )}
      {view === 'queue' && <QueueView />}
      {view === 'pairwise' && <PairwisePanel />}
      {view === 'dashboard' && <DashboardPanel />}
      {view === 'team' && <TeamPanel />}
    </div>
  );
}
