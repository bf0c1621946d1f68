import { useState } from 'react';
import { chatRoleSchema, EXPORT_FORMATS, type ExportChatRole, type ExportFormat, type RoleMap, type TextOptions } from '../../core/export';

const FORMAT_LABELS: Record<ExportFormat, string> = {
  jsonl: 'Pretraining JSONL {"text"}',
  chat: 'Chat JSONL {"messages"}',
  sharegpt: 'ShareGPT JSONL {"conversations"}',
  dpo: 'Preference pairs {"prompt", "chosen", "rejected"}',
  parquet: 'Parquet (data/train-*.parquet)',
  nemotron: 'Nemotron-MIND layout (a folder per style)',
};
const ROLES = chatRoleSchema.options;

/** "Teacher=assistant" lines as a map; lines that are not NAME=ROLE are named. */
function parseSpeakerRoles(text: string): { map: Record<string, ExportChatRole>; bad: string[] } {
  const map: Record<string, ExportChatRole> = {};
  const bad: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.lastIndexOf('=');
    const role = chatRoleSchema.safeParse(line.slice(at + 1).trim());
    if (at <= 0 || !role.success) bad.push(line);
    else map[line.slice(0, at).trim()] = role.data;
  }
  return { map, bad };
}

interface FormatFieldsProps {
  formats: ExportFormat[];
  text: TextOptions;
  roles: RoleMap;
  card: boolean;
  prettyName: string;
  onFormat(format: ExportFormat, on: boolean): void;
  onText(patch: Partial<TextOptions>): void;
  onRoles(patch: Partial<RoleMap>): void;
  onCard(card: boolean): void;
  onPrettyName(name: string): void;
}

export function FormatFields(props: FormatFieldsProps) {
  const [speakerText, setSpeakerText] = useState(() => Object.entries(props.roles.bySpeaker).map(([name, role]) => `${name}=${role}`).join('\n'));
  const { bad } = parseSpeakerRoles(speakerText);
  return (
    <section aria-labelledby="export-formats-title" className="export-section">
      <h3 id="export-formats-title">Formats</h3>
      <fieldset>
        <legend>Files</legend>
        {EXPORT_FORMATS.map((format) => (
          <label key={format}>
            <input type="checkbox" checked={props.formats.includes(format)} onChange={(e) => props.onFormat(format, e.target.checked)} />
            {FORMAT_LABELS[format]}
          </label>
        ))}
        <label>
          <input type="checkbox" checked={props.card} onChange={(e) => props.onCard(e.target.checked)} />
          Dataset card (README.md)
        </label>
        <label>
          Dataset name <input value={props.prettyName} maxLength={120} onChange={(e) => props.onPrettyName(e.target.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Pretraining text</legend>
        <label>
          <input type="radio" name="export-layout" checked={props.text.layout === 'dialogue'} onChange={() => props.onText({ layout: 'dialogue' })} />
          Dialogue alone
        </label>
        <label>
          <input type="radio" name="export-layout" checked={props.text.layout === 'excerpt-then-dialogue'} onChange={() => props.onText({ layout: 'excerpt-then-dialogue' })} />
          Raw excerpt, then the dialogue
        </label>
        <label>
          Speaker labels{' '}
          <select value={props.text.speakerLabels} onChange={(e) => props.onText({ speakerLabels: e.target.value as TextOptions['speakerLabels'] })}>
            <option value="plain">Name: text</option>
            <option value="bold">**Name:** text</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Chat roles (chat, ShareGPT)</legend>
        {(['first', 'second', 'others'] as const).map((place) => (
          <label key={place}>
            {place === 'others' ? 'Other speakers' : `${place === 'first' ? 'First' : 'Second'} speaker`}{' '}
            <select value={props.roles[place]} onChange={(e) => props.onRoles({ [place]: e.target.value as ExportChatRole })}>
              {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
            </select>
          </label>
        ))}
        <label>
          By name (one NAME=ROLE a line){' '}
          <textarea
            rows={2}
            value={speakerText}
            aria-invalid={bad.length > 0}
            onChange={(e) => {
              setSpeakerText(e.target.value);
              props.onRoles({ bySpeaker: parseSpeakerRoles(e.target.value).map });
            }}
          />
          {bad.length > 0 && <span className="field-problem">Not NAME=user, assistant or system: {bad.join('; ')}</span>}
        </label>
      </fieldset>
    </section>
  );
}
