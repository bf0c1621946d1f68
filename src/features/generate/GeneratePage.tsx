import { useEffect, useRef } from 'react';
import { preflight } from '../../core/generation/generateDialogue';
import { LATEST } from '../../core/templates/schema';
import { isEngineError } from '../../core/engine/errors';
import { Problem, SamplingFields, useLiveQuery, valueOr, type PageProps } from '../shared';
import { generateApi } from './api';
import { useGenerateStore } from './generateStore';
import { StatsLine } from './StatsLine';
import { DialogueList } from './DialogueList';

export function GeneratePage({ onNavigate, models }: PageProps) {
  const { excerpt, templateId, modelKey, params, running, streamed, lastStats, problem } = useGenerateStore();
  const { setExcerpt, setTemplate, setModelKey, setParams, generate, stop, restore, dismissProblem } = useGenerateStore.getState();
  const generateButton = useRef<HTMLButtonElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(false);
  const excerptBox = useRef<HTMLTextAreaElement>(null);
  const handedOver = useGenerateStore((s) => s.handedOver);

  // An excerpt sent from another area lands in view and focused, wherever the page was scrolled.
  useEffect(() => {
    if (handedOver === 0) return;
    excerptBox.current?.scrollIntoView({ block: 'center' });
    excerptBox.current?.focus({ preventScroll: true });
  }, [handedOver]);
  const templates = valueOr(useLiveQuery(() => generateApi.listTemplates(), []), []);
  const template = templates.find((t) => t.id === templateId) ?? templates[0];
  const version = valueOr(useLiveQuery(async () => (template ? generateApi.latestVersion(template) : null), [template?.id, template?.labels[LATEST]]), null);
  const target = models.targets.find((t) => t.key === modelKey) ?? models.targets[0];

  useEffect(() => {
    void restore();
  }, [restore]);

  // Keyboard users keep their place: Stop takes focus while a generation runs, Generate gets it back after.
  useEffect(() => {
    if (running) stopButton.current?.focus();
    // After a failure the problem takes focus instead (it says what to do next).
    else if (wasRunning.current && !useGenerateStore.getState().problem) generateButton.current?.focus();
    wasRunning.current = running;
  }, [running]);

  // What the context leaves for the answer, before anything is sent.
  let budgetNote: string | null = null;
  if (target && version && excerpt.trim()) {
    try {
      const { promptTokens } = preflight({ target, version, excerpt: { text: excerpt }, params });
      if (target.model.contextLength) {
        budgetNote = `Prompt ~${promptTokens} tokens of ${target.model.contextLength}; ${target.model.contextLength - promptTokens} left for the answer.`;
      }
    } catch (error) {
      // Shown before the request; Generate then refuses with the same words.
      if (isEngineError(error) && error.code === 'context-overflow') budgetNote = error.message;
    }
  }

  return (
    <div className="generate">
      <section aria-labelledby="generate-heading" className="card">
        <h2 id="generate-heading">Generate a dialogue</h2>
        <label htmlFor="excerpt">Excerpt</label>
        <textarea
          ref={excerptBox}
          id="excerpt"
          rows={8}
          value={excerpt}
          placeholder="Paste a short math excerpt (MIND uses ~500-token chunks of OpenWebMath pages)…"
          onChange={(e) => setExcerpt(e.target.value)}
        />
        <div className="row">
          <label>
            Conversation style
            <select value={template?.id ?? ''} onChange={(e) => setTemplate(e.target.value)}>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          {version && <span className="muted">Version v{version.number} · {version.hash.slice(0, 8)}</span>}
          <label>
            Model
            <select value={target?.key ?? ''} onChange={(e) => setModelKey(e.target.value)} disabled={models.targets.length === 0}>
              {models.targets.length === 0 && <option value="">No model loaded</option>}
              {models.targets.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.model.modelName} ({t.engine.kind})
                </option>
              ))}
            </select>
          </label>
        </div>
        <SamplingFields params={params} onChange={setParams} engine={target?.engine.kind ?? null} />
        {budgetNote && (
          <p className="muted">{budgetNote}</p>
        )}
        <div className="row actions">
          {!target && (
            <span className="muted">
              No model loaded. <button className="link" onClick={() => onNavigate('models')}>Load a model</button>
            </span>
          )}
          <button
            ref={generateButton}
            className="primary"
            disabled={!target || !version || running}
            onClick={() => target && version && void generate(target, version)}
          >
            Generate
          </button>
          <button ref={stopButton} disabled={!running} onClick={stop}>
            Stop
          </button>
        </div>
        {problem && <Problem {...problem} takeFocus onDismiss={dismissProblem} />}
        <h3 id="output-heading">Output</h3>
        <pre className="output" role="log" aria-labelledby="output-heading" aria-busy={running}>
          {streamed || (running ? 'Waiting for the first token…' : '')}
        </pre>
        {lastStats && <StatsLine stats={lastStats} />}
      </section>
      <DialogueList />
    </div>
  );
}
