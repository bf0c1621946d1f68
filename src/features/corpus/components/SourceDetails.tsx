import { useCallback, useMemo, useState } from 'react';
import type { DocumentRecord, SourceRecord } from '../../../core/records/corpus';
import { formatBytes } from '../../shared';
import { fetchDocumentPage } from '../corpusQueries';
import { useCorpusStore } from '../corpusStore';
import { VirtualRows } from './VirtualRows';

export function SourceDetails({ source }: { source: SourceRecord }) {
  const allChunkSets = useCorpusStore((s) => s.chunkSets);
  const chunkSets = useMemo(() => allChunkSets.filter((c) => c.sourceId === source.id), [allChunkSets, source.id]);
  const busy = useCorpusStore((s) => s.task !== null);
  const fetchPage = useCallback((start: number, count: number) => fetchDocumentPage(source.id, start, count), [source.id]);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  return (
    <section aria-label={`Source ${source.name}`} className="source-details">
      <h3>{source.name}</h3>
      <dl className="facts">
        <dt>Format</dt><dd>{source.format}</dd>
        <dt>Size</dt><dd>{formatBytes(source.bytes)}</dd>
        <dt>Documents</dt><dd>{source.documentCount.toLocaleString()}</dd>
        <dt>Duplicates skipped</dt><dd>{source.duplicateCount.toLocaleString()}</dd>
        <dt>Rejected</dt><dd>{source.rejectedCount.toLocaleString()}</dd>
      </dl>
      {source.attribution && <p className="attribution"><strong>Source and license:</strong> {source.attribution}</p>}
      {source.rejectedCount > 0 && (
        <details open>
          <summary>Rejected records ({source.rejectedCount}{source.rejectedCount > source.rejected.length ? `, first ${source.rejected.length} listed` : ''})</summary>
          <table aria-label="Rejected records">
            <thead><tr><th>File</th><th>Line / row</th><th>Reason</th></tr></thead>
            <tbody>
              {source.rejected.map((r, i) => <tr key={i}><td>{r.file}</td><td>{r.line}</td><td>{r.reason}</td></tr>)}
            </tbody>
          </table>
        </details>
      )}
      <h4>Chunk sets</h4>
      <ul className="chunk-sets" aria-label="Chunk sets">
        {chunkSets.map((c) => (
          <li key={c.id}>
            {new Date(c.createdAt).toLocaleString()}: target {c.options.targetTokens}, min {c.options.minTokens}, max {c.options.maxTokens}, short {c.options.shortChunks} · {c.excerptCount.toLocaleString()} excerpts
          </li>
        ))}
      </ul>
      <div className="row">
        <button disabled={busy} onClick={() => void useCorpusStore.getState().rechunk(source.id)}>Re-chunk with current settings</button>
        {confirmingDelete ? (
          <span role="group" aria-label="Confirm deletion">
            Delete {source.name} with its {source.documentCount.toLocaleString()} documents and their excerpts?{' '}
            <button className="danger" disabled={busy} onClick={() => void useCorpusStore.getState().removeSource(source.id)}>Delete source</button>{' '}
            <button onClick={() => setConfirmingDelete(false)} autoFocus>Keep it</button>
          </span>
        ) : (
          <button disabled={busy} onClick={() => setConfirmingDelete(true)}>Delete source…</button>
        )}
      </div>
      <h4>Documents</h4>
      <VirtualRows<DocumentRecord>
        label="Documents"
        rowCount={source.documentCount}
        rowHeight={28}
        height={260}
        cacheKey={source.id}
        fetchPage={fetchPage}
        renderRow={(doc, i) => doc
          ? <span className="doc-row"><span className="muted">{i + 1}.</span> {doc.url ?? '(no url)'} · {doc.text.slice(0, 90)}</span>
          : <span className="muted">{i + 1}. loading…</span>}
      />
    </section>
  );
}
