import { useId } from 'react';
import { diffVersions, type TemplateVersionRecord } from '../../../core/templates';
import { useStudioStore } from '../studioStore';

const FIELD_NAMES = { style: 'Style', system: 'System message', user: 'User message', variables: 'Variables' } as const;

interface VersionDiffProps {
  /** This template's versions, newest first. */
  versions: readonly TemplateVersionRecord[];
  /** The version a fork was made from, in another template, so a fork can be compared with where it came from. */
  origin: TemplateVersionRecord | null;
}

/** A line diff per field between any two versions: added lines in <ins>, removed ones in <del>. */
export function VersionDiff({ versions, origin }: VersionDiffProps) {
  const id = useId();
  const { diffFrom, diffTo } = useStudioStore();
  const { setDiff } = useStudioStore.getState();
  const choices = origin ? [...versions, origin] : versions;
  // By default, what the newest save changed (for a fresh fork: what it changed from its origin).
  const from = choices.find((v) => v.id === diffFrom) ?? versions[1] ?? origin ?? versions[0];
  const to = choices.find((v) => v.id === diffTo) ?? versions[0];
  if (!from || !to) return null;
  const fields = diffVersions(from.content, to.content);
  const unchanged = fields.filter((f) => !f.changed).map((f) => FIELD_NAMES[f.field]);
  const nameOf = (version: TemplateVersionRecord) => (version === origin ? `origin ${version.id}` : `v${version.number}`);
  const option = (version: TemplateVersionRecord) => (
    <option key={version.id} value={version.id}>
      {nameOf(version)}
      {version.note ? ` · ${version.note}` : ''}
    </option>
  );
  return (
    <div className="studio-diff">
      <h3>Compare versions</h3>
      <div className="row">
        {/* Label beside, not around, the select: a wrapping label would take in the chosen option's text. */}
        <div className="studio-field">
          <label htmlFor={`${id}-from`}>From</label>
          <select id={`${id}-from`} value={from.id} onChange={(e) => setDiff({ from: e.target.value })}>
            {choices.map(option)}
          </select>
        </div>
        <div className="studio-field">
          <label htmlFor={`${id}-to`}>To</label>
          <select id={`${id}-to`} value={to.id} onChange={(e) => setDiff({ to: e.target.value })}>
            {choices.map(option)}
          </select>
        </div>
      </div>
      <div role="region" aria-label="Diff" aria-describedby={`${id}-summary`} className="studio-diff-body">
        <p id={`${id}-summary`} className="muted">
          {from.id === to.id
            ? `${nameOf(from)} compared with itself: nothing differs.`
            : unchanged.length === fields.length
              ? `${nameOf(from)} and ${nameOf(to)} say the same.`
              : `From ${nameOf(from)} to ${nameOf(to)}.${unchanged.length ? ` Unchanged: ${unchanged.join(', ')}.` : ''}`}
        </p>
        {fields
          .filter((f) => f.changed)
          .map((field) => (
            <section key={field.field} aria-label={FIELD_NAMES[field.field]}>
              <h4>{FIELD_NAMES[field.field]}</h4>
              <pre className="studio-diff-text">
                {field.parts.map((part, index) =>
                  part.added ? (
                    <ins key={index}>{part.value}</ins>
                  ) : part.removed ? (
                    <del key={index}>{part.value}</del>
                  ) : (
                    <span key={index}>{part.value}</span>
                  ),
                )}
              </pre>
            </section>
          ))}
      </div>
    </div>
  );
}
