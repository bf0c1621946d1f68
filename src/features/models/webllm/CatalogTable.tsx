import { useDeferredValue, useState } from 'react';
import { filterCatalog, type CatalogEntry } from '../../../engines/webllm';

interface CatalogTableProps {
  entries: CatalogEntry[];
  loading: boolean;
  busy: boolean;
  onLoad(modelId: string): void;
}

function statusText(entry: CatalogEntry): string {
  if (!entry.availability.runnable) return `Not runnable: ${entry.availability.reasons.join('; ')}`;
  return entry.availability.warning ? `Runnable (${entry.availability.warning})` : 'Runnable';
}

function vramText(entry: CatalogEntry): string {
  if (entry.vramMB === null) return '—';
  return entry.vramMB >= 1024 ? `${(entry.vramMB / 1024).toFixed(1)} GB` : `${Math.round(entry.vramMB)} MB`;
}

export function CatalogTable({ entries, loading, busy, onLoad }: CatalogTableProps) {
  const [query, setQuery] = useState('');
  const [runnableOnly, setRunnableOnly] = useState(false);
  const deferredQuery = useDeferredValue(query);
  const shown = filterCatalog(entries, deferredQuery).filter((entry) => !runnableOnly || entry.availability.runnable);
  const runnable = entries.filter((entry) => entry.availability.runnable).length;

  return (
    <>
      <div className="row actions">
        <label>
          Filter models
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="e.g. smollm q4f32" />
        </label>
        <label className="webllm-inline">
          <input type="checkbox" checked={runnableOnly} onChange={(event) => setRunnableOnly(event.target.checked)} />
          Runnable only
        </label>
        <p className="muted" role="status">
          {loading ? 'Reading the web-llm catalog…' : `${shown.length} of ${entries.length} models shown · ${runnable} runnable on this device`}
        </p>
      </div>
      <div className="webllm-table-wrap">
        <table>
          <caption className="webllm-caption">WebLLM model catalog</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">VRAM</th>
              <th scope="col">Quantization</th>
              <th scope="col">Context</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => (
              <tr key={entry.modelId}>
                <th scope="row">{entry.modelId}</th>
                <td>{vramText(entry)}</td>
                <td>{entry.quantization ?? '—'}</td>
                <td>{entry.contextWindow ?? '—'}</td>
                <td className={entry.availability.runnable ? '' : 'muted'}>{statusText(entry)}</td>
                <td>
                  {entry.availability.runnable && (
                    <button aria-label={`Load ${entry.modelId}`} disabled={busy} onClick={() => onLoad(entry.modelId)}>
                      Load
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
