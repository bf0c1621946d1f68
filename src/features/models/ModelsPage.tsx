import { Problem, ProgressBar } from '../shared';
import { useEngineStore } from './engineStore';
import { WebLlmPanel } from './webllm/WebLlmPanel';
import { WllamaPanel } from './wllama/WllamaPanel';
import { OpenAIPanel } from './openai/OpenAIPanel';

export function ModelsPage() {
  const { model, status, progress, problem } = useEngineStore();
  const unload = useEngineStore((s) => s.unload);
  return (
    <div className="models">
      <section aria-labelledby="active-model-heading" className="card">
        <h2 id="active-model-heading">Active model</h2>
        {status === 'loading' && <ProgressBar label="Model loading progress" progress={progress ?? { fraction: null, loadedBytes: 0, totalBytes: null, etaSeconds: null, text: 'Starting…' }} />}
        {model ? (
          <p>
            <strong>{model.modelName}</strong> on {model.engine}
            {model.contextLength ? ` · context ${model.contextLength} tokens` : ''}
            {model.hasChatTemplate === false ? ' · no chat template: the lab\'s plain-text prompt format is used' : ''}{' '}
            <button onClick={() => void unload()}>Unload</button>
          </p>
        ) : (
          status !== 'loading' && <p className="muted">No model loaded. Pick one of the three engines below.</p>
        )}
        {problem && <Problem {...problem} onDismiss={() => useEngineStore.setState({ problem: null })} />}
      </section>
      <WebLlmPanel />
      <WllamaPanel />
      <OpenAIPanel />
    </div>
  );
}
