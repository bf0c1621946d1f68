import type { DialogueRecord } from '../../core/records/dialogue';
import { FINISH_LABELS, formatNumber } from '../shared';

/** A finished cell's figures and its basic MIND checks. */
export function CellStats({ dialogue }: { dialogue: Pick<DialogueRecord, 'stats' | 'checks'> }) {
  const { stats, checks } = dialogue;
  return (
    <>
      <dl className="cell-stats" aria-label="Cell stats">
        <dt>In</dt>
        <dd>{stats.promptTokens}</dd>
        <dt>Out</dt>
        <dd>{stats.completionTokens}</dd>
        <dt>First token</dt>
        <dd>{stats.timeToFirstTokenMs === null ? '—' : `${Math.round(stats.timeToFirstTokenMs)} ms`}</dd>
        <dt>Speed</dt>
        <dd>{formatNumber(stats.decodeTokensPerSecond, 0)} tok/s</dd>
        <dt>Finish</dt>
        <dd>{FINISH_LABELS[stats.finishReason]}</dd>
      </dl>
      <p className={checks.pass ? 'cell-checks pass' : 'cell-checks fail'}>
        {checks.pass ? `✓ Passes checks (${checks.speakers} speakers)` : `✗ Fails checks: ${checks.reasons.join(' ')}`}
      </p>
    </>
  );
}
