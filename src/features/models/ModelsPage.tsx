import { useEffect } from 'react';
import type { EngineKind } from '../../core/engine/types';
import { useOpenAIPanelStore } from './openai/openaiStore';
import { RecommendedModel } from './RecommendedModel';
import { useWebLlmStore } from './webllm/webllmStore';
import { restoreLastWllamaModel } from './wllama/wllamaModels';
import { Problem, ProgressBar } from '../shared';
import { ENGINE_KINDS, useEngineStore, type EngineSlot } from './engineStore';
import { WebLlmPanel } from './webllm/WebLlmPanel';
import { WllamaPanel } from './wllama/WllamaPanel';
import { OpenAIPanel } from './openai/OpenAIPanel';

const STARTING = { fraction: null, loadedBytes: 0, totalBytes: null, etaSeconds: null, text: 'Starting…' };

function LoadedModelRow({ kind, slot }: { kind: EngineKind; slot: EngineSlot }) {
  const { model, status, progress, problem } = slot;
  const { unload, dismissProblem } = useEngineStore.getState();
  if (!model && status !== 'loading' && !problem) return null;
  return (
    <li aria-label={`${kind} model`}>
      {status === 'loading' && <ProgressBar label={`${kind} model loading progress`} progress={progress ?? STARTING} />}
      {model && (
        <p>
          <strong>{model.modelName}</strong> on {model.engine}
          {model.contextLength ? ` · context ${model.contextLength} tokens` : ''}
          {model.hasChatTemplate === false ? " · no chat template: the lab's plain-text prompt format is used" : ''}
          {model.hasChatTemplate === true ? ' · prompted through its own chat template' : ''}{' '}
          <button onClick={() => void unload(kind)} aria-label={`Unload ${model.modelName}`}>
            Unload
          </button>
        </p>
      )}
      {problem && <Problem message={problem.message} hint={problem.hint} onDismiss={() => dismissProblem(kind)} />}
    </li>
  );
}

export function ModelsPage() {
  const slots = useEngineStore((s) => s.slots);
  // The models of the last session come back on start (quietly: a server that is down is said, not shouted).
  useEffect(() => {
    void restoreLastWllamaModel();
    void useOpenAIPanelStore.getState().restoreLastModel();
    void useWebLlmStore.getState().restoreLastModel();
  }, []);
  const nothing = ENGINE_KINDS.every((kind) => !slots[kind].model && slots[kind].status !== 'loading');
  return (
    <div className="models">
      <section aria-labelledby="active-model-heading" className="card">
        <h2 id="active-model-heading">Active model</h2>
        <p className="muted">One model per engine can be loaded at once; the studio, the grid and runs can use them side by side.</p>
        {nothing && <p className="muted">No model loaded. Pick one of the three engines below.</p>}
        <ul className="plain-list" aria-label="Models in use">
          {ENGINE_KINDS.map((kind) => (
            <LoadedModelRow key={kind} kind={kind} slot={slots[kind]} />
          ))}
        </ul>
      </section>
      {nothing && <RecommendedModel />}
      <WebLlmPanel />
      <WllamaPanel />
      <OpenAIPanel />
    </div>
  );
}
