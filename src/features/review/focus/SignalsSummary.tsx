import type { DialogueAnalysisRecord } from '../../../core/records/review';

const CATEGORIES = [
  ['numbers', 'Numbers'],
  ['formulas', 'Formulas'],
  ['variables', 'Variables'],
  ['terms', 'Terms'],
] as const;

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** The filter outcome with its reasons, and what the dialogue keeps of its source and brings in. */
export function SignalsSummary({ analysis }: { analysis: DialogueAnalysisRecord }) {
  const { filters, signals } = analysis;
  return (
    <section className="signals" aria-label="Filters and faithfulness signals">
      <p className={filters.pass ? 'filter-pass' : 'filter-fail'}>
        <strong>{filters.pass ? 'Passes MIND\u2019s filters' : 'Fails MIND\u2019s filters'}</strong>
      </p>
      {!filters.pass && (
        <ul className="filter-reasons" aria-label="Why it fails">
          {filters.reasons.map((r) => (
            <li key={r.filter}>
              <span className="filter-id">{r.filter}</span> {r.message}
            </li>
          ))}
        </ul>
      )}
      <dl className="signal-figures">
        <div>
          <dt>Math coverage</dt>
          <dd>{percent(signals.mathCoverage)}</dd>
        </div>
        <div>
          <dt>Length ratio</dt>
          <dd>{signals.lengthRatio.toFixed(2)}×</dd>
        </div>
        <div>
          <dt>New-number rate</dt>
          <dd>{percent(signals.newNumberRate)}</dd>
        </div>
      </dl>
      <table className="signal-table">
        <caption className="visually-hidden">Items kept from the source and introduced by the dialogue</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">In source</th>
            <th scope="col">Kept</th>
            <th scope="col">Introduced</th>
          </tr>
        </thead>
        <tbody>
          {CATEGORIES.map(([key, label]) => {
            const item = signals[key];
            return (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>{item.source}</td>
                <td title={item.kept.join(', ')}>{item.kept.length}</td>
                <td title={item.introduced.join(', ')} className={item.introduced.length ? 'introduced' : undefined}>
                  {item.introduced.length ? `${item.introduced.length}: ${item.introduced.slice(0, 6).join(', ')}${item.introduced.length > 6 ? '…' : ''}` : 0}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
