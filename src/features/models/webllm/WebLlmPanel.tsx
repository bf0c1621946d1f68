import { Problem } from '../../shared';
import { useEngineStore } from '../engineStore';
import { EngineSlotStatus } from '../EngineSlotStatus';
import { CacheBackendChoice } from './CacheBackendChoice';
import { CachedModels } from './CachedModels';
import { CatalogTable } from './CatalogTable';
import { CustomModelForm } from './CustomModelForm';
import { DeviceReport } from './DeviceReport';
import { useFirstVisible } from './useFirstVisible';
import { useWebLlmStore } from './webllmStore';
import './webllm.css';

export function WebLlmPanel() {
  const state = useWebLlmStore();
  const busy = useEngineStore((s) => s.slots.webllm.status === 'loading');
  const ref = useFirstVisible<HTMLElement>(() => void useWebLlmStore.getState().open());

  return (
    <section ref={ref} aria-labelledby="webllm-heading" className="card">
      <h2 id="webllm-heading">WebLLM (WebGPU)</h2>
      <p className="muted">
        MLC models run on the GPU in a Web Worker. The first load downloads the weights from Hugging Face and keeps
        them in the browser; progress and problems show here and in the Active model card above.
      </p>
      {state.problem && <Problem {...state.problem} takeFocus onDismiss={() => useWebLlmStore.setState({ problem: null })} />}

      <h3>This device</h3>
      <DeviceReport gpu={state.gpu} />

      <h3>Models</h3>
      {state.catalogPhase === 'idle' && state.gpu && (
        <button onClick={() => void state.open()}>Read the model catalog again</button>
      )}
      <CatalogTable
        entries={state.catalog}
        loading={state.catalogPhase !== 'ready'}
        busy={busy}
        onLoad={(modelId) => void state.loadModel({ kind: 'webllm-prebuilt', modelId })}
      />
      <CustomModelForm busy={busy} onLoad={(source) => void state.loadModel(source)} />
      <EngineSlotStatus kind="webllm" />

      <h3>Storage</h3>
      <CacheBackendChoice value={state.cacheBackend} onChange={state.setCacheBackend} />
      <CachedModels
        cached={state.cached}
        loading={state.cachePhase === 'loading'}
        storage={state.storage}
        persistAnswer={state.persistAnswer}
        onDelete={(key) => void state.deleteCached(key)}
        onRefresh={() => void state.refreshCache()}
        onPersist={() => void state.persistStorage()}
      />
    </section>
  );
}
