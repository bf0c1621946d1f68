import { useId } from 'react';
import { APPROVED, LATEST, type TemplateRecord, type TemplateVersionRecord } from '../../../core/templates';
import { useStudioStore } from '../studioStore';
import { VersionDiff } from './VersionDiff';

interface VersionHistoryProps {
  template: TemplateRecord;
  /** Newest first. */
  versions: readonly TemplateVersionRecord[];
  latest: TemplateVersionRecord;
  origin: TemplateVersionRecord | null;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every saved version with its labels; labels move, versions never change. */
export function VersionHistory({ template, versions, latest, origin }: VersionHistoryProps) {
  const id = useId();
  const { setApproved, revert, fork } = useStudioStore.getState();
  const labelsOf = (version: TemplateVersionRecord) =>
    Object.entries(template.labels)
      .filter(([, versionId]) => versionId === version.id)
      .map(([label]) => label)
      .sort((a, b) => (a === LATEST ? -1 : b === LATEST ? 1 : a.localeCompare(b)));
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Versions</h2>
      <div className="studio-table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Hash</th>
              <th scope="col">Note</th>
              <th scope="col">Saved</th>
              <th scope="col">Labels</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => {
              const labels = labelsOf(version);
              return (
                <tr key={version.id}>
                  <th scope="row">v{version.number}</th>
                  <td>
                    <code title={version.hash}>{version.hash.slice(0, 8)}</code>
                  </td>
                  <td>{version.note}</td>
                  <td>
                    <time dateTime={new Date(version.createdAt).toISOString()}>{timeFormat.format(version.createdAt)}</time>
                  </td>
                  <td>
                    {labels.map((label) => (
                      <span key={label} className={`studio-tag ${label === APPROVED ? 'approved' : ''}`}>
                        {label}
                      </span>
                    ))}
                  </td>
                  <td className="studio-row-actions">
                    <button type="button" disabled={template.builtIn || labels.includes(APPROVED)} onClick={() => void setApproved(template, version)}>
                      Set approved
                    </button>
                    <button type="button" disabled={template.builtIn || version.id === latest.id} onClick={() => void revert(template, latest, version)}>
                      Revert to this
                    </button>
                    <button type="button" onClick={() => void fork(template, version)}>
                      Fork
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {template.builtIn && <p className="muted">Built-in labels and history never change: fork it to save versions and move labels.</p>}
      <VersionDiff versions={versions} origin={origin} />
    </section>
  );
}
