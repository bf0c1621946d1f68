import { useEffect, useId } from 'react';
import { Problem } from '../../shared';
import { useEngineStore } from '../engineStore';
import { EngineSlotStatus } from '../EngineSlotStatus';
import { useOpenAIPanelStore } from './openaiStore';

/** Connects to any OpenAI-compatible server (llama-server, vLLM, Ollama, a hosted API) and makes one of its models active. */
export function OpenAIPanel() {
  const { baseUrl, apiKey, rememberKey, status, models, selectedModel, problem } = useOpenAIPanelStore();
  const { hydrate, setBaseUrl, setApiKey, setRememberKey, selectModel, connect, activateSelectedModel, dismissProblem } = useOpenAIPanelStore.getState();
  const engineBusy = useEngineStore((s) => s.slots.openai.status === 'loading');
  const ids = { url: useId(), key: useId(), keyNote: useId(), model: useId() };

  useEffect(() => {
    void hydrate();
  }, [hydrate]);

  return (
    <section aria-labelledby="openai-heading" className="card">
      <h2 id="openai-heading">OpenAI-compatible server</h2>
      <p className="muted">
        Any server that speaks the OpenAI chat API: llama.cpp&apos;s llama-server, vLLM, Ollama, or a hosted service. The server must allow
        this page&apos;s origin (CORS).
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <label htmlFor={ids.url}>
          Base URL
          <input id={ids.url} type="text" inputMode="url" spellCheck={false} size={36} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="http://localhost:8080/v1" />
        </label>
        <label htmlFor={ids.key}>
          API key
          <input
            id={ids.key}
            type="password"
            autoComplete="off"
            aria-describedby={ids.keyNote}
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            placeholder="optional"
          />
        </label>
        <label style={{ flexDirection: 'row', alignItems: 'center' }}>
          <input type="checkbox" checked={rememberKey} onChange={(e) => void setRememberKey(e.target.checked)} />
          Remember key on this device
        </label>
        <button type="submit" disabled={status === 'connecting'}>
          {status === 'connecting' ? 'Connecting…' : 'List models'}
        </button>
      </form>
      <p id={ids.keyNote} className="muted">
        The key stays in memory unless you tick &quot;Remember key on this device&quot;; then it is stored unencrypted in this browser&apos;s IndexedDB.
      </p>
      {problem && <Problem {...problem} takeFocus onDismiss={dismissProblem} />}
      {status === 'connected' && (
        <div className="row">
          <label htmlFor={ids.model}>
            Model
            <select id={ids.model} value={selectedModel} onChange={(e) => selectModel(e.target.value)}>
              {models.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <button className="primary" disabled={!selectedModel || engineBusy} onClick={() => void activateSelectedModel()}>
            Use this model
          </button>
          <span className="muted" role="status">
            Connected: {models.length} model{models.length === 1 ? '' : 's'} on the server.
          </span>
        </div>
      )}
      <EngineSlotStatus kind="openai" />
    </section>
  );
}
