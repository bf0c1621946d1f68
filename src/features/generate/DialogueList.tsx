import { STYLES, STYLE_IDS, type StyleId } from '../../core/styles';
import { useGenerateStore } from './generateStore';
import { StatsLine } from './StatsLine';

const styleLabel = (style: string) => ((STYLE_IDS as readonly string[]).includes(style) ? STYLES[style as StyleId].label : style);

export function DialogueList() {
  const dialogues = useGenerateStore((s) => s.dialogues);
  const storageProblems = useGenerateStore((s) => s.storageProblems);
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
              <details>
                <summary>Excerpt</summary>
                <pre>{d.excerptText}</pre>
              </details>
              <ol className="turns">
                {d.turns.map((turn, i) => (
                  <li key={i}>
                    {turn.speaker && <b>{turn.speaker}: </b>}
                    <span>{turn.text}</span>
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
