import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HubFile, HubUploadReport } from './hubApi';
import { useHubStore, type BuildHubFiles } from './hubStore';
import './hub.css';

const STAGES = {
  building: 'Building the export files',
  token: 'Checking the token',
  create: 'Creating the dataset repo',
  upload: 'Uploading the files',
  commit: 'Committing the files',
} as const;

/** A link only to a web address: the Hub's answers are data, not trusted markup. */
const webHref = (url: string | null) => (url && /^https?:\/\//.test(url) ? url : undefined);

function FileList({ label, paths }: { label: string; paths: string[] }) {
  if (paths.length === 0) return null;
  return (
    <>
      <p>{label}</p>
      <ul aria-label={label}>
        {paths.map((path) => (
          <li key={path}>
            <code>{path}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

function Report({ report }: { report: HubUploadReport }) {
  const repoLink = <a href={webHref(report.repoUrl)} target="_blank" rel="noreferrer noopener">{report.repo}</a>;
  if (report.ok) {
    return (
      <section role="status" aria-label="Hub upload report" className="hub-report">
        <p>
          Uploaded {report.uploaded.length} file{report.uploaded.length === 1 ? '' : 's'} to {repoLink} in one commit
          {report.repoState === 'created' ? ' (the repo was created)' : ' (the repo existed)'}.{' '}
          {report.commitUrl && (
            <a href={webHref(report.commitUrl)} target="_blank" rel="noreferrer noopener">
              See the commit
            </a>
          )}
        </p>
        <FileList label="On the Hub now" paths={report.uploaded} />
      </section>
    );
  }
  return (
    <section role="alert" aria-label="Hub upload report" className="hub-report hub-report-failed">
      <p>
        <strong>Nothing from this upload is on the Hub.</strong> {report.error}
      </p>
      <p>
        {report.repoState === 'not-created'
          ? 'No repo was created.'
          : <>The repo {repoLink} {report.repoState === 'created' ? 'was created' : 'existed already'}; the commit that would have added the files did not happen.</>}
      </p>
      <FileList label="Not uploaded" paths={report.notUploaded} />
      {report.repoState !== 'not-created' &&
        (report.onHubNow === null ? (
          <p>The Hub could not be asked what the repo holds now: check it on the Hub.</p>
        ) : report.onHubNow.length === 0 ? (
          <p>The repo on the Hub holds no files.</p>
        ) : (
          <FileList label="The repo holds these files from earlier commits" paths={report.onHubNow} />
        ))}
    </section>
  );
}

/**
 * Upload to a Hugging Face dataset repo: the Export page's files when it passes `buildFiles`, or files picked here
 * (an export downloaded earlier, say).
 */
export function HubSection({ buildFiles }: { buildFiles?: BuildHubFiles }) {
  const s = useHubStore(
    useShallow((state) => ({
      hubUrl: state.hubUrl, repo: state.repo, isPrivate: state.private, token: state.token, remember: state.remember,
      busy: state.busy, stage: state.stage, buildText: state.buildText, files: state.files, report: state.report, problem: state.problem,
    })),
  );
  const { set, upload, load } = useHubStore.getState();
  const ids = useId();
  useEffect(() => {
    void load();
  }, [load]);

  const pickFiles = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    // A picked folder keeps its layout below the folder itself (data/train-….parquet stays under data/).
    const files: HubFile[] = [...list].map((file) => ({ path: file.webkitRelativePath ? file.webkitRelativePath.split('/').slice(1).join('/') : file.name, content: file }));
    void upload(files);
  };

  return (
    <section aria-labelledby={`${ids}-heading`} className="hub-section">
      <h2 id={`${ids}-heading`}>Upload to the Hugging Face Hub</h2>
      <fieldset disabled={s.busy}>
        <legend>Dataset repo</legend>
        <label>
          Dataset repo
          <input type="text" value={s.repo} placeholder="mind-dialogues or namespace/name" onChange={(e) => set({ repo: e.target.value })} spellCheck={false} />
        </label>
        <label className="hub-choice">
          <input type="checkbox" checked={s.isPrivate} onChange={(e) => set({ private: e.target.checked })} />
          Private
        </label>
        <label>
          Hugging Face token
          <input type="password" value={s.token} autoComplete="off" placeholder="hf_…" onChange={(e) => set({ token: e.target.value })} />
        </label>
        <label className="hub-choice">
          <input type="checkbox" checked={s.remember} onChange={(e) => set({ remember: e.target.checked })} />
          Remember the token on this device (kept unencrypted in this browser, never in a backup)
        </label>
        <details>
          <summary>Hub address</summary>
          <label>
            Hub URL
            <input type="url" value={s.hubUrl} onChange={(e) => set({ hubUrl: e.target.value })} spellCheck={false} />
          </label>
        </details>
      </fieldset>
      <div className="hub-actions">
        {buildFiles && (
          <button type="button" className="primary" disabled={s.busy} onClick={() => void upload(buildFiles)}>
            Upload the export to the Hub
          </button>
        )}
        <label className="hub-pick">
          Upload files…
          <input
            type="file"
            multiple
            disabled={s.busy}
            onChange={(event) => {
              pickFiles(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
      </div>
      {s.busy && (
        <div className="hub-progress" aria-live="polite">
          <p>{s.stage ? STAGES[s.stage] : 'Starting'}…{s.stage === 'building' && s.buildText ? ` ${s.buildText}` : ''}</p>
          {s.files.map((file) => (
            <div key={file.path} className="progress">
              <progress aria-label={file.path} max={1} value={file.progress} />
              <span>
                <code>{file.path}</code> {file.state === 'hashing' ? 'hashing' : `${Math.round(file.progress * 100)}%`}
              </span>
            </div>
          ))}
        </div>
      )}
      {s.problem && (
        <p role="alert" className="field-problem">
          {s.problem}
        </p>
      )}
      {s.report && <Report report={s.report} />}
    </section>
  );
}
