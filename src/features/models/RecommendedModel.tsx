import { useState } from 'react';
import { recommendModel } from '../../engines/webllm/recommend';
import { formatBytes } from '../shared';
import { useEngineStore } from './engineStore';
import { useFirstVisible } from './webllm/useFirstVisible';
import { useWebLlmStore } from './webllm/webllmStore';
import { loadWllamaModel } from './wllama/wllamaModels';
import { DEFAULT_CONTEXT_SIZE, defaultThreadCount } from '../../engines/wllama';

/** Reads the size of a download from the server before it starts (Content-Length of a HEAD request). */
async function downloadSize(url: string): Promise<number | null> {
  const response = await fetch(url, { method: 'HEAD' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const length = Number(response.headers.get('Content-Length'));
  return Number.isFinite(length) && length > 0 ? length : null;
}

/** A first dialogue in one click: the model that suits this device, with its size said before anything downloads. */
export function RecommendedModel() {
  const gpu = useWebLlmStore((s) => s.gpu);
  const catalog = useWebLlmStore((s) => s.catalog);
  const busy = useEngineStore((s) => s.slots.webllm.status === 'loading' || s.slots.wllama.status === 'loading');
  const ref = useFirstVisible<HTMLElement>(() => void useWebLlmStore.getState().open());
  const [size, setSize] = useState<{ bytes: number | null } | { problem: string } | null>(null);
  const pick = recommendModel(catalog, gpu !== null && gpu.available && catalog.length === 0 ? null : gpu);

  return (
    <section ref={ref} aria-labelledby="recommended-heading" className="card">
      <h2 id="recommended-heading">Recommended for this device</h2>
      {!pick && <p className="muted">Checking this device…</p>}
      {pick?.engine === 'webllm' && (
        <>
          <p>
            <strong>{pick.modelId}</strong> on WebLLM: about {pick.approxDownloadMB ?? '?'} MB to download
            {pick.vramMB ? `, about ${Math.round(pick.vramMB)} MB of GPU memory` : ''}. {pick.why}
          </p>
          <button className="primary" disabled={busy} onClick={() => void useWebLlmStore.getState().loadModel({ kind: 'webllm-prebuilt', modelId: pick.modelId })}>
            Download and load {pick.modelId}
          </button>
        </>
      )}
      {pick?.engine === 'wllama' && (
        <>
          <p>
            <strong>{pick.name}</strong> on wllama (CPU). {pick.why}
          </p>
          {size === null && (
            <button onClick={() => void downloadSize(pick.url).then((bytes) => setSize({ bytes }), (error: unknown) => setSize({ problem: error instanceof Error ? error.message : String(error) }))}>
              Check the download size
            </button>
          )}
          {size && 'problem' in size && (
            <p className="problem" role="alert">
              Could not reach {new URL(pick.url).host} ({size.problem}). Without the internet, load a GGUF file from disk below.
            </p>
          )}
          {size && 'bytes' in size && (
            <button
              className="primary"
              disabled={busy}
              onClick={() =>
                void loadWllamaModel({ kind: 'gguf-url', url: pick.url }, { contextSize: DEFAULT_CONTEXT_SIZE, threads: defaultThreadCount(navigator.hardwareConcurrency, globalThis.crossOriginIsolated === true) })
              }
            >
              Download {size.bytes === null ? '(size not given by the server)' : formatBytes(size.bytes)} and load
            </button>
          )}
        </>
      )}
    </section>
  );
}
