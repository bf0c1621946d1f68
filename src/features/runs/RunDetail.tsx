import { useState } from 'react';
import { runProgress, summarizeRun } from '../../core/generation/runSummary';
import type { RunRecord } from '../../core/records/run';
import { Problem, ProgressBar, formatDuration, formatNumber, useLiveQuery, valueOr, type LabModels } from '../shared';
import { runsApi } from './api';
import { concurrencyProblem, useRunsStore } from './runsStore';
import { RunSummary } from './RunSummary';
import { excerptPreview } from './planRun';
import { useRunDriven } from './useRunDriven';

type Driver = 'here' | 'elsewhere' | 'nobody' | 'unknown';

/** What a person can do with a run, given who drives it. */
function statusLine(run: RunRecord, driver: Driver): string {
  if (run.status === 'running') {
    if (driver === 'here') return 'Running in this tab.';
    if (driver === 'elsewhere') return 'Driven by another tab. This tab shows its progress live.';
    if (driver === 'nobody') return 'Interrupted: no tab is driving this run (it was reloaded, closed or crashed). Resume to continue with the items not yet done.';
    return 'Running.';
  }
  if (run.status === 'paused') return 'Paused.';
  if (run.status === 'cancelled') return 'Cancelled. Finished items and their dialogues are kept.';
  return 'Done.';
}

export function RunDetail({ runId, models }: { runId: string; models: LabModels }) {
  const driving = useRunsStore((s) => s.driving);
  const runProblem = useRunsStore((s) => s.runProblem);
  const { resume, pause, cancel, retryFailed, setConcurrency, dismissRunProblem } = useRunsStore.getState();
  // Everything shown comes from the database, so every tab shows the same run, live.
  const live = useLiveQuery(async () => {
    const [run, items, { dialogues }] = await Promise.all([runsApi.getRun(runId), runsApi.listItems(runId), runsApi.runDialogues(runId)]);
    return { run, progress: runProgress(items), summary: summarizeRun(items, dialogues), failedItems: items.filter((i) => i.state === 'failed') };
  }, [runId]);
  const { run, progress, summary, failedItems } = valueOr(live, { run: null, progress: runProgress([]), summary: [], failedItems: [] });
  const versionNames = valueOr(useLiveQuery(() => runsApi.versionNames(run?.templateVersionIds ?? []), [run?.templateVersionIds.join(',')]), {});
  const drivenHere = driving?.runId === runId;
  const drivenSomewhere = useRunDriven(runId, run?.status === 'running' && !drivenHere);
  const [concurrencyDraft, setConcurrencyDraft] = useState<number | null>(null);

  if (live.status === 'error') return <p role="alert">The run could not be read: {live.message}</p>;
  if (!run) return live.status === 'loading' ? <p className="muted">Loading the run…</p> : <p className="muted">This run no longer exists.</p>;

  const driver: Driver = drivenHere ? 'here' : run.status !== 'running' ? 'nobody' : drivenSomewhere === null ? 'unknown' : drivenSomewhere ? 'elsewhere' : 'nobody';
  // An interrupted run waits for Resume rather than starting by itself: after a reload its models must be loaded
  // again anyway, and several open tabs would otherwise race to drive it the moment its driver went away.
  const canResume = !driving && (run.status === 'paused' || (run.status === 'running' && driver === 'nobody')) && progress.pending > 0;
  const canCancel = drivenHere || run.status === 'paused' || (run.status === 'running' && driver === 'nobody');
  const canRetry = !driving && progress.failed > 0 && (run.status === 'paused' || run.status === 'done' || (run.status === 'running' && driver === 'nobody'));
  const servesSeveral = run.modelKeys.some((key) => key.startsWith('openai:'));
  const concurrency = concurrencyDraft ?? run.concurrency;
  const finished = progress.done + progress.failed;
  const figures = [
    `${progress.done} done`,
    `${progress.failed} failed`,
    `${progress.pending} remaining`,
    progress.tokensPerSecond !== null ? `${formatNumber(progress.tokensPerSecond)} tokens/s` : null,
    progress.pending > 0 && progress.etaSeconds !== null ? `about ${formatDuration(progress.etaSeconds)} left` : null,
  ].filter(Boolean);

  return (
    <section aria-labelledby="run-detail-heading" className="card run-detail">
      <h2 id="run-detail-heading">{run.name}</h2>
      <p className="muted">
        {run.itemCount} items · {run.excerptCount} excerpts · {run.templateVersionIds.map((id) => versionNames[id] ?? id).join(', ')} · {run.modelKeys.join(', ')} · N = {run.samplesPerExcerpt}
      </p>
      <p aria-label="Run status" className="run-status" data-status={run.status}>
        {statusLine(run, driver)}
      </p>
      {run.status === 'paused' && run.pauseReason && (
        <div role="alert" className="problem">
          <strong>{run.pauseReason}</strong>
        </div>
      )}
      <ProgressBar label="Run progress" progress={{ fraction: run.itemCount === 0 ? 1 : finished / run.itemCount, loadedBytes: 0, totalBytes: null, etaSeconds: null, text: figures.join(' · ') }} />
      <div className="row actions">
        {canResume && (
          <button className="primary" onClick={() => void resume(run.id, models)}>
            Resume
          </button>
        )}
        {drivenHere && (
          <button disabled={driving?.stopping !== null} onClick={pause}>
            Pause
          </button>
        )}
        {canCancel && <button disabled={drivenHere && driving?.stopping !== null} onClick={() => void cancel(run.id)}>Cancel</button>}
        {canRetry && <button onClick={() => void retryFailed(run.id, models)}>Retry failed ({progress.failed})</button>}
        {drivenHere && driving?.stopping && <span className="muted">Stopping: waiting for the requests in flight…</span>}
      </div>
      {runProblem && <Problem {...runProblem} onDismiss={dismissRunProblem} />}
      {servesSeveral && run.status !== 'cancelled' && run.status !== 'done' && (
        <div className="row">
          <label>
            Concurrency (OpenAI-compatible server)
            <input type="number" min={1} max={64} value={Number.isFinite(concurrency) ? concurrency : ''} onChange={(e) => setConcurrencyDraft(e.target.valueAsNumber)} />
            {concurrencyDraft !== null && concurrencyProblem(concurrencyDraft) && <span className="field-problem">{concurrencyProblem(concurrencyDraft)}</span>}
          </label>
          <button
            disabled={concurrencyDraft === null || concurrencyDraft === run.concurrency || concurrencyProblem(concurrencyDraft) !== null || driver === 'elsewhere'}
            onClick={() => void setConcurrency(run.id, concurrencyDraft!).then(() => setConcurrencyDraft(null))}
          >
            Apply concurrency
          </button>
          {drivenHere && <span className="muted field-note">Applying restarts the requests in flight.</span>}
        </div>
      )}
      {failedItems.length > 0 && (
        <>
          <h3 id="failed-items-heading">Failed items ({failedItems.length})</h3>
          <ul aria-labelledby="failed-items-heading" className="failed-items">
            {failedItems.map((item) => (
              <li key={item.id}>
                <strong>{item.error?.message ?? 'Failed'}</strong> <span className="muted">{item.error?.hint}</span>
                <br />
                <span className="muted">
                  #{item.ordinal + 1} · {versionNames[item.templateVersionId] ?? item.templateVersionId} · {item.modelKey} · “{excerptPreview(item.excerptText)}” · {item.attempts}{' '}
                  {item.attempts === 1 ? 'try' : 'tries'}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {run.skipped.length > 0 && (
        <details>
          <summary>Skipped before the run ({run.skipped.length})</summary>
          <ul className="skipped">
            {run.skipped.map((s) => (
              <li key={s.excerptKey}>{s.reason}</li>
            ))}
          </ul>
        </details>
      )}
      <RunSummary run={run} rows={summary} versionNames={versionNames} />
    </section>
  );
}
