import type { RunSummaryRow } from '../../core/generation/runSummary';
import type { RunRecord } from '../../core/records/run';
import { formatNumber } from '../shared';
import { SummaryChart } from './SummaryChart';

interface RunSummaryProps {
  run: RunRecord;
  rows: readonly RunSummaryRow[];
  versionNames: Record<string, string>;
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
const modelName = (modelKey: string) => modelKey.slice(modelKey.indexOf(':') + 1);

/** How the run's columns compare: a table with every figure, and a bar chart per key figure. */
export function RunSummary({ run, rows, versionNames }: RunSummaryProps) {
  const severalPresets = run.presets.length > 1;
  // Two lines per bar (template version, then model and preset), so long names are not cut at the chart's edge.
  const labelOf = (row: RunSummaryRow) => [versionNames[row.templateVersionId] ?? row.templateVersionId, [modelName(row.modelKey), severalPresets ? `preset ${row.presetId}` : null].filter(Boolean).join(' · ')];
  const labels = rows.map(labelOf);
  const figure = (pick: (row: RunSummaryRow) => number | null) => rows.map(pick);

  return (
    <section aria-labelledby="run-summary-heading" className="run-summary">
      <h3 id="run-summary-heading">Summary</h3>
      <div className="table-scroll">
        <table aria-labelledby="run-summary-heading">
          <thead>
            <tr>
              <th scope="col">Template version</th>
              <th scope="col">Style</th>
              <th scope="col">Model</th>
              {severalPresets && <th scope="col">Preset</th>}
              <th scope="col">Items</th>
              <th scope="col">Done</th>
              <th scope="col">Failed</th>
              <th scope="col">Mean completion tokens</th>
              <th scope="col">Output ÷ input tokens</th>
              <th scope="col">Tokens/s</th>
              <th scope="col">Pass basic checks</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{versionNames[row.templateVersionId] ?? row.templateVersionId}</th>
                <td>{row.style ?? '—'}</td>
                <td>{row.modelKey}</td>
                {severalPresets && <td>{run.presets.find((p) => p.id === row.presetId)?.label ?? row.presetId}</td>}
                <td>{row.items}</td>
                <td>{row.done}</td>
                <td>{row.failed}</td>
                <td>{formatNumber(row.meanCompletionTokens)}</td>
                <td>{formatNumber(row.meanOutputInputRatio, 2)}</td>
                <td>{formatNumber(row.tokensPerSecond)}</td>
                <td>{percent(row.checkPassRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="summary-charts">
        <SummaryChart title="Mean completion tokens" labels={labels} values={figure((r) => r.meanCompletionTokens)} />
        <SummaryChart title="Output ÷ input tokens" labels={labels} values={figure((r) => r.meanOutputInputRatio)} />
        <SummaryChart title="Tokens per second" labels={labels} values={figure((r) => r.tokensPerSecond)} />
        <SummaryChart title="Pass basic checks (%)" labels={labels} values={figure((r) => (r.checkPassRate === null ? null : r.checkPassRate * 100))} max={100} />
      </div>
    </section>
  );
}
