import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { agreementByQuestion } from '../../../core/review/dashboardAgreement';
import { cohenByQuestion } from '../../../core/review/raterKappa';
import { useReviewStore } from '../reviewStore';

const figure = (value: number | null, reason: string | null) => (value === null ? <span title={reason ?? undefined}>— ({reason})</span> : value.toFixed(3));

/** Agreement between raters per rubric question: Krippendorff's α over everyone, Cohen's κ for a chosen pair. */
export function AgreementPanel() {
  const { ratings, rubric } = useReviewStore(useShallow((s) => ({ ratings: s.ratings, rubric: s.rubric })));
  const all = useMemo(() => [...ratings.byDialogue.values()].flat(), [ratings]);
  const raters = useMemo(() => [...new Set(all.filter((r) => r.status === 'submitted').map((r) => r.rater))].sort(), [all]);
  const alpha = useMemo(() => agreementByQuestion(all, rubric), [all, rubric]);
  const [pair, setPair] = useState<[string, string] | null>(null);
  const chosen = useMemo<[string, string] | null>(
    () => (pair && raters.includes(pair[0]) && raters.includes(pair[1]) ? pair : raters.length >= 2 ? [raters[0]!, raters[1]!] : null),
    [pair, raters],
  );
  const kappa = useMemo(() => (chosen ? cohenByQuestion(all, rubric, chosen) : []), [all, rubric, chosen]);
  return (
    <fieldset className="agreement-panel">
      <legend>Agreement between raters</legend>
      <p className="muted">
        {raters.length} rater{raters.length === 1 ? '' : 's'} with submitted ratings{raters.length ? `: ${raters.join(', ')}` : ''}. A unit is a dialogue answered by two or more
        raters.
      </p>
      <table className="agreement-table">
        <caption className="visually-hidden">Agreement per question</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Level</th>
            <th scope="col">Krippendorff&apos;s α</th>
            <th scope="col">Units</th>
            {chosen && <th scope="col">Cohen&apos;s κ ({chosen.join(' vs ')})</th>}
          </tr>
        </thead>
        <tbody>
          {alpha.map((q) => {
            const k = kappa.find((x) => x.questionId === q.questionId);
            return (
              <tr key={q.questionId}>
                <th scope="row">{q.title}</th>
                <td>{q.level}</td>
                <td>{figure(q.alpha, q.reason)}</td>
                <td>{q.units}</td>
                {chosen && (
                  <td>
                    {k ? figure(k.kappa, k.reason) : '—'} {k && <span className="muted">({k.weights === 'none' ? 'unweighted' : k.weights}, {k.units} units)</span>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {raters.length > 2 && chosen && (
        <div className="row">
          {(['First rater', 'Second rater'] as const).map((label, i) => (
            <label key={label}>
              {label}
              <select
                value={chosen[i]}
                onChange={(e) => {
                  const next: [string, string] = [...chosen];
                  next[i] = e.target.value;
                  setPair(next);
                }}
              >
                {raters.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
