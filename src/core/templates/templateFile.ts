import { templateExportSchema, type TemplateExport, type TemplateRecord, type TemplateVersionRecord } from './schema';
import { hashTemplateContent, templateProblems } from './variables';

export function exportTemplate(template: TemplateRecord, versions: readonly TemplateVersionRecord[]): TemplateExport {
  return { format: 'mind-lab-template', formatVersion: 1, template, versions: [...versions].sort((a, b) => a.number - b.number) };
}

export type TemplateFileResult = { ok: true; file: TemplateExport } | { ok: false; message: string };

/**
 * Reads a template file a person hands in: the JSON shape, every version's hash against its content, labels and
 * parents that point inside the file. Imported templates are never marked built in.
 */
export function readTemplateFile(fileName: string, text: string): TemplateFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${fileName} is not JSON: ${(error as Error).message}` };
  }
  const parsed = templateExportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${fileName} is not a MIND Lab template file: ${issue?.path.join('.') || 'root'}: ${issue?.message}` };
  }
  const file = parsed.data;
  const ids = new Set(file.versions.map((v) => v.id));
  for (const version of file.versions) {
    if (version.templateId !== file.template.id) return { ok: false, message: `${fileName}: version ${version.id} belongs to template ${version.templateId}, not ${file.template.id}.` };
    if (hashTemplateContent(version.content) !== version.hash) return { ok: false, message: `${fileName}: version ${version.id} does not match its hash (the file was edited by hand).` };
    const problems = templateProblems(version.content);
    if (problems.length > 0) return { ok: false, message: `${fileName}: version ${version.id}: ${problems[0]?.message}` };
  }
  for (const [label, id] of Object.entries(file.template.labels)) {
    if (!ids.has(id)) return { ok: false, message: `${fileName}: label "${label}" points at ${id}, which is not in the file.` };
  }
  if (ids.size !== file.versions.length) return { ok: false, message: `${fileName}: two versions share an id.` };
  return { ok: true, file: { ...file, template: { ...file.template, builtIn: false } } };
}
