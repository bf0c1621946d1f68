import { useId } from 'react';
import { checkFields } from '../preview';
import { useStudioStore } from '../studioStore';
import { SaveProblems, TemplateFieldsEditor } from './TemplateFieldsEditor';

/** A user's own template from scratch: its first version is saved only when it is valid. */
export function NewTemplateForm() {
  const id = useId();
  const fields = useStudioStore((s) => s.newTemplate);
  const { editNewTemplate, openNewTemplate, createNew } = useStudioStore.getState();
  const { content, problems } = checkFields(fields);
  const allProblems = fields.name.trim() ? problems : ['Give the template a name.', ...problems];
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>New template</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (allProblems.length === 0) void createNew(content);
        }}
      >
        <label>
          Name
          <input type="text" value={fields.name} onChange={(e) => editNewTemplate({ name: e.target.value })} />
        </label>
        <TemplateFieldsEditor fields={fields} onChange={editNewTemplate} />
        <SaveProblems id={`${id}-problems`} problems={allProblems} />
        <div className="row actions">
          <button type="submit" className="primary" disabled={allProblems.length > 0} aria-describedby={allProblems.length > 0 ? `${id}-problems` : undefined}>
            Create template
          </button>
          <button type="button" onClick={() => openNewTemplate(false)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
