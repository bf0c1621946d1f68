import { useEffect, useId, useRef } from 'react';
import type { QuickRating } from './api';
import { PromptMessages, SamplingTerms } from '../shared';
import { CellStats } from './CellStats';
import { useCompareStore } from './compareStore';
import { columnLabel, columnKeyOf } from './grid';
import { RatingControls } from './RatingControls';

/**
 * One cell as a full dialogue, in a modal <dialog>: the browser moves focus into it, Escape closes it and focus
 * returns to the cell's Open button.
 */
export function CellDialog({ ratings }: { ratings: ReadonlyMap<string, QuickRating> }) {
  const headingId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const openItemId = useCompareStore((s) => s.openItemId);
  const grid = useCompareStore((s) => s.grid);
  const cell = useCompareStore((s) => (s.openItemId ? s.cells[s.openItemId] : undefined));
  const openCell = useCompareStore((s) => s.openCell);
  const item = grid?.items.find((i) => i.id === openItemId);
  const column = item && grid?.columns.find((c) => c.key === columnKeyOf(item.templateVersionId, item.modelKey, item.presetId));
  const row = item && grid?.rows.find((r) => r.key === item.excerptKey);
  const visible = Boolean(item && column && row && cell);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (visible && !dialog.open) dialog.showModal();
    if (!visible && dialog.open) dialog.close();
  }, [visible]);

  const dialogue = cell?.status === 'done' ? cell.dialogue : null;
  const text = cell && 'text' in cell ? cell.text : '';
  const label = row && column ? `Row ${row.number}, ${columnLabel(column)}` : '';
  return (
    <dialog ref={ref} className="cell-dialog" aria-labelledby={headingId} onClose={() => openCell(null)}>
      {item && column && row && cell && (
        <>
          <header className="cell-dialog-header">
            <h2 id={headingId}>{label}</h2>
            <button type="button" onClick={() => ref.current?.close()} autoFocus>
              Close
            </button>
          </header>
          <section aria-label="Dialogue">
            <h3>Dialogue</h3>
            {dialogue && dialogue.turns.length > 0 ? (
              <ol className="turns">
                {dialogue.turns.map((turn, i) => (
                  <li key={i}>
                    {turn.speaker && <b>{turn.speaker}: </b>}
                    <span>{turn.text}</span>
                  </li>
                ))}
              </ol>
            ) : (
              <pre className="cell-text">{text || (cell.status === 'failed' ? '' : 'No text yet.')}</pre>
            )}
            {cell.status === 'failed' && (
              <div className="cell-error">
                <strong>{cell.error.message}</strong> {cell.error.hint}
              </div>
            )}
            {dialogue && <CellStats dialogue={dialogue} />}
            {dialogue && <RatingControls dialogueId={dialogue.id} rating={ratings.get(dialogue.id)} label={label} />}
          </section>
          <section aria-label="Model and settings">
            <h3>Model and settings</h3>
            <dl className="cell-settings">
              <dt>Model</dt>
              <dd>
                {column.model.modelName} ({column.model.engine})
              </dd>
              <dt>Template</dt>
              <dd>
                {column.version.templateName} v{column.version.number} · {column.version.hash.slice(0, 12)}
              </dd>
              <dt>Preset</dt>
              <dd>{column.preset.label}</dd>
              <SamplingTerms params={item.params} />
              {dialogue && (
                <>
                  <dt>Saved as</dt>
                  <dd>
                    {dialogue.id} ({dialogue.status})
                  </dd>
                </>
              )}
            </dl>
          </section>
          <details>
            <summary>Excerpt</summary>
            <pre className="cell-text">{row.excerpt.text}</pre>
          </details>
          {dialogue && (
            <details>
              <summary>Prompt</summary>
              <PromptMessages prompt={dialogue.prompt} preClassName="cell-text" />
            </details>
          )}
          {dialogue && (
            <details>
              <summary>Raw output</summary>
              <pre className="cell-text">{dialogue.rawOutput}</pre>
            </details>
          )}
        </>
      )}
    </dialog>
  );
}
