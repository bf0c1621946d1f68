import type { GenerationStats } from '../../core/types';
import { FINISH_LABELS, formatNumber } from '../shared';

export function StatsLine({ stats }: { stats: GenerationStats }) {
  return (
    <dl className="stats" aria-label="Generation stats">
      <dt>Prompt tokens</dt>
      <dd>{stats.promptTokens}</dd>
      <dt>Completion tokens</dt>
      <dd>{stats.completionTokens}</dd>
      <dt>Time to first token</dt>
      <dd>{stats.timeToFirstTokenMs === null ? '—' : `${Math.round(stats.timeToFirstTokenMs)} ms`}</dd>
      <dt>Decode speed</dt>
      <dd>{formatNumber(stats.decodeTokensPerSecond)} tok/s</dd>
      <dt>Finish</dt>
      <dd>{FINISH_LABELS[stats.finishReason]}</dd>
    </dl>
  );
}
