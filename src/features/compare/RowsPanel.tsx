import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLiveQuery, valueOr } from '../shared';
import { compareApi } from './api';
import { useCompareStore, type RowsMode } from './compareStore';
import { MAX_ROWS, rowsProblem } from './grid';

const MODES: { id: RowsMode; label: string }[] = [
  { id: 'paste', label: 'Paste' },
  { id: 'working-set', label: 'Working set' },
  { id: 'sample', label: 'Corpus sample' },
];

const firstLine = (text: string) => {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 90 ? `${line.slice(0, 90)}…` : line;
};

/** Rows: the excerpts every column generates from. */
export function RowsPanel() {
  const id = useId();
  const { rowsMode, pasteText, rows, rowsOrigin, rowsNotice, running } = useCompareStore(
    useShallow((s) => ({ rowsMode: s.rowsMode, pasteText: s.pasteText, rows: s.rows, rowsOrigin: s.rowsOrigin, rowsNotice: s.rowsNotice, running: s.running })),
  );
  const { setRowsMode, setPasteText, loadWorkingSet, drawSample } = useCompareStore.getState();
  const workingSets = valueOr(useLiveQuery(() => compareApi.listWorkingSets(), []), []);
  const [workingSetId, setWorkingSetId] = useState('');
  const [sampleSize, setSampleSize] = useState(5);
  const [sampleSeed, setSampleSeed] = useState(1);
  const problem = rowsProblem(rows.length);
  const chosenSet = workingSets.find((w) => w.id === workingSetId);

  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>Rows: excerpts</h2>
      <fieldset className="compare-modes" disabled={running}>
        <legend>Take excerpts from</legend>
        {[...MODES, ...(rowsMode === 'sent' ? [{ id: 'sent' as const, label: 'Sent from another area' }] : [])].map((mode) => (
          <label key={mode.id} className="inline">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode.id}
              checked={rowsMode === mode.id}
              onChange={() => {
                setWorkingSetId('');
                setRowsMode(mode.id);
              }}
            />
            {mode.label}
          </label>
        ))}
      </fieldset>

      {rowsMode === 'paste' && (
        <label>
          Excerpts (separate them with a blank line; {MAX_ROWS} at most)
          <textarea rows={6} value={pasteText} disabled={running} onChange={(e) => setPasteText(e.target.value)} placeholder={'First excerpt…\n\nSecond excerpt…'} />
        </label>
      )}

      {rowsMode === 'working-set' && (
        <div className="row">
          <label>
            Working set
            <select
              value={workingSetId}
              disabled={running || workingSets.length === 0}
              onChange={(e) => {
                setWorkingSetId(e.target.value);
                const set = workingSets.find((w) => w.id === e.target.value);
                if (set) void loadWorkingSet(set.id, set.name);
              }}
            >
              <option value="">{workingSets.length === 0 ? 'No working sets yet (make one on the Corpus tab)' : 'Choose a working set…'}</option>
              {workingSets.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.excerptIds.length})
                </option>
              ))}
            </select>
          </label>
          {chosenSet && chosenSet.excerptIds.length > MAX_ROWS && <span className="muted">Too big for the grid: draw a sample instead, or start a run.</span>}
        </div>
      )}

      {rowsMode === 'sample' && (
        <form
          className="row"
          // Our own message says what is wrong with the size; the browser's tooltip would not.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void drawSample(sampleSize, sampleSeed);
          }}
        >
          <label>
            Excerpts to draw
            <input type="number" min={1} max={MAX_ROWS} value={Number.isFinite(sampleSize) ? sampleSize : ''} onChange={(e) => setSampleSize(e.target.valueAsNumber)} />
          </label>
          <label>
            Sample seed
            <input type="number" value={Number.isFinite(sampleSeed) ? sampleSeed : ''} onChange={(e) => setSampleSeed(e.target.valueAsNumber)} />
          </label>
          <button type="submit" disabled={running}>
            Draw sample
          </button>
          <span className="muted">From the current chunk set of every corpus source.</span>
        </form>
      )}

      {rowsNotice && <p className="problem" role="status">{rowsNotice}</p>}
      {rows.length > 0 && (
        <details className="compare-rows" open={rowsMode === 'sent' || undefined}>
          <summary>
            {rowsOrigin}
          </summary>
          <ol>
            {rows.map((row, i) => (
              <li key={i}>{firstLine(row.text)}</li>
            ))}
          </ol>
        </details>
      )}
      {problem && !rowsNotice && (rows.length > 0 || rowsMode === 'paste' || rowsMode === 'sent') && (
        <p className="muted" role="status">
          {problem}
        </p>
      )}
    </section>
  );
}
