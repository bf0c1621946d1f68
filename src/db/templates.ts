import { LATEST, templateRecordSchema, templateVersionRecordSchema, type TemplateExport, type TemplateRecord, type TemplateVersionRecord } from '../core/templates/schema';
import { BUILT_IN_TEMPLATES } from '../core/templates/builtins';
import { versionId, type NewTemplate } from '../core/templates/versions';
import type { MindLabDatabase } from './database';
import { validRow, validRows, type StoredRecordProblem } from './validRows';

export class TemplateConflict extends Error {
  constructor(templateName: string) {
    super(`"${templateName}" was saved elsewhere (another tab?) since you opened it. Reload it and save again.`);
    this.name = 'TemplateConflict';
  }
}

/** Built-ins first (in style order), then the user's own by name. */
export async function listTemplates(db: MindLabDatabase): Promise<{ templates: TemplateRecord[]; problems: StoredRecordProblem[] }> {
  const { records, problems } = validRows(templateRecordSchema, await db.templates.toArray());
  const builtInOrder = new Map(BUILT_IN_TEMPLATES.map((t, i) => [t.template.id, i]));
  records.sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || (builtInOrder.get(a.id) ?? 0) - (builtInOrder.get(b.id) ?? 0) || a.name.localeCompare(b.name));
  return { templates: records, problems };
}

export async function listVersions(db: MindLabDatabase, templateId: string): Promise<TemplateVersionRecord[]> {
  const rows = await db.templateVersions.where('templateId').equals(templateId).toArray();
  return validRows(templateVersionRecordSchema, rows).records.sort((a, b) => b.number - a.number);
}

export async function getVersion(db: MindLabDatabase, id: string): Promise<TemplateVersionRecord | null> {
  const row = await db.templateVersions.get(id);
  return row ? validRow(templateVersionRecordSchema, row, 'template version') : null;
}

/** A new template and its first version, together or not at all. */
export async function addTemplate(db: MindLabDatabase, created: NewTemplate): Promise<void> {
  const template = templateRecordSchema.parse(created.template);
  const version = templateVersionRecordSchema.parse(created.version);
  await db.transaction('rw', db.templates, db.templateVersions, async () => {
    await db.templates.add(template);
    await db.templateVersions.add(version);
  });
}

/**
 * Stores the next version and moves `latest`, refusing when latest moved since the editor read it (two tabs
 * saving the same template would otherwise fork its history silently).
 */
export async function addVersion(db: MindLabDatabase, saved: NewTemplate): Promise<void> {
  const template = templateRecordSchema.parse(saved.template);
  const version = templateVersionRecordSchema.parse(saved.version);
  await db.transaction('rw', db.templates, db.templateVersions, async () => {
    const current = await db.templates.get(template.id);
    if (!current || current.builtIn || current.labels[LATEST] !== version.parentId) throw new TemplateConflict(template.name);
    await db.templateVersions.add(version);
    await db.templates.put(template);
  });
}

export async function putTemplate(db: MindLabDatabase, template: TemplateRecord): Promise<void> {
  const valid = templateRecordSchema.parse(template);
  await db.transaction('rw', db.templates, db.templateVersions, async () => {
    for (const id of Object.values(valid.labels)) {
      if (!(await db.templateVersions.get(id))) throw new Error(`Label points at ${id}, which does not exist.`);
    }
    await db.templates.put(valid);
  });
}

/**
 * Imports a checked template file under a fresh id when its id is taken (a re-import is a copy, never an
 * overwrite), keeping version numbers, notes and labels.
 */
export async function importTemplate(db: MindLabDatabase, file: TemplateExport, newId: () => string): Promise<TemplateRecord> {
  return db.transaction('rw', db.templates, db.templateVersions, async () => {
    const taken = (await db.templates.get(file.template.id)) !== undefined;
    const id = taken ? newId() : file.template.id;
    const rename = new Map(file.versions.map((v) => [v.id, versionId(id, v.number)]));
    const versions = file.versions.map((v) =>
      templateVersionRecordSchema.parse({ ...v, id: rename.get(v.id), templateId: id, parentId: v.parentId && (rename.get(v.parentId) ?? v.parentId) }),
    );
    const labels = Object.fromEntries(Object.entries(file.template.labels).map(([label, vid]) => [label, rename.get(vid) ?? vid]));
    const template = templateRecordSchema.parse({ ...file.template, id, builtIn: false, labels, name: taken ? `${file.template.name} (imported)` : file.template.name });
    await db.templates.add(template);
    await db.templateVersions.bulkAdd(versions);
    return template;
  });
}
