import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount } from '../../shared';
import type { BackupProgress, RestoreReport } from './backupApi';
import { useBackupStore, type RestoreMode } from './backupStore';
import './backup.css';

const PHASES: Record<BackupProgress['phase'], string> = { reading: 'Reading', migrating: 'Migrating', writing: 'Writing' };

function Progress({ label, progress }: { label: string; progress: BackupProgress | null }) {
  const value = progress && progress.total > 0 ? Math.round((progress.rows / progress.total) * 100) : undefined;
  return (
    <div className="progress">
      <progress aria-label={label} max={100} value={value} />
      <span aria-live="polite">{progress ? `${PHASES[progress.phase]}: ${formatCount(progress.rows)} of ${formatCount(progress.total)} rows` : 'Starting…'}</span>
    </div>
  );
}

function RestoreSummary({ report }: { report: RestoreReport }) {
  const rows = Object.entries(report.tables).filter(([, t]) => t.inFile > 0);
  const added = rows.reduce((sum, [, t]) => sum + t.added, 0);
  const skipped = rows.reduce((sum, [, t]) => sum + t.skipped, 0);
  return (
    <section role="status" aria-label="Restore report" className="backup-report">
      <p>
        {report.mode === 'replace' ? 'The lab was replaced by the backup' : 'The backup was merged into the lab'}: {formatCount(added)} rows added
        {report.mode === 'merge' ? `, ${formatCount(skipped)} skipped because this lab already had a row with the same key` : ''}.
        {report.migrated ? ` The backup came from database version ${report.schemaVersion} and went through the migrations.` : ''}
        {report.unreadable > 0 ? ` ${formatCount(report.unreadable)} rows were already unreadable in the lab that made the backup; they were restored as they were.` : ''}
        {' '}The search index is rebuilt on the next search.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">In the backup</th>
            <th scope="col">Added</th>
            <th scope="col">Skipped</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([table, t]) => (
            <tr key={table}>
              <th scope="row">{table}</th>
              <td>{formatCount(t.inFile)}</td>
              <td>{formatCount(t.added)}</td>
              <td>{formatCount(t.skipped)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Back up the whole lab into one file, and restore one (merge or replace). */
export function BackupSection() {
  const state = useBackupStore(
    useShallow((s) => ({ busy: s.busy, progress: s.progress, backupDone: s.backupDone, restoreReport: s.restoreReport, problem: s.problem, mode: s.mode, pendingReplace: s.pendingReplace })),
  );
  const { backUp, chooseFile, setMode, confirmReplace, cancelReplace } = useBackupStore.getState();
  const fileInput = useRef<HTMLInputElement>(null);
  const { busy, progress, backupDone, restoreReport, problem, mode, pendingReplace } = state;
  return (
    <section aria-labelledby="backup-heading" className="backup-section">
      <h2 id="backup-heading">Backup and restore</h2>
      <p className="muted">
        One file holds every table of the lab: dialogues, edits, ratings, preferences, the corpus, templates, runs and settings. Remembered API keys and
        Hub tokens stay on this device. The search index is left out and rebuilt after a restore.
      </p>
      <button type="button" onClick={() => void backUp()} disabled={busy !== null}>
        Back up the lab
      </button>
      {busy === 'backup' && <Progress label="Backup progress" progress={progress} />}
      {backupDone && (
        <p role="status">
          Backed up {formatCount(backupDone.rows)} rows ({formatBytes(backupDone.bytes)}) {backupDone.kind === 'file' ? 'into' : 'as the download'} {backupDone.fileName}.
        </p>
      )}

      <fieldset disabled={busy !== null}>
        <legend>Restore from a backup</legend>
        {(['merge', 'replace'] as RestoreMode[]).map((value) => (
          <label key={value} className="backup-choice">
            <input type="radio" name="restore-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
            {value === 'merge' ? 'Merge: keep everything here, add what the backup has that this lab lacks' : 'Replace: the lab becomes exactly the backup'}
          </label>
        ))}
        <button type="button" onClick={() => fileInput.current?.click()}>
          Restore from a backup…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".jsonl,application/jsonl,application/x-ndjson,text/plain"
          aria-label="Backup file"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void chooseFile(file);
          }}
        />
      </fieldset>

      {pendingReplace && (
        <div role="alertdialog" aria-labelledby="replace-question" className="backup-confirm">
          <p id="replace-question">
            Replace everything in this lab with {pendingReplace.file.name}? Its {formatCount(pendingReplace.summary.dialogues)} dialogues,{' '}
            {formatCount(pendingReplace.summary.ratings)} ratings and {formatCount(pendingReplace.summary.documents)} corpus documents are deleted first (nothing
            changes if the file is refused).
          </p>
          <button type="button" className="danger" onClick={() => void confirmReplace()}>
            Replace the lab
          </button>
          <button type="button" onClick={cancelReplace}>
            Cancel
          </button>
        </div>
      )}
      {busy === 'restore' && <Progress label="Restore progress" progress={progress} />}
      {problem && (
        <p role="alert" className="field-problem">
          {problem}
        </p>
      )}
      {restoreReport && <RestoreSummary report={restoreReport} />}
    </section>
  );
}
