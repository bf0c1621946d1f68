import { create } from 'zustand';
import { describeError } from '../../core/engine/errors';
import { estimateTokens } from '../../core/chunking/estimateTokens';
import { buildDialogueRecord, generateDialogue, type GenerationTarget } from '../../core/generation/generateDialogue';
import { estimatePromptTokens } from '../../core/generation/promptTokens';
import { renderTemplate } from '../../core/templates/variables';
import { builtInTemplateId } from '../../core/templates/builtins';
import type { TemplateVersionRecord } from '../../core/templates/schema';
import { DEFAULT_SAMPLING, type GenerationStats, type SamplingParams } from '../../core/types';
import { generateApi } from './api';
import { createFrameBatcher, persistState } from '../shared';
import { DRAFT_PREFIX, WORKSPACE_KEY, workspaceSchema, type Draft, type Workspace } from './workspace';

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
  /** Stored values that could not be read back (the workspace, a recovered draft). */
  storageProblems: string[];
  restore(): Promise<void>;
  /** Counts excerpts handed over from another area: the page brings the excerpt into view and focus on each. */
  handedOver: number;
  receiveExcerpt(text: string, excerptId?: string, url?: string | null): void;
  setExcerpt(text: string, excerptId?: string, url?: string | null): void;
  setTemplate(templateId: string): void;
  setModelKey(key: string): void;
  setParams(patch: Partial<SamplingParams>): void;
  dismissProblem(): void;
  removeDialogue(id: string): Promise<void>;
  generate(target: GenerationTarget, version: TemplateVersionRecord): Promise<void>;
  stop(): void;
}

let running: AbortController | null = null;
/** Names this tab's draft (and the Web Lock that says the tab is alive). */
const tabId = crypto.randomUUID();
const DRAFT_EVERY_MS = 500;

function workspaceOf(state: GenerateState): Workspace {
  // A field left empty (NaN) is not stored: the default comes back instead.
  const params = Object.fromEntries(Object.entries(state.params).filter(([, v]) => typeof v !== 'number' || Number.isFinite(v))) as Workspace['params'];
  return { excerpt: state.excerpt, ...(state.excerptId ? { excerptId: state.excerptId } : {}), url: state.url, templateId: state.templateId, modelKey: state.modelKey, params };
}

/** A generation cut short by a reload or a crash, kept as what it was: stopped, with what had streamed. */
function recoveredDialogue(draft: Draft) {
  return buildDialogueRecord({
    id: crypto.randomUUID(),
    createdAt: draft.startedAt,
    target: draft.target,
    version: draft.version,
    excerpt: draft.excerpt,
    messages: draft.messages,
    params: draft.params,
    raw: draft.raw,
    stats: {
      promptTokens: estimatePromptTokens(draft.messages, null),
      completionTokens: estimateTokens(draft.raw),
      timeToFirstTokenMs: null,
      decodeTokensPerSecond: null,
      totalMs: Math.max(0, draft.updatedAt - draft.startedAt),
      finishReason: 'abort',
    },
  });
}

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
  storageProblems: [],
  handedOver: 0,
  receiveExcerpt: (excerpt, excerptId, url = null) => set({ excerpt, excerptId, url, handedOver: get().handedOver + 1 }),

  async restore() {
    const problem = await workspace.restore();
    const draftProblems = await generateApi.recoverDrafts((draft) => generateApi.saveDialogue(recoveredDialogue(draft)));
    set({ storageProblems: [...(problem ? [problem] : []), ...draftProblems] });
  },

  // A typed excerpt is no longer the corpus excerpt it may have started as.
  setExcerpt: (excerpt, excerptId, url = null) => set({ excerpt, excerptId, url }),
  setTemplate: (templateId) => set({ templateId }),
  setModelKey: (modelKey) => set({ modelKey }),
  setParams: (patch) => set({ params: { ...get().params, ...patch } }),
  dismissProblem: () => set({ problem: null }),

  async removeDialogue(id) {
    await generateApi.deleteDialogue(id);
  },

  async generate(target, version) {
    const { excerpt, excerptId, url, params } = get();
    if (get().running) return;
    const controller = new AbortController();
    running = controller;
    set({ running: true, streamed: '', lastStats: null, problem: null });
    // What the generation was asked with comes back after a reload, however soon the reload comes.
    void workspace.flush();
    let raw = '';
    // Deltas arrive faster than the screen refreshes: render at most once a frame.
    const batcher = createFrameBatcher(() => set({ streamed: raw }));
    const draft: Draft = {
      startedAt: Date.now(),
      updatedAt: Date.now(),
      version: { id: version.id, hash: version.hash, content: version.content },
      excerpt: { text: excerpt, ...(excerptId ? { excerptId } : {}), url },
      messages: renderTemplate(version.content, excerpt),
      target: { engine: target.engine.kind, modelName: target.model.modelName, key: target.key },
      params,
      raw: '',
    };
    let draftWrittenAt = 0;
    const saveDraft = () => {
      draftWrittenAt = Date.now();
      void generateApi.writeDraft(tabId, { ...draft, raw, updatedAt: draftWrittenAt }).catch(() => undefined);
    };
    // Held while this tab generates: a draft whose lock is free belongs to a tab that is gone.
    let releaseLock = () => {};
    const lockHeld = new Promise<void>((resolve) => {
      void navigator.locks.request(`${DRAFT_PREFIX}${tabId}`, () => new Promise<void>((release) => {
        releaseLock = release;
        resolve();
      }));
    });
    await lockHeld;
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
          if (Date.now() - draftWrittenAt >= DRAFT_EVERY_MS) saveDraft();
        },
      });
      batcher.flush();
      set({ lastStats: stats });
      if (!dialogue) return;
      await generateApi.saveDialogue(dialogue);
    } catch (error) {
      batcher.flush();
      const { message, hint, code } = describeError(error);
      set({ problem: { message: code === 'bad-request' || code === 'context-overflow' ? message : `Generation failed: ${message}`, hint: `${hint} Nothing was saved.` } });
    } finally {
      batcher.cancel();
      await generateApi.removeDraft(tabId).catch(() => undefined);
      releaseLock();
      if (running === controller) running = null;
      set({ running: false });
    }
  },

  stop() {
    running?.abort();
  },
}));

// The page's excerpt, template, model and sampling come back after a reload.
const workspace = persistState(useGenerateStore, {
  key: WORKSPACE_KEY,
  schema: workspaceSchema,
  pick: workspaceOf,
  apply: (value) => ({ ...value, excerptId: value.excerptId, params: { ...DEFAULT_SAMPLING, ...value.params } }),
});
