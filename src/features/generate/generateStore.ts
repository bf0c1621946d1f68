import { create } from 'zustand';
import { describeError } from '../../core/engine/errors';
import { generateDialogue, type GenerationTarget } from '../../core/generation/generateDialogue';
import type { DialogueRecord } from '../../core/records/dialogue';
import { builtInTemplateId } from '../../core/templates/builtins';
import type { TemplateVersionRecord } from '../../core/templates/schema';
import { DEFAULT_SAMPLING, type GenerationStats, type SamplingParams } from '../../core/types';
import { generateApi } from './api';
import { createFrameBatcher } from '../shared';

export interface GenerateProblem {
  message: string;
  hint: string;
}

interface GenerateState {
  excerpt: string;
  excerptId: string | undefined;
  url: string | null;
  templateId: string;
  modelKey: string | null;
  params: SamplingParams;
  running: boolean;
  streamed: string;
  lastStats: GenerationStats | null;
  problem: GenerateProblem | null;
  dialogues: DialogueRecord[];
  storageProblems: string[];
  setExcerpt(text: string, excerptId?: string, url?: string | null): void;
  setTemplate(templateId: string): void;
  setModelKey(key: string): void;
  setParams(patch: Partial<SamplingParams>): void;
  dismissProblem(): void;
  refreshDialogues(): Promise<void>;
  removeDialogue(id: string): Promise<void>;
  generate(target: GenerationTarget, version: TemplateVersionRecord, onCrash: (error: unknown) => void): Promise<void>;
  stop(): void;
}

let running: AbortController | null = null;

export const useGenerateStore = create<GenerateState>((set, get) => ({
  excerpt: '',
  excerptId: undefined,
  url: null,
  templateId: builtInTemplateId('TEACHER_STUDENT'),
  modelKey: null,
  params: DEFAULT_SAMPLING,
  running: false,
  streamed: '',
  lastStats: null,
  problem: null,
  dialogues: [],
  storageProblems: [],

  // A typed excerpt is no longer the corpus excerpt it may have started as.
  setExcerpt: (excerpt, excerptId, url = null) => set({ excerpt, excerptId, url }),
  setTemplate: (templateId) => set({ templateId }),
  setModelKey: (modelKey) => set({ modelKey }),
  setParams: (patch) => set({ params: { ...get().params, ...patch } }),
  dismissProblem: () => set({ problem: null }),

  async refreshDialogues() {
    const { dialogues, problems } = await generateApi.listDialogues();
    set({ dialogues, storageProblems: problems.map((p) => `Dialogue ${p.id} is unreadable: ${p.message}`) });
  },

  async removeDialogue(id) {
    await generateApi.deleteDialogue(id);
    await get().refreshDialogues();
  },

  async generate(target, version, onCrash) {
    const { excerpt, excerptId, url, params } = get();
    if (get().running) return;
    const controller = new AbortController();
    running = controller;
    set({ running: true, streamed: '', lastStats: null, problem: null });
    let raw = '';
    // Deltas arrive faster than the screen refreshes: render at most once a frame.
    const batcher = createFrameBatcher(() => set({ streamed: raw }));
    try {
      const { dialogue, stats } = await generateDialogue({
        target,
        version,
        excerpt: { text: excerpt, ...(excerptId ? { excerptId } : {}), url },
        params,
        signal: controller.signal,
        onText: (text) => {
          raw = text;
          batcher.schedule();
        },
      });
      batcher.flush();
      set({ lastStats: stats });
      if (!dialogue) return;
      await generateApi.saveDialogue(dialogue);
      await get().refreshDialogues();
    } catch (error) {
      batcher.flush();
      const { message, hint, code } = describeError(error);
      if (code === 'engine-crashed') onCrash(error);
      set({ problem: { message: code === 'bad-request' || code === 'context-overflow' ? message : `Generation failed: ${message}`, hint: `${hint} Nothing was saved.` } });
    } finally {
      batcher.cancel();
      if (running === controller) running = null;
      set({ running: false });
    }
  },

  stop() {
    running?.abort();
  },
}));
