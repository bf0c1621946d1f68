import { diffLines } from 'diff';
import { LATEST, templateContentSchema, type TemplateContent, type TemplateRecord, type TemplateVersionRecord } from './schema';
import { hashTemplateContent, templateProblems, type TemplateProblem } from './variables';

export class TemplateRefused extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'TemplateRefused';
  }
}

export const versionId = (templateId: string, number: number) => `${templateId}@v${number}`;

function checked(content: TemplateContent): TemplateContent {
  const parsed = templateContentSchema.safeParse(content);
  if (!parsed.success) {
    throw new TemplateRefused(parsed.error.issues.map((i) => ({ field: fieldOf(i.path[0]), message: `${i.path.join('.') || 'template'}: ${i.message}` })));
  }
  const problems = templateProblems(parsed.data);
  if (problems.length > 0) throw new TemplateRefused(problems);
  return parsed.data;
}

const fieldOf = (key: PropertyKey | undefined): TemplateProblem['field'] =>
  key === 'style' || key === 'system' || key === 'variables' ? key : 'user';

export interface NewTemplate {
  template: TemplateRecord;
  version: TemplateVersionRecord;
}

/** A user's own template, starting at version 1. */
export function createTemplate(input: { id: string; name: string; description?: string; content: TemplateContent; note?: string; now: number; forkedFrom?: string | null }): NewTemplate {
  const content = checked(input.content);
  const version: TemplateVersionRecord = {
    id: versionId(input.id, 1),
    templateId: input.id,
    number: 1,
    hash: hashTemplateContent(content),
    parentId: input.forkedFrom ?? null,
    note: input.note ?? '',
    createdAt: input.now,
    content,
  };
  const template: TemplateRecord = {
    id: input.id,
    name: input.name.trim(),
    description: input.description ?? '',
    builtIn: false,
    labels: { [LATEST]: version.id },
    forkedFrom: input.forkedFrom ?? null,
    createdAt: input.now,
    updatedAt: input.now,
  };
  return { template, version };
}

/**
 * Saves content as the next immutable version, child of the version `latest` points at, and moves `latest` to it.
 * Built-ins are refused: fork them.
 */
export function saveVersion(template: TemplateRecord, latest: TemplateVersionRecord, content: TemplateContent, note: string, now: number): NewTemplate {
  if (template.builtIn) {
    throw new TemplateRefused([{ field: 'user', message: `"${template.name}" is built in and never overwritten: fork it to make your own.` }]);
  }
  const valid = checked(content);
  const version: TemplateVersionRecord = {
    id: versionId(template.id, latest.number + 1),
    templateId: template.id,
    number: latest.number + 1,
    hash: hashTemplateContent(valid),
    parentId: latest.id,
    note,
    createdAt: now,
    content: valid,
  };
  return { template: { ...template, labels: { ...template.labels, [LATEST]: version.id }, updatedAt: now }, version };
}

/** Reverting writes the old content as a new version, so history only grows. */
export function revertTo(template: TemplateRecord, latest: TemplateVersionRecord, target: TemplateVersionRecord, now: number): NewTemplate {
  return saveVersion(template, latest, target.content, `Revert to v${target.number}.`, now);
}

/** Points a label (other than latest, which follows saves) at a version of this template. */
export function moveLabel(template: TemplateRecord, label: string, version: TemplateVersionRecord, now: number): TemplateRecord {
  if (version.templateId !== template.id) throw new Error(`Version ${version.id} belongs to another template.`);
  const name = label.trim();
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(name)) throw new TemplateRefused([{ field: 'user', message: 'A label is 1–40 letters, digits, - or _.' }]);
  return { ...template, labels: { ...template.labels, [name]: version.id }, updatedAt: now };
}

export interface FieldDiff {
  field: 'style' | 'system' | 'user' | 'variables';
  parts: { value: string; added: boolean; removed: boolean }[];
  changed: boolean;
}

/** A line diff per field between two versions (any two, of any templates). */
export function diffVersions(from: TemplateContent, to: TemplateContent): FieldDiff[] {
  const variablesText = (c: TemplateContent) =>
    Object.entries(c.variables)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n') + '\n';
  const fields: [FieldDiff['field'], string, string][] = [
    ['style', `${from.style}\n`, `${to.style}\n`],
    ['system', ensureNewline(from.system), ensureNewline(to.system)],
    ['user', ensureNewline(from.user), ensureNewline(to.user)],
    ['variables', variablesText(from), variablesText(to)],
  ];
  return fields.map(([field, a, b]) => {
    const parts = diffLines(a, b).map((p) => ({ value: p.value, added: p.added === true, removed: p.removed === true }));
    return { field, parts, changed: parts.some((p) => p.added || p.removed) };
  });
}

const ensureNewline = (text: string) => (text.endsWith('\n') || text === '' ? text : `${text}\n`);
