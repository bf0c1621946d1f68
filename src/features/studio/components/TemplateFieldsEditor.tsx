import { useId } from 'react';
import { contextPlacement, flipContextPlacement } from '../../../core/templates';
import type { TemplateFields } from '../preview';

interface TemplateFieldsEditorProps {
  fields: TemplateFields;
  onChange(patch: Partial<TemplateFields>): void;
}

/** Style, system, user and variables of one template version, used by both the editor and the new-template form. */
export function TemplateFieldsEditor({ fields, onChange }: TemplateFieldsEditorProps) {
  const id = useId();
  const placement = contextPlacement(fields.user);
  const other = placement === 'before' ? 'after' : 'before';
  const canFlip = fields.user !== flipContextPlacement(fields.user);
  return (
    <div className="studio-fields">
      <label>
        Style label
        <input type="text" value={fields.style} placeholder="e.g. qa-baseline" onChange={(e) => onChange({ style: e.target.value })} />
      </label>
      <label>
        System message
        <textarea rows={3} value={fields.system} placeholder="Optional; left out when empty." onChange={(e) => onChange({ system: e.target.value })} />
      </label>
      <label>
        User message
        <textarea
          rows={9}
          value={fields.user}
          placeholder={'Context:\n{{context}}\n\nRewrite the context as …'}
          aria-describedby={`${id}-placement`}
          onChange={(e) => onChange({ user: e.target.value })}
        />
      </label>
      <div className="row studio-placement">
        <span id={`${id}-placement`} className="muted">
          {fields.user.includes('{{') ? `Context is ${placement} the instruction.` : 'Put {{context}} where the excerpt goes.'}
        </span>
        <button type="button" disabled={!canFlip} onClick={() => onChange({ user: flipContextPlacement(fields.user) })}>
          Move context {other}
        </button>
      </div>
      <label>
        Variables (name=value, one a line)
        <textarea rows={3} value={fields.variablesText} placeholder="speakerA=Student" onChange={(e) => onChange({ variablesText: e.target.value })} />
      </label>
    </div>
  );
}

/** Why a template cannot be saved, listed beside the disabled button that it explains. */
export function SaveProblems({ id, problems }: { id: string; problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="studio-problems" aria-label="Why it cannot be saved">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}
