import { STYLES, STYLE_IDS, type StyleId } from '../../core/styles';
import type { DialogueRecord } from '../../core/records/dialogue';
import { MathText, PromptMessages, SamplingTerms, useLiveQuery, valueOr } from '../shared';
import { generateApi } from './api';
import { useGenerateStore } from './generateStore';
import { StatsLine } from './StatsLine';

const styleLabel = (style: string) => ((STYLE_IDS as readonly string[]).includes(style) ? STYLES[style as StyleId].label : style);

/** Only http(s) links are made clickable: a scraped URL may be anything. */
const safeHref = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : null);

function DialogueDetails({ d }: { d: DialogueRecord }) {
  const href = safeHref(d.url);
  return (
    <>
      <details>
        <summary>Source excerpt</summary>
        {d.url && (
          <p className="muted wrap-anywhere">
            From {href ? <a href={href} target="_blank" rel="noopener noreferrer">{d.url}</a> : d.url}
          </p>
        )}
        <MathText text={d.excerptText} />
      </details>
      <details>
        <summary>Prompt</summary>
        <PromptMessages prompt={d.prompt} />
      </details>
      <details>
        <summary>Model and settings</summary>
        <dl className="stats" aria-label="Model and settings">
          <dt>Model</dt>
          <dd>{d.modelKey}</dd>
          <dt>Template version</dt>
          <dd>{d.templateVersionId} · {d.templateHash.slice(0, 8)}</dd>
          <SamplingTerms params={d.params} />
          <dt>Basic checks</dt>
          <dd>{d.checks.pass ? 'pass' : d.checks.reasons.join(' ')}</dd>
        </dl>
      </details>
    </>
  );
}

export function DialogueList() {
  // A live query: a dialogue saved or deleted in another tab (or by a run) shows here within a second.
  const stored = valueOr(useLiveQuery(() => generateApi.listDialogues(), []), { dialogues: [], problems: [] });
  const dialogues = stored.dialogues;
  const storageProblems = [...useGenerateStore((s) => s.storageProblems), ...stored.problems.map((p) => `Dialogue ${p.id} is unreadable: ${p.message}`)];
  const removeDialogue = useGenerateStore((s) => s.removeDialogue);
  return (
    <section aria-labelledby="saved-heading" className="card">
      <h2 id="saved-heading">Saved dialogues ({dialogues.length})</h2>
      {storageProblems.map((p) => (
        <p key={p} role="alert" className="problem">{p}</p>
      ))}
      {dialogues.length === 0 && <p className="muted">Nothing yet: generated dialogues are saved here and survive a reload.</p>}
      <ul className="dialogues" aria-label="Saved dialogues">
        {dialogues.map((d) => (
          <li key={d.id}>
            <article aria-label={`Dialogue ${new Date(d.createdAt).toLocaleString()}`}>
              <header>
                <strong>{styleLabel(d.style)}</strong> · {d.model} ({d.engine}) · {d.status} ·{' '}
                <time dateTime={new Date(d.createdAt).toISOString()}>{new Date(d.createdAt).toLocaleString()}</time>
                <button className="link" onClick={() => void removeDialogue(d.id)} aria-label={`Delete dialogue from ${new Date(d.createdAt).toLocaleString()}`}>
                  Delete
                </button>
              </header>
              <DialogueDetails d={d} />
              <ol className="turns">
                {d.turns.map((turn, i) => (
                  <li key={i}>
                    {turn.speaker && <b>{turn.speaker}: </b>}
                    <MathText text={turn.text} />
                  </li>
                ))}
              </ol>
              <StatsLine stats={d.stats} />
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
