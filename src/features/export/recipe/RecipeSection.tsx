import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount, Problem, SamplingFields } from '../../shared';
import { useRecipeStore, type ResultsReport } from './recipeStore';
import './recipe.css';

/** At most this many problems are listed; the rest are counted. */
const SHOWN_PROBLEMS = 50;

function ResultsSummary({ report }: { report: ResultsReport }) {
  const { joined, stored } = report;
  const { counts, problems } = joined;
  return (
    <section role="status" aria-label="Batch import report" className="recipe-report">
      <p>
        {formatCount(stored.added)} dialogues added to the review desk{stored.alreadyHere ? `, ${formatCount(stored.alreadyHere)} already here` : ''}, from{' '}
        {formatCount(counts.outputs)} answers to {formatCount(counts.requests)} requests: {formatCount(counts.errors)} failed
        {counts.unanswered ? `, ${formatCount(counts.unanswered)} requests have no answer yet` : ''}. The review desk runs the filters on them when it opens.
      </p>
      <p className="muted">Files: {report.files.map((f) => `${f.name} (${f.kind})`).join(', ')}</p>
      {problems.length > 0 && (
        <>
          <h4>Lines that did not become dialogues ({formatCount(problems.length)})</h4>
          <ul className="recipe-problems">
            {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
              <li key={`${p.file}:${p.line}`}>
                <code>
                  {p.file}:{p.line}
                </code>{' '}
                {p.message}
              </li>
            ))}
          </ul>
          {problems.length > SHOWN_PROBLEMS && <p>…and {formatCount(problems.length - SHOWN_PROBLEMS)} more.</p>}
        </>
      )}
    </section>
  );
}

/**
 * The recipe area: the lab's recipe as recipe.json for vLLM, Ray Data or `mind-lab generate` at scale, a recipe read
 * back, and the batch results brought back for review.
 */
export function RecipeSection({ active }: { active: boolean }) {
  const { lab, form, recipe, busy, problem, report } = useRecipeStore(
    useShallow((s) => ({ lab: s.lab, form: s.form, recipe: s.recipe, busy: s.busy, problem: s.problem, report: s.report })),
  );
  const actions = useRecipeStore.getState();
  const recipeInput = useRef<HTMLInputElement>(null);
  const resultsInput = useRef<HTMLInputElement>(null);
  // Read when the Export tab is shown (and again each time, as templates and reviews change): it reads every rating
  // and analysis, which the lab's start must not pay for.
  useEffect(() => {
    if (active) void useRecipeStore.getState().load();
  }, [active]);
  const { source } = form;

  return (
    <section aria-labelledby="recipe-heading" className="recipe-section">
      <h2 id="recipe-heading">Recipe for scale-out</h2>
      <p className="muted">
        recipe.json carries the styles (template text and hash), the corpus's chunking, the model, sampling and seed, the review desk's filter thresholds and
        what the review found. <code>mind-lab batch --recipe recipe.json</code> turns a corpus into OpenAI batch files for <code>vllm run-batch</code>, an
        OpenAI-style batch API or Ray Data; <code>mind-lab generate</code> sends them to running servers. The results come back below.
      </p>

      <fieldset disabled={!lab}>
        <legend>Export a recipe</legend>
        <label>
          Name
          <input value={form.name} onChange={(e) => actions.patch({ name: e.target.value })} />
        </label>
        <fieldset>
          <legend>Styles</legend>
          {lab?.templates.map((t) => {
            const chosen = form.styles.find((s) => s.templateId === t.templateId);
            return (
              <div key={t.templateId} className="recipe-style">
                <label className="recipe-choice">
                  <input type="checkbox" checked={chosen !== undefined} onChange={(e) => actions.toggleStyle(t.templateId, e.target.checked)} />
                  {t.name} <span className="muted">(v{t.version.number}, {t.label})</span>
                </label>
                {chosen && (
                  <label>
                    Weight
                    <input type="number" min={0} step={0.1} value={Number.isFinite(chosen.weight) ? chosen.weight : ''} onChange={(e) => actions.setWeight(t.templateId, e.target.value === '' ? Number.NaN : e.target.valueAsNumber)} aria-label={`Weight of ${t.name}`} />
                  </label>
                )}
              </div>
            );
          })}
          <label className="recipe-choice">
            <input type="radio" name="style-assignment" checked={form.styleAssignment === 'weighted'} onChange={() => actions.patch({ styleAssignment: 'weighted' })} />
            One style per excerpt, drawn by weight
          </label>
          <label className="recipe-choice">
            <input type="radio" name="style-assignment" checked={form.styleAssignment === 'every'} onChange={() => actions.patch({ styleAssignment: 'every' })} />
            Every style for every excerpt
          </label>
          <label>
            Samples per excerpt
            <input type="number" min={1} value={form.samplesPerExcerpt ?? 1} onChange={(e) => actions.patch({ samplesPerExcerpt: e.target.valueAsNumber })} />
          </label>
        </fieldset>
        <fieldset>
          <legend>Model</legend>
          <label>
            Model name (as the servers serve it)
            <input value={form.model.name} placeholder="e.g. meta-llama/Llama-3.1-8B-Instruct" onChange={(e) => actions.patch({ model: { ...form.model, name: e.target.value } })} />
          </label>
          <label className="recipe-choice">
            <input type="checkbox" checked={form.model.chatTemplate} onChange={(e) => actions.patch({ model: { ...form.model, chatTemplate: e.target.checked } })} />
            The model has a chat template (otherwise requests carry the lab's plain prompt format as a vLLM chat_template)
          </label>
        </fieldset>
        <SamplingFields params={form.sampling} onChange={actions.patchSampling} engine="openai" />
        <fieldset>
          <legend>Source</legend>
          <label className="recipe-choice">
            <input type="radio" name="recipe-source" checked={source.kind === 'huggingface'} onChange={() => actions.patchSource({ kind: 'huggingface', dataset: 'open-web-math/open-web-math', revision: 'main', split: 'train', columns: { text: 'text', url: 'url' } })} />
            A Hugging Face dataset
          </label>
          <label className="recipe-choice">
            <input type="radio" name="recipe-source" checked={source.kind === 'files'} onChange={() => actions.patchSource({ kind: 'files', files: [], textField: 'text' })} />
            Local files
          </label>
          {source.kind === 'huggingface' ? (
            <div className="recipe-row">
              <label>
                Dataset
                <input value={source.dataset} onChange={(e) => actions.patchSource({ ...source, dataset: e.target.value })} />
              </label>
              <label>
                Revision
                <input value={source.revision} onChange={(e) => actions.patchSource({ ...source, revision: e.target.value })} />
              </label>
              <label>
                Split
                <input value={source.split} onChange={(e) => actions.patchSource({ ...source, split: e.target.value })} />
              </label>
              <label>
                Text column
                <input value={source.columns.text} onChange={(e) => actions.patchSource({ ...source, columns: { ...source.columns, text: e.target.value } })} />
              </label>
            </div>
          ) : (
            <div className="recipe-row">
              <label>
                File names (comma-separated)
                <input value={source.files.map((f) => f.name).join(', ')} onChange={(e) => actions.patchSource({ ...source, files: e.target.value.split(',').map((name) => name.trim()).filter(Boolean).map((name) => ({ name })) })} />
              </label>
              <label>
                Text field
                <input value={source.textField} onChange={(e) => actions.patchSource({ ...source, textField: e.target.value })} />
              </label>
            </div>
          )}
        </fieldset>
        {lab && (
          <p className="muted">
            Chunking: target {lab.chunking.targetTokens}, min {lab.chunking.minTokens}, max {lab.chunking.maxTokens} tokens (the corpus's newest chunking). Review:{' '}
            {formatCount(lab.review.dialogues)} dialogues, {formatCount(lab.review.reviewed)} reviewed, {formatCount(lab.review.kept)} kept,{' '}
            {formatCount(lab.review.rejected)} rejected.
          </p>
        )}
        <button type="button" onClick={actions.exportRecipe}>
          Export recipe.json
        </button>
      </fieldset>

      <fieldset disabled={busy !== null}>
        <legend>Bring a batch back</legend>
        <button type="button" onClick={() => recipeInput.current?.click()}>
          Import recipe…
        </button>
        <input
          ref={recipeInput}
          type="file"
          accept=".json,application/json"
          aria-label="Recipe file"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void actions.importRecipe(file);
          }}
        />
        <p role="status">{recipe ? `Recipe "${recipe.name}": ${recipe.styles.length} styles, model ${recipe.model.name}.` : 'No recipe yet: export one or import the one the batch was made from.'}</p>
        <button type="button" onClick={() => resultsInput.current?.click()} disabled={!recipe}>
          Import batch results…
        </button>
        <input
          ref={resultsInput}
          type="file"
          multiple
          accept=".jsonl,.gz,application/jsonl,application/x-ndjson,text/plain"
          aria-label="Batch files"
          hidden
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) void actions.importResults(files);
          }}
        />
        <p className="muted">Choose the request files and the output files together (and the sources files mind-lab batch wrote, for each excerpt's url).</p>
        {busy === 'importing' && <p role="status">Importing…</p>}
      </fieldset>

      {problem && <Problem message={problem.message} hint={problem.hint} takeFocus />}
      {report && <ResultsSummary report={report} />}
    </section>
  );
}
