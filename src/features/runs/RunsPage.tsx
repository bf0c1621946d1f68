import { useEffect } from 'react';
import { useLiveQuery, valueOr, type PageProps } from '../shared';
import { runsApi } from './api';
import { NewRunForm } from './NewRunForm';
import { RunDetail } from './RunDetail';
import { runForm, useRunsStore } from './runsStore';
import './runs.css';

const STATUS_WORDS = { running: 'running', paused: 'paused', cancelled: 'cancelled', done: 'done' } as const;

export function RunsPage({ onNavigate, models }: PageProps) {
  const selectedRunId = useRunsStore((s) => s.selectedRunId);
  const { selectRun } = useRunsStore.getState();
  const runs = valueOr(
    useLiveQuery(async () => {
      const all = await runsApi.listRuns();
      return Promise.all(all.map(async (run) => ({ run, done: (await runsApi.countItems(run.id)).done })));
    }, []),
    [],
  );
  // The newest run is shown until another is picked, so a reloaded tab lands on the run it was driving.
  const shownId = selectedRunId ?? runs[0]?.run.id ?? null;
  useEffect(() => {
    if (!selectedRunId && runs[0]) selectRun(runs[0].run.id);
  }, [selectedRunId, runs, selectRun]);
  // The run form comes back as it was left.
  useEffect(() => {
    void runForm.restore();
  }, []);

  return (
    <div className="runs">
      <NewRunForm models={models} onLoadModel={() => onNavigate('models')} />
      <section aria-labelledby="runs-list-heading" className="card">
        <h2 id="runs-list-heading">Runs ({runs.length})</h2>
        {runs.length === 0 && <p className="muted">No runs yet. Plan one above.</p>}
        <ul aria-labelledby="runs-list-heading" className="plain-list runs-list">
          {runs.map(({ run, done }) => (
            <li key={run.id}>
              <button className={run.id === shownId ? 'run-pick selected' : 'run-pick'} aria-pressed={run.id === shownId} onClick={() => selectRun(run.id)}>
                <strong>{run.name}</strong>
                <span className="muted">
                  {STATUS_WORDS[run.status]} · {done}/{run.itemCount} done · {new Date(run.createdAt).toLocaleString()}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {shownId && <RunDetail key={shownId} runId={shownId} models={models} />}
    </div>
  );
}
