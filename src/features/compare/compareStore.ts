import { create } from 'zustand';
import { describeError } from '../../core/engine/errors';
import { executeRun, type WorkItemError } from '../../core/generation/executeRun';
import type { GenerationTarget } from '../../core/generation/generateDialogue';
import { createMemoryRunStore, toWorkItem } from '../../core/generation/memoryRunStore';
import type { ExcerptInput, SamplingPreset } from '../../core/generation/plan';
import type { DialogueRecord } from '../../core/records/dialogue';
import type { Thumb } from './api';
import { DEFAULT_SAMPLING, type SamplingParams } from '../../core/types';
import { createFrameBatcher } from '../shared';
import { compareApi } from './api';
import { gridProblem, MAX_PRESETS, parsePastedExcerpts, planGrid, rowsProblem, type ColumnModel, type ColumnVersion, type PlannedGrid } from './grid';
import { effectiveRater, readRaterName, rememberRaterName } from '../shared/raterName';

export type CellState =
  | { status: 'queued' }
  | { status: 'running'; text: string }
  | { status: 'done'; text: string; dialogue: DialogueRecord }
  | { status: 'failed'; text: string; error: WorkItemError }
  /** Stopped by the user or a pause before it finished; text is what had streamed. */
  | { status: 'stopped'; text: string }
  /** A cell of a grid restored after a reload that has no saved dialogue (it failed or was stopped). */
  | { status: 'unsaved' };

/** Where the rows come from; 'sent' when another area handed them over. */
export type RowsMode = 'paste' | 'working-set' | 'sample' | 'sent';

export interface CompareNote {
  message: string;
  hint: string;
}

interface CompareState {
  rowsMode: RowsMode;
  pasteText: string;
  rows: ExcerptInput[];
  /** Where the rows came from, in words. */
  rowsOrigin: string;
  rowsNotice: string | null;
  /** Chosen templates → the version picked for each (null: its latest). */
  templateVersions: Record<string, string | null>;
  /** Loaded models left out of the grid; every other loaded model is a column. */
  excludedModels: string[];
  presets: SamplingPreset[];
  /** Requests in flight at once on a server model (in-browser engines always take one at a time). */
  concurrency: number;
  grid: PlannedGrid | null;
  cells: Record<string, CellState>;
  /** Finished dialogues by item id: what the headers and the Different filter read (changes only when a cell ends). */
  finished: Record<string, DialogueRecord>;
  running: boolean;
  note: CompareNote | null;
  differentOnly: boolean;
  rater: string;
  openItemId: string | null;

  setRowsMode(mode: RowsMode): void;
  setPasteText(text: string): void;
  setRows(rows: readonly ExcerptInput[], origin: string): void;
  loadWorkingSet(id: string, name: string): Promise<void>;
  drawSample(size: number, seed: number): Promise<void>;
  toggleTemplate(templateId: string, chosen: boolean): void;
  chooseVersion(templateId: string, versionId: string | null): void;
  toggleModel(modelKey: string, included: boolean): void;
  addPreset(): void;
  removePreset(id: string): void;
  setPresetLabel(id: string, label: string): void;
  setPresetParams(id: string, patch: Partial<SamplingParams>): void;
  setConcurrency(value: number): void;
  setDifferentOnly(on: boolean): void;
  setRater(name: string): void;
  rate(dialogueId: string, thumb: Thumb, note: string): Promise<boolean>;
  openCell(itemId: string | null): void;
  dismissNote(): void;
  /** Brings back the last grid after a reload, its cells filled from the saved dialogues. */
  restoreLastGrid(): Promise<void>;
  run(columns: { versions: readonly ColumnVersion[]; models: readonly ColumnModel[] }, target: (modelKey: string) => GenerationTarget | null): Promise<void>;
  stop(): void;
}

const PRESET_LABELS = ['A', 'B', 'C'];
let presetCounter = 0;
const newPresetId = () => `preset-${Date.now().toString(36)}-${presetCounter++}`;

/** executeRun names each dialogue after its work item, so a restored grid finds its cells' dialogues by item id. */
export const gridDialogueId = (itemId: string) => `dialogue-${itemId}`;

let runController: AbortController | null = null;

export const useCompareStore = create<CompareState>((set, get) => ({
  rowsMode: 'paste',
  pasteText: '',
  rows: [],
  rowsOrigin: '',
  rowsNotice: null,
  templateVersions: {},
  excludedModels: [],
  presets: [{ id: newPresetId(), label: 'A', params: { ...DEFAULT_SAMPLING, maxTokens: 256 } }],
  concurrency: 4,
  grid: null,
  cells: {},
  finished: {},
  running: false,
  note: null,
  differentOnly: false,
  rater: readRaterName(),
  openItemId: null,

  setRowsMode(rowsMode) {
    if (rowsMode === get().rowsMode) return;
    set({ rowsMode, rowsNotice: null });
    if (rowsMode === 'paste') get().setPasteText(get().pasteText);
    else set({ rows: [], rowsOrigin: '' });
  },
  setPasteText(pasteText) {
    const rows = parsePastedExcerpts(pasteText);
    set({ pasteText, rows, rowsOrigin: `${rows.length} pasted excerpt${rows.length === 1 ? '' : 's'}` });
  },
  setRows(rows, rowsOrigin) {
    set({ rowsMode: 'sent', rows: [...rows], rowsOrigin, rowsNotice: null });
  },
  async loadWorkingSet(id, name) {
    const read = await compareApi.workingSetExcerpts(id).catch((error: unknown) => describeError(error));
    if ('message' in read) {
      set({ rows: [], rowsOrigin: '', rowsNotice: `The working set could not be read: ${read.message}` });
      return;
    }
    const { excerpts, missing } = read;
    set({
      rows: excerpts,
      rowsOrigin: `Working set "${name}" (${excerpts.length} excerpt${excerpts.length === 1 ? '' : 's'})`,
      rowsNotice: missing > 0 ? `${missing} excerpt${missing === 1 ? ' of this set no longer exists' : 's of this set no longer exist'} in the corpus.` : null,
    });
  },
  async drawSample(size, seed) {
    const problem = Number.isInteger(size) && size >= 1 ? rowsProblem(size) : 'The sample size must be a whole number from 1 to 20.';
    if (problem) {
      set({ rows: [], rowsOrigin: '', rowsNotice: problem });
      return;
    }
    const drawn = await compareApi.sampleCorpus(size, seed).catch((error: unknown) => describeError(error));
    if ('message' in drawn) {
      set({ rows: [], rowsOrigin: '', rowsNotice: `The sample could not be drawn: ${drawn.message}` });
      return;
    }
    const { excerpts, poolSize } = drawn;
    set({
      rows: excerpts,
      rowsOrigin: `Sample of ${excerpts.length} from ${poolSize} corpus excerpts (seed ${seed})`,
      rowsNotice: poolSize === 0 ? 'The corpus has no excerpts yet: import some on the Corpus tab.' : null,
    });
  },

  toggleTemplate(templateId, chosen) {
    const next = { ...get().templateVersions };
    if (chosen) next[templateId] ??= null;
    else delete next[templateId];
    set({ templateVersions: next });
  },
  chooseVersion(templateId, versionId) {
    set({ templateVersions: { ...get().templateVersions, [templateId]: versionId } });
  },
  toggleModel(modelKey, included) {
    const rest = get().excludedModels.filter((k) => k !== modelKey);
    set({ excludedModels: included ? rest : [...rest, modelKey] });
  },

  addPreset() {
    const { presets } = get();
    if (presets.length >= MAX_PRESETS) return;
    const label = PRESET_LABELS.find((l) => !presets.some((p) => p.label === l)) ?? `Preset ${presets.length + 1}`;
    // A new preset starts from the last one with a different temperature, so it is a real second column at once.
    const last = presets[presets.length - 1]?.params ?? DEFAULT_SAMPLING;
    const temperature = Math.round((last.temperature >= 1 ? last.temperature - 0.5 : last.temperature + 0.3) * 10) / 10;
    set({ presets: [...presets, { id: newPresetId(), label, params: { ...last, stop: [...last.stop], temperature } }] });
  },
  removePreset(id) {
    if (get().presets.length <= 1) return;
    set({ presets: get().presets.filter((p) => p.id !== id) });
  },
  setPresetLabel(id, label) {
    set({ presets: get().presets.map((p) => (p.id === id ? { ...p, label } : p)) });
  },
  setPresetParams(id, patch) {
    // One seed for the whole grid: changing it in any preset changes it in all, so columns differ only in what
    // they compare.
    const { seed, ...rest } = patch;
    set({
      presets: get().presets.map((p) => ({
        ...p,
        params: { ...p.params, ...(p.id === id ? rest : {}), ...(seed !== undefined ? { seed } : {}) },
      })),
    });
  },
  setConcurrency(concurrency) {
    set({ concurrency });
  },
  setDifferentOnly(differentOnly) {
    set({ differentOnly });
  },
  setRater(rater) {
    rememberRaterName(rater);
    set({ rater });
  },

  async rate(dialogueId, thumb, note) {
    try {
      await compareApi.setQuickRating({ dialogueId, rater: effectiveRater(get().rater), thumb, note });
      return true;
    } catch (error) {
      set({ note: { message: `The rating was not saved: ${describeError(error).message}`, hint: 'Try again; notes are limited to 5,000 characters.' } });
      return false;
    }
  },
  openCell(openItemId) {
    set({ openItemId });
  },
  dismissNote() {
    set({ note: null });
  },

  async restoreLastGrid() {
    if (get().grid || get().running) return;
    const { value: snapshot, problem } = await compareApi.readLastGrid();
    if (problem) set({ note: { message: problem, hint: 'The last comparison cannot be shown again; its dialogues are still saved.' } });
    if (!snapshot || gridProblem(snapshot)) return;
    const grid = planGrid(snapshot);
    const dialogues = await Promise.all(grid.items.map((item) => compareApi.getDialogue(gridDialogueId(item.id)).catch(() => null)));
    // A run started meanwhile wins.
    if (get().grid || get().running) return;
    const cells: Record<string, CellState> = {};
    const finished: Record<string, DialogueRecord> = {};
    grid.items.forEach((item, i) => {
      const dialogue = dialogues[i];
      cells[item.id] = dialogue ? { status: 'done', text: dialogue.rawOutput, dialogue } : { status: 'unsaved' };
      if (dialogue) finished[item.id] = dialogue;
    });
    set({ grid, cells, finished });
  },

  async run(columns, target) {
    if (get().running) return;
    const { rows, presets, concurrency } = get();
    const input = { excerpts: rows, versions: columns.versions, models: columns.models, presets };
    const problem = gridProblem(input);
    if (problem) {
      set({ note: { message: problem, hint: 'Nothing was run.' } });
      return;
    }
    if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 32)) {
      set({ note: { message: `Requests at once must be a whole number from 1 to 32 (got ${concurrency}).`, hint: 'Nothing was run.' } });
      return;
    }
    // Each comparison is its own grid, so its items (and the dialogues named after them) never collide with an
    // earlier one's.
    const snapshot = { id: `compare-${crypto.randomUUID()}`, ...input, versions: [...input.versions], models: [...input.models] };
    const grid = planGrid(snapshot);
    const now = Date.now();
    const memory = createMemoryRunStore(
      grid.items.map((item, ordinal) => toWorkItem(item, grid.id, ordinal, now)),
      (dialogue) => compareApi.saveDialogue(dialogue),
    );
    const controller = new AbortController();
    runController = controller;
    set({
      grid,
      cells: Object.fromEntries(grid.items.map((item) => [item.id, { status: 'queued' } as CellState])),
      finished: {},
      running: true,
      note: null,
      openItemId: null,
    });

    // Deltas arrive faster than the screen refreshes: keep the latest text per cell and render once a frame.
    const streamed = new Map<string, string>();
    const batcher = createFrameBatcher(() => {
      if (streamed.size === 0) return;
      const cells = { ...get().cells };
      for (const [id, text] of streamed) if (cells[id]?.status === 'running') cells[id] = { status: 'running', text };
      streamed.clear();
      set({ cells });
    });
    const textSoFar = (id: string) => {
      const cell = get().cells[id];
      return streamed.get(id) ?? (cell && 'text' in cell ? cell.text : '');
    };
    const setCell = (id: string, cell: CellState) => set({ cells: { ...get().cells, [id]: cell } });

    try {
      await compareApi.saveLastGrid(snapshot).catch((error: unknown) =>
        set({ note: { message: `This grid will not come back after a reload: ${describeError(error).message}`, hint: 'Its dialogues are still saved one by one.' } }),
      );
      const outcome = await executeRun(
        // A grid's dialogues stand alone: they belong to no run and to no stored work item.
        { id: grid.id, concurrency, partOfRun: false },
        {
          store: memory.store,
          target,
          version: compareApi.getVersion,
          onItemStart: (item) => setCell(item.id, { status: 'running', text: '' }),
          onItemText: (item, raw) => {
            streamed.set(item.id, raw);
            batcher.schedule();
          },
          onItemSettled: (item, settled) => {
            const text = textSoFar(item.id);
            streamed.delete(item.id);
            if (settled.kind === 'done') {
              const dialogue = settled.dialogue;
              setCell(item.id, { status: 'done', text: dialogue.rawOutput, dialogue });
              set({ finished: { ...get().finished, [item.id]: dialogue } });
            } else if (settled.kind === 'failed') {
              setCell(item.id, { status: 'failed', text, error: settled.error });
            } else {
              setCell(item.id, { status: 'stopped', text });
            }
          },
        },
        controller.signal,
      );
      batcher.flush();
      if (outcome.kind === 'paused') set({ note: { message: outcome.reason, hint: 'Cells that did not finish are marked; press Run to compare again.' } });
      if (outcome.kind === 'stopped') set({ note: { message: 'Stopped.', hint: 'Finished cells are kept and saved; press Run to compare again.' } });
    } catch (error) {
      const { message, hint } = describeError(error);
      set({ note: { message: `The comparison failed: ${message}`, hint } });
    } finally {
      batcher.flush();
      // Cells the scheduler never reached (a stop or a pause) are not left looking queued.
      const cells = { ...get().cells };
      for (const [id, cell] of Object.entries(cells)) if (cell.status === 'queued' || cell.status === 'running') cells[id] = { status: 'stopped', text: textSoFar(id) };
      if (runController === controller) runController = null;
      set({ cells, running: false });
    }
  },

  stop() {
    runController?.abort(new DOMException('Stopped by the user.', 'AbortError'));
  },
}));
