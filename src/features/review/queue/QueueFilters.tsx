import { useShallow } from 'zustand/react/shallow';
import { queueFacets, SORT_KEYS, type QueueFilter, type SortKey } from '../../../core/review/queue';
import { useReviewStore } from '../reviewStore';
import { useMemo } from 'react';

function FacetSelect({ label, value, options, onChange }: { label: string; value: string | null | undefined; options: readonly string[]; onChange(value: string | null): void }) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What the queue shows and in which order: every facet of issue's review queue, and a sort by any signal. */
export function QueueFilters() {
  const { analyses, filter, sort, blind, setFilter, setSort, ratings } = useReviewStore(
    useShallow((s) => ({ analyses: s.analyses, filter: s.filter, sort: s.sort, blind: s.blind, setFilter: s.setFilter, setSort: s.setSort, ratings: s.ratings })),
  );
  const facets = useMemo(() => queueFacets(analyses), [analyses]);
  const raters = useMemo(() => [...new Set([...ratings.byDialogue.values()].flatMap((list) => list.map((r) => r.rater)))].sort(), [ratings]);
  const set = (patch: Partial<QueueFilter>) => setFilter(patch);
  return (
    <fieldset className="queue-filters">
      <legend>Queue</legend>
      <FacetSelect label="Run" value={filter.runId} options={facets.runIds} onChange={(runId) => set({ runId })} />
      <FacetSelect label="Style" value={filter.style} options={facets.styles} onChange={(style) => set({ style })} />
      {!blind && <FacetSelect label="Template version" value={filter.templateVersionId} options={facets.templateVersionIds} onChange={(templateVersionId) => set({ templateVersionId })} />}
      {!blind && <FacetSelect label="Model" value={filter.modelKey} options={facets.modelKeys} onChange={(modelKey) => set({ modelKey })} />}
      <FacetSelect label="Filter outcome" value={filter.filterOutcome} options={['pass', 'fail']} onChange={(v) => set({ filterOutcome: v as QueueFilter['filterOutcome'] })} />
      <FacetSelect label="Your rating" value={filter.ratingState} options={['unrated', 'draft', 'submitted', 'discarded']} onChange={(v) => set({ ratingState: v as QueueFilter['ratingState'] })} />
      <FacetSelect label="Rated by" value={filter.ratedBy} options={raters} onChange={(ratedBy) => set({ ratedBy })} />
      <FacetSelect label="Edited" value={filter.edited === undefined || filter.edited === null ? null : filter.edited ? 'edited' : 'not edited'} options={['edited', 'not edited']} onChange={(v) => set({ edited: v === null ? null : v === 'edited' })} />
      <label className="checkbox">
        <input type="checkbox" checked={filter.needsRatings ?? false} onChange={(e) => set({ needsRatings: e.target.checked })} />
        Needs more ratings
      </label>
      <label>
        Sort
        <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
          {(Object.keys(SORT_KEYS) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {SORT_KEYS[key].label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
