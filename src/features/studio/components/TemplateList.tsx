import { useId } from 'react';
import type { TemplateRecord } from '../../../core/templates';
import { useStudioStore } from '../studioStore';

interface TemplateListProps {
  templates: readonly TemplateRecord[];
  selectedId: string | null;
}

/** Built-ins first, then the user's own; plus the ways to add one: from scratch or from a file. */
export function TemplateList({ templates, selectedId }: TemplateListProps) {
  const id = useId();
  const { select, openNewTemplate, importFile } = useStudioStore.getState();
  return (
    <section className="card studio-list" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Templates</h2>
      <div className="row studio-list-actions">
        <button type="button" className="primary" onClick={() => openNewTemplate(true)}>
          New template
        </button>
        <label className="studio-import">
          Import template
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              // Cleared so choosing the same file again imports it again (as a copy).
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      <ul className="plain-list studio-templates" aria-label="Templates">
        {templates.map((template) => (
          <li key={template.id}>
            <button type="button" aria-current={template.id === selectedId ? 'true' : undefined} onClick={() => select(template.id)}>
              <span className="studio-template-name">{template.name}</span>
              {template.builtIn && <span className="studio-tag">built in</span>}
              {template.labels.approved && <span className="studio-tag approved">approved</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
