import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Problem, type PageProps } from '../shared';
import { formatCount } from '../shared';
import { BackupSection } from './backup';
import { blobTree, HubSection } from './hub';
import { RecipeSection } from './recipe';
import { useExportStore } from './exportStore';
import { FormatFields } from './FormatFields';
import { hasFilePicker } from './saveFile';
import { SelectionFields } from './SelectionFields';
import './export.css';

function ExportProgressBar() {
  const { progress, cancel } = useExportStore(useShallow((s) => ({ progress: s.progress, cancel: s.cancel })));
  if (!progress) return null;
  const value = progress.totalRows > 0 ? Math.round((progress.rowsWritten / progress.totalRows) * 100) : undefined;
  return (
    <div className="progress export-progress">
      <progress aria-label="Export progress" max={100} value={value} />
      <span aria-live="polite">
        {progress.file ? `${progress.file}: ` : 'Starting… '}
        {formatCount(progress.rowsWritten)} of {formatCount(progress.totalRows)} rows written
      </span>
      <button type="button" onClick={cancel}>Cancel</button>
    </div>
  );
}

/** Curated dialogues in the formats trainers read, with provenance and a dataset card, saved as a stream. */
function ExportSection({ active }: { active: boolean }) {
  const s = useExportStore();
  const { load } = s;
  useEffect(() => {
    // Reviews change while the tab is hidden: read the facets again each time it is shown.
    if (active) void load();
  }, [active, load]);
  return (
    <section aria-labelledby="export-title" className="export-area">
      <h2 id="export-title">Export dialogues</h2>
      {s.notice && <Problem message={s.notice.message} hint={s.notice.hint} onDismiss={() => useExportStore.setState({ notice: null })} />}
      {!s.data ? (
        <p>{s.loading ? 'Reading the dialogues…' : 'No dialogues read yet.'}</p>
      ) : (
        <>
          {s.data.loaded.unreadable > 0 && <p className="muted">{formatCount(s.data.loaded.unreadable)} stored dialogues no longer validate and are left out.</p>}
          <SelectionFields facets={s.data.loaded.facets} selection={s.selection} onChange={s.setSelection} />
          <FormatFields
            formats={s.formats}
            text={s.text}
            roles={s.roles}
            card={s.card}
            prettyName={s.prettyName}
            onFormat={s.toggleFormat}
            onText={s.setText}
            onRoles={s.setRoles}
            onCard={s.setCard}
            onPrettyName={s.setPrettyName}
          />
          <fieldset>
            <legend>Save with</legend>
            <label>
              <input type="radio" name="export-save" checked={s.saveWith === 'picker'} disabled={!hasFilePicker()} onChange={() => s.setSaveWith('picker')} />
              File picker (written straight to disk){hasFilePicker() ? '' : ': not in this browser'}
            </label>
            <label>
              <input type="radio" name="export-save" checked={s.saveWith === 'download'} onChange={() => s.setSaveWith('download')} />
              Browser download
            </label>
          </fieldset>
          <div className="export-row">
            <button type="button" className="primary" disabled={s.progress !== null} onClick={() => void s.start()}>
              Export
            </button>
          </div>
          <ExportProgressBar />
          {s.done && (
            <section role="status" aria-label="Export finished" className="export-done">
              <p>Saved {s.done.fileName}:</p>
              <ul>
                {s.done.files.map((file) => (
                  <li key={file.path}>
                    <code>{file.path}</code> · {formatCount(file.rows)} rows
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}

/** The Hub upload takes the export as chosen above, written into blobs instead of a file. */
async function buildHubFiles(onProgress: (text: string) => void) {
  const tree = blobTree();
  await useExportStore.getState().writeTo(tree, onProgress);
  return tree.files;
}

export function ExportPage({ active }: PageProps) {
  return (
    <div className="export-page">
      <ExportSection active={active} />
      {/* The other parts of this area: the Hub upload of this export, the recipe, backup and restore. */}
      <HubSection buildFiles={buildHubFiles} />
      <RecipeSection active={active} />
      <BackupSection />
    </div>
  );
}
