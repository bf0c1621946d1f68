import { Fragment, useCallback, useState, type FormEvent } from 'react';
import type { ExcerptRecord } from '../../../core/records/corpus';
import { fetchExcerptsByIds } from '../corpusQueries';
import { useCorpusStore } from '../corpusStore';
import { highlightSnippet } from '../search/highlight';
import { VirtualRows } from './VirtualRows';

const optionalNumber = (value: string) => (value.trim() === '' ? undefined : Math.max(0, Number(value)));

export function ExcerptBrowser() {
  const { query, filters, resultIds, resultsVersion, searchMs, searching, sources, tags, checked, openExcerptId } = useCorpusStore();
  const { setQuery, setFilters, search, toggleChecked, openExcerpt } = useCorpusStore.getState();
  // Highlight the words of the search that produced these results, not what has been typed since.
  const [shown, setShown] = useState({ resultsVersion, query });
  if (shown.resultsVersion !== resultsVersion) setShown({ resultsVersion, query });
  const fetchPage = useCallback(
    async (start: number, count: number) => fetchExcerptsByIds(resultIds.slice(start, start + count)),
    [resultIds],
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    void search();
  }
  return (
    <section aria-labelledby="excerpts-heading" className="card">
      <h2 id="excerpts-heading">Excerpts</h2>
      <form className="row search-form" onSubmit={submit} role="search">
        <label className="grow">
          Search excerpts
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="words in the text, e.g. eigenvalue" />
        </label>
        <label>
          Source
          <select aria-label="Source" value={filters.sourceIds?.[0] ?? ''} onChange={(e) => setFilters({ sourceIds: e.target.value ? [e.target.value] : undefined })}>
            <option value="">All sources</option>
            {sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>
          Math
          <select aria-label="Math" value={filters.hasMath === undefined ? '' : String(filters.hasMath)} onChange={(e) => setFilters({ hasMath: e.target.value === '' ? undefined : e.target.value === 'true' })}>
            <option value="">Any</option>
            <option value="true">Has math</option>
            <option value="false">No math</option>
          </select>
        </label>
        <label>
          Min tokens
          <input type="number" min={0} value={filters.minTokens ?? ''} onChange={(e) => setFilters({ minTokens: optionalNumber(e.target.value) })} />
        </label>
        <label>
          Max tokens
          <input type="number" min={0} value={filters.maxTokens ?? ''} onChange={(e) => setFilters({ maxTokens: optionalNumber(e.target.value) })} />
        </label>
        <label>
          Tag
          <select aria-label="Tag" value={filters.tag ?? ''} onChange={(e) => setFilters({ tag: e.target.value || undefined })}>
            <option value="">Any tag</option>
            {tags.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <button type="submit" className="primary">Search</button>
      </form>
      <p className="muted" aria-live="polite" role="status">
        {searching ? 'Searching…' : `${resultIds.length.toLocaleString()} excerpts${searchMs !== null ? ` (${searchMs.toFixed(1)} ms)` : ''}`}
        {checked.length > 0 && ` · ${checked.length} selected`}
      </p>
      <VirtualRows<ExcerptRecord | undefined>
        label="Excerpts"
        rowCount={resultIds.length}
        rowHeight={34}
        height={360}
        cacheKey={String(resultsVersion)}
        fetchPage={fetchPage}
        renderRow={(excerpt, i) => {
          const id = resultIds[i]!;
          return (
            <span className={`excerpt-row${openExcerptId === id ? ' selected' : ''}`}>
              <input type="checkbox" aria-label={`Select excerpt ${id}`} checked={checked.includes(id)} onChange={() => toggleChecked(id)} />
              <button className="link excerpt-open" onClick={() => openExcerpt(id)} aria-label={`Open excerpt ${id}`}>#{id}</button>
              <span className="excerpt-preview">
                {excerpt ? (
                  <>
                    <span className="excerpt-stats">{`${excerpt.tokens} tok${excerpt.mathSpans ? ` · ${excerpt.mathSpans} math` : ''} · `}</span>
                    {highlightSnippet(excerpt.text, shown.query).map((part, k) => (part.match ? <mark key={k}>{part.text}</mark> : <Fragment key={k}>{part.text}</Fragment>))}
                  </>
                ) : 'loading…'}
              </span>
            </span>
          );
        }}
      />
    </section>
  );
}
