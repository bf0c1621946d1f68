import { useCallback } from 'react';
import type { SourceRecord } from '../../../core/records/corpus';
import { useCorpusStore } from '../corpusStore';
import { SourceDetails } from './SourceDetails';
import { VirtualRows } from './VirtualRows';
import { formatCount } from '../../shared';

export function SourcesPanel() {
  const sources = useCorpusStore((s) => s.sources);
  const selectedId = useCorpusStore((s) => s.selectedSourceId);
  const selected = sources.find((s) => s.id === selectedId) ?? null;
  const fetchPage = useCallback(async (start: number, count: number) => sources.slice(start, start + count), [sources]);
  return (
    <section aria-labelledby="sources-heading" className="card">
      <h2 id="sources-heading">Sources</h2>
      {sources.length === 0 ? <p className="muted">No sources yet: import a file, paste text or load the demo corpus.</p> : (
        <VirtualRows<SourceRecord>
          label="Sources"
          rowCount={sources.length}
          rowHeight={34}
          height={200}
          cacheKey={sources.map((s) => s.id).join()}
          fetchPage={fetchPage}
          renderRow={(source) => source && (
            <button className={`source-row${source.id === selectedId ? ' selected' : ''}`} aria-pressed={source.id === selectedId}
              onClick={() => useCorpusStore.getState().selectSource(source.id)}>
              {source.name} · {source.documentCount === 0 && source.duplicateCount > 0 ? `no new documents: all ${formatCount(source.duplicateCount)} were duplicates` : `${formatCount(source.documentCount)} documents`}{source.rejectedCount ? ` · ${formatCount(source.rejectedCount)} rejected` : ''}
            </button>
          )}
        />
      )}
      {selected && <SourceDetails source={selected} />}
    </section>
  );
}
