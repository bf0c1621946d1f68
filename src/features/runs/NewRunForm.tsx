import { Problem, SamplingFields, useLiveQuery, valueOr, type LabModels } from '../shared';
import { runsApi } from './api';
import { splitPastedExcerpts } from './planRun';
import { useRunsStore } from './runsStore';

export function NewRunForm({ models, onLoadModel }: { models: LabModels; onLoadModel(): void }) {
  const { form, planned, planning, problem, driving } = useRunsStore();
  const { setForm, plan, start, dismissProblem } = useRunsStore.getState();
  const choices = valueOr(useLiveQuery(() => runsApi.templateChoices(), []), []);
  const workingSets = valueOr(useLiveQuery(() => runsApi.listWorkingSets(), []), []);
  const selectedTargets = models.targets.filter((t) => form.modelKeys.includes(t.key));
  const engine = selectedTargets[0]?.engine.kind ?? models.targets[0]?.engine.kind ?? null;
  const servesSeveral = selectedTargets.some((t) => t.engine.parallelRequests);
  const pastedCount = splitPastedExcerpts(form.pasted).length;
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));

  return (
    <section aria-labelledby="new-run-heading" className="card runs-form">
      <h2 id="new-run-heading">New run</h2>
      <label>
        Run name
        <input value={form.name} onChange={(e) => setForm({ name: e.target.value })} placeholder="e.g. Two styles on algebra" />
      </label>

      <fieldset>
        <legend>Excerpts</legend>
        <label className="inline">
          <input type="radio" name="run-source" checked={form.source === 'paste'} onChange={() => setForm({ source: 'paste' })} />
          Pasted excerpts
        </label>
        <label className="inline">
          <input type="radio" name="run-source" checked={form.source === 'working-set'} onChange={() => setForm({ source: 'working-set' })} />
          A corpus working set
        </label>
        {form.source === 'paste' ? (
          <label className="wide">
            Pasted excerpts (one per block, blocks separated by a blank line) · {pastedCount} {pastedCount === 1 ? 'excerpt' : 'excerpts'}
            <textarea rows={6} value={form.pasted} onChange={(e) => setForm({ pasted: e.target.value })} />
          </label>
        ) : (
          <label>
            Working set
            <select value={form.workingSetId} onChange={(e) => setForm({ workingSetId: e.target.value })}>
              <option value="">{workingSets.length === 0 ? 'No working sets (make one on the Corpus tab)' : 'Choose a working set'}</option>
              {workingSets.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.excerptIds.length} excerpts)
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>

      <fieldset>
        <legend>Templates (each runs its latest version)</legend>
        {choices.map(({ template, version }) => (
          <label key={template.id} className="inline">
            <input type="checkbox" checked={form.templateIds.includes(template.id)} onChange={(e) => setForm({ templateIds: toggle(form.templateIds, template.id, e.target.checked) })} />
            {template.name} <span className="muted">v{version.number}</span>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>Models</legend>
        {models.targets.length === 0 && (
          <span className="muted">
            No model loaded. <button className="link" onClick={onLoadModel}>Load a model</button>
          </span>
        )}
        {models.targets.map((t) => (
          <label key={t.key} className="inline">
            <input type="checkbox" checked={form.modelKeys.includes(t.key)} onChange={(e) => setForm({ modelKeys: toggle(form.modelKeys, t.key, e.target.checked) })} />
            {t.model.modelName} <span className="muted">({t.engine.kind}{t.model.contextLength ? `, context ${t.model.contextLength}` : ''})</span>
          </label>
        ))}
      </fieldset>

      <SamplingFields params={form.params} onChange={(patch) => setForm({ params: { ...form.params, ...patch } })} engine={engine} legend="Sampling (preset A)" />
      <label className="inline">
        <input type="checkbox" checked={form.secondPreset} onChange={(e) => setForm({ secondPreset: e.target.checked })} />
        Compare with a second sampling preset
      </label>
      {form.secondPreset && (
        <SamplingFields params={form.secondParams} onChange={(patch) => setForm({ secondParams: { ...form.secondParams, ...patch } })} engine={engine} legend="Sampling (preset B)" />
      )}

      <div className="row">
        <label>
          Samples per excerpt
          <input type="number" min={1} max={100} value={Number.isFinite(form.samplesPerExcerpt) ? form.samplesPerExcerpt : ''} onChange={(e) => setForm({ samplesPerExcerpt: e.target.valueAsNumber })} />
        </label>
        <label>
          Concurrency (requests at once on an OpenAI-compatible server)
          <input type="number" min={1} max={64} value={Number.isFinite(form.concurrency) ? form.concurrency : ''} onChange={(e) => setForm({ concurrency: e.target.valueAsNumber })} />
          <span className="muted field-note">{servesSeveral ? 'Used by the server models ticked above.' : 'In-browser engines always run one request at a time.'}</span>
        </label>
      </div>

      <div className="row actions">
        <button disabled={planning} onClick={() => void plan(models)}>
          Plan run
        </button>
        <button className="primary" disabled={!planned || driving !== null} onClick={() => void start(models)}>
          Start run
        </button>
        {driving && <span className="muted">This tab is driving a run; start another once it ends or is paused.</span>}
      </div>
      {problem && <Problem {...problem} onDismiss={dismissProblem} />}
      {planned && (
        <div aria-label="Run plan" role="region" className="run-plan">
          <p>
            <strong>{planned.plan.items.length} items</strong>: {planned.plan.excerptCount} excerpts × {planned.run.templateVersionIds.length} templates × {planned.run.modelKeys.length} models ×{' '}
            {planned.run.presets.length} presets × {planned.run.samplesPerExcerpt} samples{planned.plan.skipped.length > 0 ? ` (${planned.plan.skipped.length} ${planned.plan.skipped.length === 1 ? 'excerpt' : 'excerpts'} skipped for some or all models)` : ''}.
          </p>
          {planned.plan.skipped.length > 0 && (
            <>
              <h3 id="plan-skipped-heading">Skipped excerpts</h3>
              <ul aria-labelledby="plan-skipped-heading" className="skipped">
                {planned.plan.skipped.map((s) => (
                  <li key={s.excerptKey}>{s.reason}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
