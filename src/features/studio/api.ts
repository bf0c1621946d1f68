import { downloadText } from '../shared/download';
import { getDatabase } from '../../db/database';
import { addTemplate, addVersion, getVersion, importTemplate, listTemplates, listVersions, putTemplate } from '../../db/templates';
import { readTemplateFile, type NewTemplate, type TemplateExport, type TemplateRecord, type TemplateVersionRecord } from '../../core/templates';

/** The studio's I/O: everything it reads and writes goes through here, so components never touch Dexie. */
export const studioApi = {
  listTemplates: () => listTemplates(getDatabase()),
  /** Newest first. */
  listVersions: (templateId: string): Promise<TemplateVersionRecord[]> => listVersions(getDatabase(), templateId),
  getVersion: (id: string) => getVersion(getDatabase(), id),
  addTemplate: (created: NewTemplate) => addTemplate(getDatabase(), created),
  /** Throws TemplateConflict when latest moved since the edit began (another tab saved). */
  addVersion: (saved: NewTemplate) => addVersion(getDatabase(), saved),
  putTemplate: (template: TemplateRecord) => putTemplate(getDatabase(), template),
  importTemplate: (file: TemplateExport): Promise<TemplateRecord> => importTemplate(getDatabase(), file, () => crypto.randomUUID()),
  readFile: async (file: File) => readTemplateFile(file.name, await file.text()),
  /** Hands a JSON file to the browser's download. */
  download: (fileName: string, json: unknown) => downloadText(fileName, `${JSON.stringify(json, null, 2)}\n`),
};
