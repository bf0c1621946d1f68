import type { CacheBackend, Completeness, StorageReport } from '../../../engines/webllm';
import type { CachedModelRow } from './webllmStore';
import { formatBytes } from '../../shared';

interface CachedModelsProps {
  cached: CachedModelRow[];
  loading: boolean;
  storage: StorageReport | null;
  persistAnswer: boolean | null;
  onDelete(key: string): void;
  onRefresh(): void;
  onPersist(): void;
}

const BACKEND_NAMES: Record<CacheBackend, string> = { cache: 'Cache API', indexeddb: 'IndexedDB' };

function storageText(storage: StorageReport | null): string {
  if (!storage || storage.usageBytes === null || storage.quotaBytes === null) return 'Storage use unknown in this browser.';
  const free = Math.max(0, storage.quotaBytes - storage.usageBytes);
  return `This site uses ${formatBytes(storage.usageBytes)} of ${formatBytes(storage.quotaBytes)} allowed (${formatBytes(free)} free).`;
}

function persistText(storage: StorageReport | null, answer: boolean | null): string {
  if (answer === false) return 'The browser declined to make storage persistent; cached models may be evicted when the disk fills.';
  if (storage?.persisted) return 'Storage is persistent: the browser will not evict cached models on its own.';
  return 'Storage is not persistent: the browser may evict cached models when the disk fills.';
}

function completenessText(completeness: Completeness): string {
  if (completeness.state === 'complete') return `Complete (${completeness.shards} weight shards)`;
  if (completeness.state === 'library-only') return 'Model library only';
  const of = completeness.expectedShards === null ? '' : ` of ${completeness.expectedShards}`;
  return `Incomplete: ${completeness.presentShards}${of} weight shards (delete it, or load the model to finish the download)`;
}

export function CachedModels({ cached, loading, storage, persistAnswer, onDelete, onRefresh, onPersist }: CachedModelsProps) {
  return (
    <>
      <p role="status" aria-label="Storage estimate">{storageText(storage)}</p>
      <div className="row actions">
        <p className="muted">{persistText(storage, persistAnswer)}</p>
        <button onClick={onPersist} disabled={storage?.persisted === true}>
          Persist storage
        </button>
        <button onClick={onRefresh} disabled={loading}>
          Refresh cached models
        </button>
      </div>
      {cached.length === 0 ? (
        <p className="muted">{loading ? 'Reading the model cache…' : 'No WebLLM model files are cached.'}</p>
      ) : (
        <table>
          <caption className="webllm-caption">Cached WebLLM models</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Backend</th>
              <th scope="col">Size</th>
              <th scope="col">Files</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cached.map(({ group, completeness }) => (
              <tr key={group.key}>
                <th scope="row">{group.label}</th>
                <td>{BACKEND_NAMES[group.backend]}</td>
                <td>{formatBytes(group.bytes)}</td>
                <td>{group.artifacts.length}</td>
                <td>{completenessText(completeness)}</td>
                <td>
                  <button aria-label={`Delete ${group.label} from ${BACKEND_NAMES[group.backend]}`} onClick={() => onDelete(group.key)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
