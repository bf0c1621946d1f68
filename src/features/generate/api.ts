import { getDatabase } from '../../db/database';
import { deleteDialogue, listDialogues, saveDialogue } from '../../db/dialogues';
import { readSetting, removeSetting, writeSetting } from '../../db/settings';
import { getVersion, listTemplates } from '../../db/templates';
import { LATEST, type TemplateRecord, type TemplateVersionRecord } from '../../core/templates/schema';
import type { DialogueRecord } from '../../core/records/dialogue';
import { DRAFT_PREFIX, draftSchema, type Draft } from './workspace';

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
  writeDraft: (tabId: string, draft: Draft) => writeSetting(getDatabase(), `${DRAFT_PREFIX}${tabId}`, draftSchema, draft),
  removeDraft: (tabId: string) => removeSetting(getDatabase(), `${DRAFT_PREFIX}${tabId}`),

  /**
   * Drafts left by tabs that are gone. A generating tab holds a Web Lock named after its draft, so a draft whose
   * lock is free belongs to no living tab; each is taken under that lock, so two tabs never recover it twice.
   */
  async recoverDrafts(recover: (draft: Draft) => Promise<void>): Promise<string[]> {
    const keys = (await getDatabase().settings.where('key').startsWith(DRAFT_PREFIX).primaryKeys()) as string[];
    const problems: string[] = [];
    for (const key of keys) {
      await navigator.locks.request(key, { ifAvailable: true }, async (lock) => {
        if (!lock) return;
        const { value, problem } = await readSetting(getDatabase(), key, draftSchema);
        if (problem) problems.push(problem);
        if (value && value.raw.trim()) await recover(value);
        await removeSetting(getDatabase(), key);
      });
    }
    return problems;
  },
};
