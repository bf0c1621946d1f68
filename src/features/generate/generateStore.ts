import { create } from 'zustand';
import { builtInFor, renderTemplate } from '../../core/templates';
import { parseTurns } from '../../core/dialogue/parseTurns';
import type { DialogueRecord } from '../../core/records/dialogue';
import type { StyleId } from '../../core/styles';
import { DEFAULT_SAMPLING, type GenerationStats, type SamplingParams } from '../../core/types';
import { getDatabase } from '../../db/database';
import { deleteDialogue, listDialogues, saveDialogue } from '../../db/dialogues';
import { describeError } from '../../core/engine/errors';
import type { Engine, LoadedModel } from '../../core/engine/types';
import { createFrameBatcher } from './frameBatcher';
import { useEngineStore } from '../models';

export interface GenerateProblem {
  message: string;
  hint: string;
}

interface GenerateState {
  excerpt: string;
  excerptId: string | undefined;
  style: StyleId;
  params: SamplingParams;
  running: boolean;
  streamed: string;
  lastStats: GenerationStats | null;
  problem: GenerateProblem | null;
  dialogues: DialogueRecord[];
  storageProblems: string[];
  setExcerpt(text: string, excerptId?: string): void;
  setStyle(style: StyleId): void;
  setParams(patch: Partial<SamplingParams>): void;
  refreshDialogues(): Promise<void>;
  removeDialogue(id: string): Promise<void>;
  generate(engine: Engine, model: LoadedModel): Promise<void>;
  stop(engine: Engine): void;
}

const statusOf = (stats: GenerationStats): DialogueRecord['status'] =>
  stats.finishReason === 'abort' ? 'stopped' : stats.finishReason === 'length' ? 'truncated' : 'complete';

export const useGenerateStore = create<GenerateState>((set, get) => ({
  excerpt: '',
  excerptId: undefined,
  style: 'TEACHER_STUDENT',
  params: DEFAULT_SAMPLING,
  running: false,
  streamed: '',
  lastStats: null,
  problem: null,
  dialogues: [],
  storageProblems: [],

  setExcerpt: (excerpt, excerptId) => set({ excerpt, excerptId }),
  setStyle: (style) => set({ style }),
  setParams: (patch) => set({ params: { ...get().params, ...patch } }),

  async refreshDialogues() {
    const { dialogues, problems } = await listDialogues(getDatabase());
    set({ dialogues, storageProblems: problems.map((p) => `Dialogue ${p.id} is unreadable: ${p.message}`) });
  },

  async removeDialogue(id) {
    await deleteDialogue(getDatabase(), id);
    await get().refreshDialogues();
  },

  async generate(engine, model) {
    const { excerpt, excerptId, style, params, running } = get();
    if (running) return;
    if (!excerpt.trim()) {
      set({ problem: { message: 'The excerpt is empty.', hint: 'Paste a math excerpt (or pick one from the corpus) before generating.' } });
      return;
    }
    const prompt = renderTemplate(builtInFor(style).version.content, excerpt);
    set({ running: true, streamed: '', lastStats: null, problem: null });
    let raw = '';
    // Deltas arrive faster than the screen refreshes: render at most once a frame.
    const batcher = createFrameBatcher(() => set({ streamed: raw }));
    try {
      let stats: GenerationStats | null = null;
      for await (const event of engine.generate({ messages: prompt, params })) {
        if (event.type === 'delta') {
          raw += event.text;
          batcher.schedule();
        } else {
          stats = event.stats;
        }
      }
      batcher.flush();
      if (!stats) throw new Error('The engine ended the stream without stats.');
      set({ lastStats: stats });
      if (!raw.trim()) {
        set({ problem: { message: 'The model returned no text, so nothing was saved.', hint: 'Raise max tokens, lower the temperature, or try another model.' } });
        return;
      }
      await saveDialogue(getDatabase(), {
        id: crypto.randomUUID(),
        createdAt: Date.now(),
        style,
        excerptText: excerpt,
        ...(excerptId ? { excerptId } : {}),
        prompt,
        engine: engine.kind,
        model: model.modelName,
        params,
        rawOutput: raw,
        turns: parseTurns(raw),
        stats,
        status: statusOf(stats),
      });
      await get().refreshDialogues();
    } catch (error) {
      batcher.flush();
      const { message, hint, code } = describeError(error);
      if (code === 'engine-crashed') useEngineStore.getState().reportCrash(error);
      set({ problem: { message: `Generation failed: ${message}`, hint: `${hint} Nothing was saved.` } });
    } finally {
      batcher.cancel();
      set({ running: false });
    }
  },

  stop(engine) {
    engine.interrupt();
  },
}));
