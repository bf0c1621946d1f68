import type { ChatMessage, SamplingParams } from '../../core/types';

/** The messages a model was sent, one block per message, shown as text (never HTML). */
export function PromptMessages({ prompt, preClassName = 'wrap' }: { prompt: readonly ChatMessage[]; preClassName?: string }) {
  return (
    <>
      {prompt.map((message, i) => (
        <div key={i}>
          <b>{message.role}</b>
          <pre className={preClassName}>{message.content}</pre>
        </div>
      ))}
    </>
  );
}

/** Sampling settings as term/definition pairs, for a `<dl>` that may hold more. */
export function SamplingTerms({ params }: { params: SamplingParams }) {
  return (
    <>
      <dt>Temperature</dt>
      <dd>{params.temperature}</dd>
      <dt>Top p</dt>
      <dd>{params.topP}</dd>
      <dt>Max tokens</dt>
      <dd>{params.maxTokens}</dd>
      <dt>Seed</dt>
      <dd>{params.seed}</dd>
      <dt>Stop sequences</dt>
      <dd>{params.stop.length ? params.stop.map((s) => JSON.stringify(s)).join(', ') : 'none'}</dd>
    </>
  );
}
