import './studio.css';
import { useEffect } from 'react';
import { LATEST } from '../../core/templates';
import { Problem, useLiveQuery, type PageProps } from '../shared';
import { studioApi } from './api';
import { NewTemplateForm } from './components/NewTemplateForm';
import { PreviewPanel } from './components/PreviewPanel';
import { TemplateEditor } from './components/TemplateEditor';
import { TemplateList } from './components/TemplateList';
import { VersionHistory } from './components/VersionHistory';
import { checkFields } from './preview';
import { fieldsOf, studioView, useStudioStore } from './studioStore';

/** The prompt studio: templates and their immutable versions, an editor, a diff between versions and a live preview. */
export function StudioPage({ models, handoff }: PageProps) {
  const { selectedId, drafts, creating, newTemplate, problem, notice } = useStudioStore();
  const { dismiss } = useStudioStore.getState();
  useEffect(() => {
    void studioView.restore();
  }, []);
  const listed = useLiveQuery(() => studioApi.listTemplates(), []);
  const templates = listed.status === 'ready' ? listed.value.templates : [];
  const template = templates.find((t) => t.id === selectedId) ?? templates[0];
  const versionsResult = useLiveQuery(async () => (template ? studioApi.listVersions(template.id) : []), [template?.id]);
  // Right after a switch the previous template's versions are still the last result: never mix them in.
  const versions = versionsResult.status === 'ready' && template ? versionsResult.value.filter((v) => v.templateId === template.id) : [];
  const forkedFrom = template?.forkedFrom ?? null;
  const origin = useLiveQuery(async () => (forkedFrom ? studioApi.getVersion(forkedFrom) : null), [forkedFrom]);
  const latest = template ? versions.find((v) => v.id === template.labels[LATEST]) : undefined;
  const draft = template ? drafts[template.id] : undefined;
  const base = (draft && versions.find((v) => v.id === draft.baseVersionId)) ?? latest;
  const editedFields = draft ?? (latest ? fieldsOf(latest.content) : null);
  // The preview follows whatever is being written: the new template while its form is open, else the editor.
  const previewFields = creating ? newTemplate : editedFields;

  return (
    <div className="studio">
      <TemplateList templates={templates} selectedId={template?.id ?? null} />
      <div className="studio-main">
        {listed.status === 'error' && <Problem message={`The templates could not be read: ${listed.message}`} hint="Reload the page; if it persists, export your templates from another tab." />}
        {listed.status === 'ready' &&
          listed.value.problems.map((p) => (
            <p key={p.id} className="field-problem">
              Template {p.id} is unreadable and left out: {p.message}
            </p>
          ))}
        {problem && <Problem {...problem} onDismiss={dismiss} />}
        {notice && (
          <p role="status" className="studio-notice">
            {notice}{' '}
            <button type="button" className="link" onClick={dismiss}>
              Dismiss
            </button>
          </p>
        )}
        {creating ? (
          <NewTemplateForm />
        ) : template && latest && base && editedFields ? (
          <TemplateEditor template={template} latest={latest} base={base} draft={draft} fields={editedFields} onUseInGenerate={handoff.useTemplateInGenerate} />
        ) : (
          <p className="muted">{listed.status === 'loading' || template ? 'Loading templates…' : 'No templates yet: press New template.'}</p>
        )}
        {previewFields && <PreviewPanel content={checkFields(previewFields).content} targets={models.targets} />}
        {template && latest && <VersionHistory template={template} versions={versions} latest={latest} origin={origin.status === 'ready' && origin.value?.id === forkedFrom ? origin.value : null} />}
      </div>
    </div>
  );
}
