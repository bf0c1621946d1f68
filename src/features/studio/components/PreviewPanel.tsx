import { useId } from 'react';
import type { TemplateContent } from '../../../core/templates';
import type { GenerationTarget } from '../../../core/generation/generateDialogue';
import { countableText, renderPreview, tokenBudgetLine } from '../preview';
import { useStudioStore } from '../studioStore';

interface PreviewPanelProps {
  content: TemplateContent;
  targets: readonly GenerationTarget[];
}

const NO_MODEL = '';

/** The chosen excerpt through the template, exactly as the chosen model will receive it, with its token budget. */
export function PreviewPanel({ content, targets }: PreviewPanelProps) {
  const id = useId();
  const { excerpt, modelKey, manualContextLength, maxTokens, exactCount, counting } = useStudioStore();
  const { setExcerpt, setModelKey, setManualContextLength, setMaxTokens, countExactly } = useStudioStore.getState();
  // Until a choice is made, preview for the first loaded model; a model that was unloaded falls back to none.
  const target = modelKey === null ? targets[0] : targets.find((t) => t.key === modelKey);
  const rendered = renderPreview(content, excerpt, target ? target.model.hasChatTemplate : undefined);
  const contextLength = target?.model.contextLength ?? manualContextLength;
  const budget = tokenBudgetLine(rendered, contextLength, maxTokens);
  const text = countableText(rendered);
  const exact = target && exactCount?.modelKey === target.key && exactCount.text === text ? exactCount.tokens : null;
  return (
    <section className="card studio-preview" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Preview</h2>
      <label>
        Excerpt
        <textarea rows={5} value={excerpt} onChange={(e) => setExcerpt(e.target.value)} />
      </label>
      {!excerpt.trim() && <p className="muted">The excerpt is empty: paste one to see the prompt as it will be sent.</p>}
      <div className="row">
        {/* Label beside, not around, the select: a wrapping label would take in the chosen option's text. */}
        <div className="studio-field">
          <label htmlFor={`${id}-model`}>Model</label>
          <select id={`${id}-model`} value={target?.key ?? NO_MODEL} onChange={(e) => setModelKey(e.target.value)}>
            <option value={NO_MODEL}>No model: estimate only</option>
            {targets.map((t) => (
              <option key={t.key} value={t.key}>
                {t.model.modelName} ({t.engine.kind})
              </option>
            ))}
          </select>
        </div>
        {!target?.model.contextLength && (
          <label>
            Context length (tokens)
            <input type="number" min={1} step={256} value={Number.isFinite(manualContextLength) ? manualContextLength : ''} onChange={(e) => setManualContextLength(e.target.valueAsNumber)} />
          </label>
        )}
        <label>
          Max tokens
          <input
            type="number"
            min={1}
            step={16}
            value={Number.isFinite(maxTokens) ? maxTokens : ''}
            aria-invalid={budget.problem ? true : undefined}
            aria-describedby={budget.problem ? `${id}-budget-problem` : undefined}
            onChange={(e) => setMaxTokens(e.target.valueAsNumber)}
          />
        </label>
      </div>
      <p role="status" aria-label="Token count" className="studio-budget">
        {budget.summary}
        {exact !== null && (
          <>
            {' '}
            {rendered.kind === 'plain'
              ? `Exactly ${exact} tokens by the model's tokenizer.`
              : `Exactly ${exact} tokens of message text by the model's tokenizer; the chat template adds its markers on top.`}
          </>
        )}
      </p>
      {budget.problem && (
        <p id={`${id}-budget-problem`} className="field-problem">
          {budget.problem}
        </p>
      )}
      {target?.engine.countTokens && (
        <button type="button" disabled={counting} onClick={() => void countExactly(target, text)}>
          {counting ? 'Counting…' : 'Count exactly'}
        </button>
      )}
      <h3 id={`${id}-sent`}>What the model receives</h3>
      <p className="muted" id={`${id}-how`}>
        {rendered.kind === 'plain'
          ? target
            ? `${target.model.modelName} has no chat template, so it gets the lab's plain-text prompt:`
            : "No model chosen: the lab's plain-text prompt, as a model without a chat template gets it:"
          : rendered.via === 'model-template'
            ? `Sent as chat messages through ${target?.model.modelName ?? 'the model'}'s own chat template:`
            : 'Sent as chat messages; the server applies its chat template:'}
      </p>
      {rendered.kind === 'plain' ? (
        <pre className="output studio-prompt" aria-labelledby={`${id}-sent`} aria-describedby={`${id}-how`} tabIndex={0}>
          {rendered.prompt}
        </pre>
      ) : (
        <ol className="plain-list studio-messages" aria-labelledby={`${id}-sent`} aria-describedby={`${id}-how`}>
          {rendered.messages.map((message, index) => (
            <li key={index}>
              <strong>{message.role}</strong>
              <pre className="output studio-prompt" tabIndex={0}>
                {message.content}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
