import { getDatabase } from '../../db/database';
import { deleteDialogue, listDialogues, saveDialogue } from '../../db/dialogues';
import { getVersion, listTemplates } from '../../db/templates';
import { LATEST, type TemplateRecord, type TemplateVersionRecord } from '../../core/templates/schema';
import type { DialogueRecord } from '../../core/records/dialogue';

/** The Generate page's I/O: everything it reads and writes goes through here. */
export const generateApi = {
  listDialogues: () => listDialogues(getDatabase()),
  saveDialogue: (dialogue: DialogueRecord) => saveDialogue(getDatabase(), dialogue),
  deleteDialogue: (id: string) => deleteDialogue(getDatabase(), id),
  listTemplates: async () => (await listTemplates(getDatabase())).templates,
  latestVersion: async (template: TemplateRecord): Promise<TemplateVersionRecord | null> => {
    const id = template.labels[LATEST];
    return id ? getVersion(getDatabase(), id) : null;
  },
};
