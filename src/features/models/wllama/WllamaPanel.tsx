import { useCallback, useEffect, useId, useState, type DragEvent } from 'react';
import { DEFAULT_CONTEXT_SIZE, WllamaEngine, type StoredModel } from '../../../engines/wllama';
import type { EngineCapabilities, ModelSource } from '../../../core/engine/types';
import { useEngineStore } from '../engineStore';
import { EngineSlotStatus } from '../EngineSlotStatus';
import { KeptModels } from './KeptModels';
import { forgetKeptModel, listStoredModels, loadKeptModel, loadWllamaModel } from './wllamaModels';
import './WllamaPanel.css';

const CONTEXT_SIZES = [256, 512, 1024, 2048, 4096, 8192];

function useCapabilities(): EngineCapabilities | null {
  const [capabilities, setCapabilities] = useState<EngineCapabilities | null>(null);
  useEffect(() => {
    let live = true;
    void new WllamaEngine().capabilities().then((c) => live && setCapabilities(c));
    return () => {
      live = false;
    };
  }, []);
  return capabilities;
}

function CapabilitiesLine({ capabilities }: { capabilities: EngineCapabilities }) {
  const d = capabilities.details;
  const yesNo = (value: unknown) => (value ? 'yes' : 'no');
  return (
    <p className="muted" aria-label="wllama runtime">
      {String(d.hardwareConcurrency)} CPU cores · cross-origin isolated: {yesNo(d.crossOriginIsolated)} · JSPI: {yesNo(d.jspi)} · Memory64: {yesNo(d.memory64)}
    </p>
  );
}

/** Loads a GGUF model into wllama (llama.cpp in WebAssembly, CPU only) from a local file or a URL. */
export function WllamaPanel() {
  const capabilities = useCapabilities();
  const loading = useEngineStore((s) => s.slots.wllama.status === 'loading');
  const [contextSize, setContextSize] = useState(DEFAULT_CONTEXT_SIZE);
  const [threads, setThreads] = useState<number | null>(null);
  const [url, setUrl] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInputId = useId();
  const defaultThreads = typeof capabilities?.details.threads === 'number' ? capabilities.details.threads : 1;
  const maxThreads = typeof capabilities?.details.hardwareConcurrency === 'number' ? capabilities.details.hardwareConcurrency : 1;
  const chosenThreads = threads ?? defaultThreads;
  const unavailable = capabilities !== null && !capabilities.available;

  const [kept, setKept] = useState<StoredModel[]>([]);
  const [keepProblem, setKeepProblem] = useState<string | null>(null);
  const refreshKept = useCallback(() => void listStoredModels().then(setKept, () => setKept([])), []);
  useEffect(refreshKept, [refreshKept]);

  const load = (source: ModelSource) =>
    void loadWllamaModel(source, { contextSize, threads: chosenThreads }).then((problem) => {
      setKeepProblem(problem);
      refreshKept();
    });
  const loadFile = (file: File | undefined) => file && load({ kind: 'gguf-file', file, name: file.name });
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!loading && !unavailable) loadFile(event.dataTransfer.files[0]);
  };

  return (
    <section aria-labelledby="wllama-heading" className="card">
      <h2 id="wllama-heading">wllama (llama.cpp on the CPU)</h2>
      <p className="muted">
        Runs GGUF models with llama.cpp compiled to WebAssembly, in a worker, without a GPU. Small models only: the whole file is held in memory.
      </p>
      {capabilities && <CapabilitiesLine capabilities={capabilities} />}
      {unavailable && (
        <p role="alert" className="problem">
          {capabilities.reason}
        </p>
      )}
      <div className="row">
        <label>
          Context size (tokens)
          <select value={contextSize} disabled={loading} onChange={(e) => setContextSize(Number(e.target.value))}>
            {CONTEXT_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <label>
          Threads
          <input
            type="number"
            min={1}
            max={maxThreads}
            value={chosenThreads}
            disabled={loading || capabilities?.details.crossOriginIsolated !== true}
            onChange={(e) => {
              const next = e.target.valueAsNumber;
              if (Number.isFinite(next)) setThreads(Math.min(maxThreads, Math.max(1, Math.round(next))));
            }}
          />
        </label>
        <span className="muted wllama-threads-note">
          {chosenThreads} thread{chosenThreads === 1 ? '' : 's'} (default {defaultThreads}: on few cores one thread decodes fastest)
        </span>
      </div>
      <div
        className={`wllama-drop${dragging ? ' dragging' : ''}`}
        role="group"
        aria-label="Drop zone for a .gguf file"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop a .gguf file here, or</p>
        <label htmlFor={fileInputId}>GGUF model file</label>
        <input
          id={fileInputId}
          type="file"
          accept=".gguf"
          disabled={loading || unavailable}
          onChange={(e) => {
            loadFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) load({ kind: 'gguf-url', url: url.trim() });
        }}
      >
        <label className="wllama-url">
          GGUF model URL
          <input type="url" placeholder="https://…/model.gguf" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <button type="submit" disabled={loading || unavailable || !url.trim()}>
          Load from URL
        </button>
      </form>
      <EngineSlotStatus kind="wllama" />
      {keepProblem && <p className="problem" role="status">{keepProblem}</p>}
      <KeptModels
        models={kept}
        busy={loading}
        onLoad={(model) => void loadKeptModel(model, { contextSize, threads: chosenThreads }).then(refreshKept)}
        onDelete={(model) => void forgetKeptModel(model.name).then(refreshKept, (error: unknown) => setKeepProblem(String(error)))}
      />
    </section>
  );
}
