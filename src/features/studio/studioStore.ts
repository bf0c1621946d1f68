import { z } from 'zod';
import { create } from 'zustand';
import { describeError } from '../../core/engine/errors';
import type { GenerationTarget } from '../../core/generation/generateDialogue';
import {
  APPROVED,
  createTemplate,
  exportTemplate,
  moveLabel,
  revertTo,
  saveVersion,
  TemplateRefused,
  type TemplateContent,
  type TemplateRecord,
  type TemplateVersionRecord,
} from '../../core/templates';
import { DEFAULT_SAMPLING } from '../../core/types';
import { persistState } from '../shared';
import { studioApi } from './api';
import { exportFileName, formatVariableRows, type TemplateFields } from './preview';

export interface StudioProblem {
  message: string;
  hint: string;
}


/** Unsaved edits of one template, made on top of the version they started from. */
export interface Draft extends TemplateFields {
  baseVersionId: string;
  note: string;
}

export interface NewTemplateFields extends TemplateFields {
  name: string;
}

export const fieldsOf = (content: TemplateContent): TemplateFields => ({
  style: content.style,
  system: content.system,
  user: content.user,
  variablesText: formatVariableRows(content.variables),
});

const EMPTY_NEW_TEMPLATE: NewTemplateFields = { name: '', style: '', system: '', user: '', variablesText: '' };

/** A short excerpt from a real math page, so the preview shows something meaningful before anything is pasted. */
export const SAMPLE_EXCERPT = [
  'A number is divisible by 3 exactly when the sum of its digits is divisible by 3.',
  'Write $n = \\sum_{k=0}^{m} d_k 10^k$. Since $10 \\equiv 1 \\pmod 3$, every power $10^k \\equiv 1 \\pmod 3$,',
  'so $n \\equiv \\sum_k d_k \\pmod 3$. For example, $471$ has digit sum $4 + 7 + 1 = 12$, and $471 = 3 \\cdot 157$.',
].join('\n');

interface StudioState {
  selectedId: string | null;
  drafts: Record<string, Draft>;
  creating: boolean;
  newTemplate: NewTemplateFields;
  diffFrom: string | null;
  diffTo: string | null;
  excerpt: string;
  /** null: the first loaded model; '': no model (plain format, context length typed by hand). */
  modelKey: string | null;
  manualContextLength: number;
  maxTokens: number;
  exactCount: { modelKey: string; text: string; tokens: number } | null;
  counting: boolean;
  notice: string | null;
  problem: StudioProblem | null;

  select(templateId: string): void;
  editDraft(templateId: string, base: TemplateVersionRecord, patch: Partial<Omit<Draft, 'baseVersionId'>>): void;
  discardDraft(templateId: string): void;
  /** Moves a draft onto the latest version after someone else saved (the conflict case). */
  rebaseDraft(templateId: string, latest: TemplateVersionRecord): void;
  openNewTemplate(open: boolean): void;
  editNewTemplate(patch: Partial<NewTemplateFields>): void;
  setDiff(patch: { from?: string; to?: string }): void;
  setExcerpt(text: string): void;
  setModelKey(key: string): void;
  setManualContextLength(tokens: number): void;
  setMaxTokens(tokens: number): void;
  dismiss(): void;

  createNew(content: TemplateContent): Promise<void>;
  saveDraft(template: TemplateRecord, base: TemplateVersionRecord, content: TemplateContent, note: string): Promise<void>;
  fork(template: TemplateRecord, version: TemplateVersionRecord): Promise<void>;
  revert(template: TemplateRecord, latest: TemplateVersionRecord, target: TemplateVersionRecord): Promise<void>;
  setApproved(template: TemplateRecord, version: TemplateVersionRecord): Promise<void>;
  importFile(file: File): Promise<void>;
  exportTemplate(template: TemplateRecord): Promise<void>;
  countExactly(target: GenerationTarget, text: string): Promise<void>;
}

/** What a failed save or import says, in words a person can act on. */
function problemOf(error: unknown, action: string): StudioProblem {
  if (error instanceof TemplateRefused) return { message: error.message, hint: 'Nothing was saved.' };
  if (error instanceof Error && error.name === 'TemplateConflict') return { message: error.message, hint: 'Your edits are kept: press "Keep my edits on the latest version" to save them after it, or "Discard edits".' };
  return { message: `${action} failed: ${error instanceof Error ? error.message : String(error)}`, hint: 'Nothing was saved.' };
}

export const useStudioStore = create<StudioState>((set, get) => ({
  selectedId: null,
  drafts: {},
  creating: false,
  newTemplate: EMPTY_NEW_TEMPLATE,
  diffFrom: null,
  diffTo: null,
  excerpt: SAMPLE_EXCERPT,
  modelKey: null,
  manualContextLength: 2048,
  maxTokens: DEFAULT_SAMPLING.maxTokens,
  exactCount: null,
  counting: false,
  notice: null,
  problem: null,

  // The diff choice belongs to one template's history; a new selection starts from its two newest versions.
  select: (selectedId) => set({ selectedId, diffFrom: null, diffTo: null, problem: null, notice: null }),
  editDraft(templateId, base, patch) {
    const current = get().drafts[templateId] ?? { ...fieldsOf(base.content), baseVersionId: base.id, note: '' };
    set({ drafts: { ...get().drafts, [templateId]: { ...current, ...patch } } });
  },
  discardDraft(templateId) {
    const { [templateId]: _discarded, ...rest } = get().drafts;
    set({ drafts: rest });
  },
  rebaseDraft(templateId, latest) {
    const draft = get().drafts[templateId];
    if (draft) set({ drafts: { ...get().drafts, [templateId]: { ...draft, baseVersionId: latest.id } }, problem: null });
  },
  openNewTemplate: (creating) => set({ creating, problem: null }),
  editNewTemplate: (patch) => set({ newTemplate: { ...get().newTemplate, ...patch } }),
  setDiff: ({ from, to }) => set({ ...(from !== undefined ? { diffFrom: from } : {}), ...(to !== undefined ? { diffTo: to } : {}) }),
  setExcerpt: (excerpt) => set({ excerpt }),
  setModelKey: (modelKey) => set({ modelKey }),
  setManualContextLength: (manualContextLength) => set({ manualContextLength }),
  setMaxTokens: (maxTokens) => set({ maxTokens }),
  dismiss: () => set({ problem: null, notice: null }),

  async createNew(content) {
    const { name } = get().newTemplate;
    try {
      const created = createTemplate({ id: crypto.randomUUID(), name, content, note: 'First version.', now: Date.now() });
      await studioApi.addTemplate(created);
      set({ creating: false, newTemplate: EMPTY_NEW_TEMPLATE, selectedId: created.template.id, diffFrom: null, diffTo: null, problem: null, notice: `Created "${created.template.name}" (v1).` });
    } catch (error) {
      set({ problem: problemOf(error, 'Creating the template') });
    }
  },

  async saveDraft(template, base, content, note) {
    try {
      const saved = saveVersion(template, base, content, note.trim(), Date.now());
      await studioApi.addVersion(saved);
      get().discardDraft(template.id);
      set({ diffFrom: null, diffTo: null, problem: null, notice: `Saved v${saved.version.number} of "${template.name}".` });
    } catch (error) {
      const problem = problemOf(error, 'Saving');
      set({ problem: template.builtIn ? { ...problem, hint: 'Press Fork to make your own copy, then edit and save that.' } : problem });
    }
  },

  async fork(template, version) {
    try {
      const created = createTemplate({
        id: crypto.randomUUID(),
        name: `${template.name} (fork)`,
        description: template.description,
        content: version.content,
        note: `Forked from ${template.name} v${version.number}.`,
        now: Date.now(),
        forkedFrom: version.id,
      });
      await studioApi.addTemplate(created);
      set({ selectedId: created.template.id, diffFrom: null, diffTo: null, problem: null, notice: `Forked "${template.name}" v${version.number} as "${created.template.name}".` });
    } catch (error) {
      set({ problem: problemOf(error, 'Forking') });
    }
  },

  async revert(template, latest, target) {
    try {
      const saved = revertTo(template, latest, target, Date.now());
      await studioApi.addVersion(saved);
      get().discardDraft(template.id);
      set({ diffFrom: null, diffTo: null, problem: null, notice: `Reverted "${template.name}" to v${target.number} as v${saved.version.number}.` });
    } catch (error) {
      set({ problem: problemOf(error, 'Reverting') });
    }
  },

  async setApproved(template, version) {
    try {
      await studioApi.putTemplate(moveLabel(template, APPROVED, version, Date.now()));
      set({ problem: null, notice: `v${version.number} of "${template.name}" is now approved.` });
    } catch (error) {
      set({ problem: problemOf(error, 'Moving the label') });
    }
  },

  async importFile(file) {
    try {
      const read = await studioApi.readFile(file);
      if (!read.ok) {
        set({ notice: null, problem: { message: read.message, hint: 'Choose a file exported from the studio (Export). Nothing was imported.' } });
        return;
      }
      const template = await studioApi.importTemplate(read.file);
      set({ selectedId: template.id, diffFrom: null, diffTo: null, problem: null, notice: `Imported "${template.name}" from ${file.name} (${read.file.versions.length} versions).` });
    } catch (error) {
      set({ problem: problemOf(error, `Importing ${file.name}`) });
    }
  },

  async exportTemplate(template) {
    try {
      const versions = await studioApi.listVersions(template.id);
      studioApi.download(exportFileName(template.name), exportTemplate(template, versions));
    } catch (error) {
      set({ problem: problemOf(error, 'Exporting') });
    }
  },

  async countExactly(target, text) {
    if (!target.engine.countTokens || get().counting) return;
    set({ counting: true });
    try {
      const tokens = await target.engine.countTokens(text);
      set({ exactCount: { modelKey: target.key, text, tokens } });
    } catch (error) {
      const { message, hint } = describeError(error);
      set({ problem: { message: `Counting tokens failed: ${message}`, hint } });
    } finally {
      set({ counting: false });
    }
  },
}));

const draftSchema = z.object({ style: z.string(), system: z.string(), user: z.string(), variablesText: z.string(), baseVersionId: z.string(), note: z.string() });

/** The template being looked at and every unsaved edit survive a reload. */
export const studioView = persistState(useStudioStore, {
  key: 'studio.view',
  schema: z.object({ selectedId: z.string().nullable(), drafts: z.record(z.string(), draftSchema) }),
  pick: ({ selectedId, drafts }) => ({ selectedId, drafts }),
  apply: (view) => view,
});
