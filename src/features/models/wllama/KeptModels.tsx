import type { StoredModel } from '../../../engines/wllama';
import { formatBytes } from '../../shared';

interface KeptModelsProps {
  models: readonly StoredModel[];
  busy: boolean;
  onLoad(model: StoredModel): void;
  onDelete(model: StoredModel): void;
}

/** GGUF files kept in this browser (OPFS): load one again without the file picker, or free its space. */
export function KeptModels({ models, busy, onLoad, onDelete }: KeptModelsProps) {
  return (
    <>
      <h3 id="kept-models-heading">Kept in this browser</h3>
      {models.length === 0 ? (
        <p className="muted">None yet: a GGUF file you load is kept here (in the origin-private file system), so a reload needs no file picker.</p>
      ) : (
        <ul className="plain-list" aria-labelledby="kept-models-heading">
          {models.map((model) => (
            <li key={model.name} className="row wllama-kept">
              <span>
                <strong>{model.name}</strong> · {formatBytes(model.bytes)}
              </span>
              <button disabled={busy} onClick={() => onLoad(model)} aria-label={`Load ${model.name}`}>
                Load
              </button>
              <button onClick={() => onDelete(model)} aria-label={`Delete ${model.name} from this browser`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
