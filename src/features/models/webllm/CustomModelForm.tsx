import { useState, type FormEvent } from 'react';
import { parseCustomModel } from '../../../engines/webllm';
import type { ModelSource } from '../../../core/engine/types';

interface CustomModelFormProps {
  busy: boolean;
  onLoad(source: Extract<ModelSource, { kind: 'webllm-custom' }>): void;
}

export function CustomModelForm({ busy, onLoad }: CustomModelFormProps) {
  const [modelId, setModelId] = useState('');
  const [weightsUrl, setWeightsUrl] = useState('');
  const [modelLibUrl, setModelLibUrl] = useState('');
  const [problems, setProblems] = useState<string[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = parseCustomModel({ modelId, weightsUrl, modelLibUrl });
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    onLoad(result.source);
  };

  return (
    <form onSubmit={submit} aria-labelledby="webllm-custom-heading" noValidate>
      <h3 id="webllm-custom-heading">Custom MLC model by URL</h3>
      <p className="muted">
        A model compiled with MLC LLM: the weights folder or Hugging Face repo (with mlc-chat-config.json and the
        params shards) and its WebGPU library (.wasm). Both must be absolute URLs that allow CORS.
      </p>
      <div className="row">
        <label>
          Weights URL
          <input type="url" value={weightsUrl} onChange={(event) => setWeightsUrl(event.target.value)} placeholder="https://huggingface.co/user/Model-q4f32_1-MLC" size={48} required />
        </label>
        <label>
          Model library URL (.wasm)
          <input type="url" value={modelLibUrl} onChange={(event) => setModelLibUrl(event.target.value)} placeholder="https://…/Model-q4f32_1-webgpu.wasm" size={48} required />
        </label>
        <label>
          Model id (optional)
          <input value={modelId} onChange={(event) => setModelId(event.target.value)} placeholder="taken from the weights URL" />
        </label>
        <button type="submit" disabled={busy}>
          Load custom model
        </button>
      </div>
      {problems.length > 0 && (
        <ul role="alert" className="problem">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
