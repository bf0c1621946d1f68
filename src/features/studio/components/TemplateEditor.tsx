import { useId } from 'react';
import type { TemplateRecord, TemplateVersionRecord } from '../../../core/templates';
import { checkFields, type TemplateFields } from '../preview';
import { useStudioStore, type Draft } from '../studioStore';
import { SaveProblems, TemplateFieldsEditor } from './TemplateFieldsEditor';

interface TemplateEditorProps {
  template: TemplateRecord;
  latest: TemplateVersionRecord;
  /** The version the draft started from; the latest when nothing is edited. */
  base: TemplateVersionRecord;
  draft: Draft | undefined;
  fields: TemplateFields;
  onUseInGenerate(templateId: string): void;
}

/** Edits the latest version; saving writes a new immutable version on top of the one the edit started from. */
export function TemplateEditor({ template, latest, base, draft, fields, onUseInGenerate }: TemplateEditorProps) {
  const id = useId();
  const { editDraft, discardDraft, rebaseDraft, saveDraft, fork, exportTemplate } = useStudioStore.getState();
  const { content, problems } = checkFields(fields);
  const stale = draft !== undefined && draft.baseVersionId !== latest.id;
  const canSave = problems.length === 0 && (draft !== undefined || template.builtIn);
  const save = () => void saveDraft(template, base, content, draft?.note ?? '');
  return (
    <section
      className="card"
      aria-labelledby={`${id}-heading`}
      onKeyDown={(e) => {
        // Ctrl+S (⌘S) saves from any field, as in an editor, instead of saving the web page.
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          if (canSave) save();
        }
      }}
    >
      <div className="studio-editor-head">
        <h2 id={`${id}-heading`}>{template.name}</h2>
        <span className="muted" aria-label="Latest version">
          v{latest.number} · {latest.hash.slice(0, 8)}
        </span>
        {template.builtIn && <span className="studio-tag">built in</span>}
        <div className="studio-editor-actions">
          <button type="button" onClick={() => void fork(template, latest)}>
            Fork
          </button>
          <button type="button" onClick={() => void exportTemplate(template)}>
            Export
          </button>
          <button type="button" onClick={() => onUseInGenerate(template.id)}>
            Use in Generate
          </button>
        </div>
      </div>
      {template.description && <p className="muted">{template.description}</p>}
      {template.forkedFrom && <p className="muted">Forked from {template.forkedFrom}.</p>}
      {template.builtIn && <p className="muted">Built in: never overwritten. Try edits here and in the preview, then fork it to save your own versions.</p>}
      {stale && (
        <div className="studio-stale" role="status">
          <span>
            You are editing from v{base.number}; v{latest.number} was saved since (in another tab?). Your text replaces it as written: compare
            v{latest.number} in Versions first, or discard your edits.
          </span>
          <button type="button" onClick={() => rebaseDraft(template.id, latest)}>
            Keep my edits on the latest version
          </button>
        </div>
      )}
      <TemplateFieldsEditor fields={fields} onChange={(patch) => editDraft(template.id, latest, patch)} />
      <label>
        Version note
        <input type="text" value={draft?.note ?? ''} placeholder="What changed and why" onChange={(e) => editDraft(template.id, latest, { note: e.target.value })} />
      </label>
      <SaveProblems id={`${id}-problems`} problems={problems} />
      <div className="row actions">
        <button
          type="button"
          className="primary"
          // Nothing to save until something is edited; a built-in still answers why it cannot be saved.
          disabled={!canSave}
          aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
          aria-keyshortcuts="Control+S"
          onClick={save}
        >
          Save version
        </button>
        <button type="button" disabled={!draft} onClick={() => discardDraft(template.id)}>
          Discard edits
        </button>
        {draft && !stale && <span className="muted">Unsaved edits on v{base.number} (Ctrl+S saves).</span>}
      </div>
    </section>
  );
}
