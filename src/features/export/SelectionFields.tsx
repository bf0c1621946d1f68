import { useMemo } from 'react';
import { matchesSelection, type DialogueFacets, type Selection } from '../../core/export';
import { formatCount } from '../shared';

const VERDICTS: [Selection['verdict'], string][] = [
  ['kept', 'Kept by review'],
  ['rejected', 'Rejected by review'],
  ['undecided', 'Undecided (tie or no keep answer)'],
  ['any', 'Any verdict'],
];
const STATUSES: [Selection['ratingStatus'], string][] = [
  ['any', 'Any'],
  ['submitted', 'Submitted'],
  ['draft', 'Draft only'],
  ['discarded', 'Discarded'],
  ['unrated', 'Unrated'],
];
const OUTCOMES: [Selection['filterOutcome'], string][] = [
  ['any', 'Any'],
  ['pass', 'Passed the filters'],
  ['fail', 'Failed a filter'],
];

type ListKey = 'styles' | 'modelKeys' | 'runIds' | 'templateVersionIds';
const FACET_OF: Record<ListKey, (facets: DialogueFacets) => string | null> = {
  styles: (f) => f.style,
  modelKeys: (f) => f.modelKey,
  runIds: (f) => f.runId,
  templateVersionIds: (f) => f.templateVersionId,
};
const LIST_LABELS: Record<ListKey, string> = { styles: 'Styles', modelKeys: 'Models', runIds: 'Runs', templateVersionIds: 'Template versions' };

function Choices({ label, values, chosen, onChange }: { label: string; values: string[]; chosen: string[]; onChange(next: string[]): void }) {
  if (values.length === 0) return null;
  return (
    <fieldset className="export-choices">
      <legend>{label} (none ticked: all)</legend>
      {values.map((value) => (
        <label key={value}>
          <input type="checkbox" checked={chosen.includes(value)} onChange={(event) => onChange(event.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value))} />
          {value}
        </label>
      ))}
    </fieldset>
  );
}

/** The selection, with how many dialogues it takes, counted on every change. */
export function SelectionFields({ facets, selection, onChange }: { facets: DialogueFacets[]; selection: Selection; onChange(patch: Partial<Selection>): void }) {
  const values = useMemo(() => {
    const lists = {} as Record<ListKey, string[]>;
    for (const key of Object.keys(FACET_OF) as ListKey[]) {
      lists[key] = [...new Set(facets.map(FACET_OF[key]).filter((v): v is string => v !== null))].sort();
    }
    return lists;
  }, [facets]);
  const count = useMemo(() => facets.filter((f) => matchesSelection(f, selection)).length, [facets, selection]);
  return (
    <section aria-labelledby="export-selection-title" className="export-section">
      <h3 id="export-selection-title">What to export</h3>
      <div className="export-row">
        <label>
          Verdict{' '}
          <select value={selection.verdict} onChange={(e) => onChange({ verdict: e.target.value as Selection['verdict'] })}>
            {VERDICTS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label>
          Rating status{' '}
          <select value={selection.ratingStatus} onChange={(e) => onChange({ ratingStatus: e.target.value as Selection['ratingStatus'] })}>
            {STATUSES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label>
          Filter outcome{' '}
          <select value={selection.filterOutcome} onChange={(e) => onChange({ filterOutcome: e.target.value as Selection['filterOutcome'] })}>
            {OUTCOMES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
      </div>
      {(Object.keys(FACET_OF) as ListKey[]).map((key) => (
        <Choices key={key} label={LIST_LABELS[key]} values={values[key]} chosen={selection[key]} onChange={(next) => onChange({ [key]: next })} />
      ))}
      <p className="export-count" aria-live="polite" data-testid="export-count">
        {formatCount(count)} of {formatCount(facets.length)} dialogues selected
      </p>
    </section>
  );
}
