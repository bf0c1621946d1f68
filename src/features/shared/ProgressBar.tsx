import type { LoadProgress } from '../../core/engine/types';
import { formatBytes, formatDuration } from './format';

export function ProgressBar({ label, progress }: { label: string; progress: LoadProgress }) {
  const percent = progress.fraction === null ? null : Math.round(progress.fraction * 100);
  const bytes = progress.totalBytes
    ? `${formatBytes(progress.loadedBytes)} of ${formatBytes(progress.totalBytes)}`
    : progress.loadedBytes > 0 ? formatBytes(progress.loadedBytes) : '';
  const eta = progress.etaSeconds !== null ? `about ${formatDuration(progress.etaSeconds)} left` : '';
  return (
    <div className="progress">
      <progress aria-label={label} max={100} value={percent ?? undefined} />
      <span aria-live="polite">
        {[percent !== null ? `${percent}%` : null, bytes, eta, progress.text].filter(Boolean).join(' · ')}
      </span>
    </div>
  );
}
