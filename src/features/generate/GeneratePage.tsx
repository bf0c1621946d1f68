import { useEffect } from 'react';
import { STYLE_IDS, STYLES, type StyleId } from '../../core/styles';
import { useEngineStore } from '../models';
import { Problem, type PageProps } from '../shared';
import { useGenerateStore } from './generateStore';
import { SamplingControls } from './SamplingControls';
import { StatsLine } from './StatsLine';
import { DialogueList } from './DialogueList';

export function GeneratePage({ onNavigate }: PageProps) {
  const { excerpt, style, running, streamed, lastStats, problem } = useGenerateStore();
  const { setExcerpt, setStyle, generate, stop, refreshDialogues } = useGenerateStore.getState();
  const engine = useEngineStore((s) => s.engine);
  const model = useEngineStore((s) => s.model);

  useEffect(() => {
    void refreshDialogues();
  }, [refreshDialogues]);

  return (
    <div className="generate">
      <section aria-labelledby="generate-heading" className="card">
        <h2 id="generate-heading">Generate a dialogue</h2>
        <label htmlFor="excerpt">Excerpt</label>
        <textarea
          id="excerpt"
          rows={8}
          value={excerpt}
          placeholder="Paste a short math excerpt (MIND uses ~500-token chunks of OpenWebMath pages)…"
          onChange={(e) => setExcerpt(e.target.value)}
        />
        <div className="row">
          <label>
            Conversation style
            <select value={style} onChange={(e) => setStyle(e.target.value as StyleId)}>
              {STYLE_IDS.map((id) => (
                <option key={id} value={id}>
                  {STYLES[id].label}
                </option>
              ))}
            </select>
          </label>
          <SamplingControls />
        </div>
        <div className="row actions">
          {engine && model ? (
            <span className="muted">Model: {model.modelName} ({engine.kind})</span>
          ) : (
            <span className="muted">
              No model loaded. <button className="link" onClick={() => onNavigate('models')}>Load a model</button>
            </span>
          )}
          <button
            className="primary"
            disabled={!engine || !model || running}
            onClick={() => engine && model && void generate(engine, model)}
          >
            Generate
          </button>
          <button disabled={!running || !engine} onClick={() => engine && stop(engine)}>
            Stop
          </button>
        </div>
        {problem && <Problem {...problem} onDismiss={() => useGenerateStore.setState({ problem: null })} />}
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
