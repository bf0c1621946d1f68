import { ProgressBar, formatBytes } from '../../shared';
import type { RunningTask } from '../corpusStore';

export function TaskProgress({ task, onCancel }: { task: RunningTask; onCancel(): void }) {
  const p = task.progress;
  const fraction = p?.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : null;
  const rate = p && p.elapsedMs > 0 ? p.bytesRead / (p.elapsedMs / 1000) : 0;
  const etaSeconds = p?.totalBytes && rate > 0 ? (p.totalBytes - p.bytesRead) / rate : null;
  const counts = p
    ? `${p.records.toLocaleString()} records · ${p.documents.toLocaleString()} stored · ${p.duplicates} duplicates · ${p.rejected} rejected · ${p.excerpts.toLocaleString()} excerpts`
    : 'starting…';
  return (
    <section aria-label="Running import" className="card">
      <h3>{task.label}</h3>
      <ProgressBar label="Import progress" progress={{ fraction, loadedBytes: p?.bytesRead ?? 0, totalBytes: p?.totalBytes ?? null, etaSeconds, text: counts }} />
      {p?.notice && <p className="muted" aria-live="polite">{p.notice}</p>}
      {p && !p.totalBytes && p.bytesRead > 0 && <p className="muted">{formatBytes(p.bytesRead)} read</p>}
      <button onClick={onCancel} disabled={task.cancelling}>{task.cancelling ? 'Cancelling…' : 'Cancel'}</button>
    </section>
  );
}
