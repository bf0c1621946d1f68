import { create } from 'zustand';
import {
  DEFAULT_ROLE_MAP,
  KEPT_DIALOGUES,
  textOptionsSchema,
  zipTree,
  type ExportFormat,
  type ExportOptions,
  type ExportProgress,
  type FileTree,
  type RoleMap,
  type Selection,
  type TextOptions,
  type WrittenFile,
} from '../../core/export';
import { exportApi, type ExportData } from './api';
import { outputPlan } from './outputPlan';
import { hasFilePicker, openSaveTarget, singleFileTree, type SaveWith } from './saveFile';

export interface ExportNotice {
  message: string;
  hint: string;
}

interface ExportState {
  data: ExportData | null;
  loading: boolean;
  selection: Selection;
  formats: ExportFormat[];
  text: TextOptions;
  roles: RoleMap;
  card: boolean;
  prettyName: string;
  saveWith: SaveWith;
  progress: ExportProgress | null;
  done: { fileName: string; files: WrittenFile[] } | null;
  notice: ExportNotice | null;

  load(): Promise<void>;
  setSelection(patch: Partial<Selection>): void;
  toggleFormat(format: ExportFormat, on: boolean): void;
  setText(patch: Partial<TextOptions>): void;
  setRoles(patch: Partial<RoleMap>): void;
  setCard(card: boolean): void;
  setPrettyName(name: string): void;
  setSaveWith(saveWith: SaveWith): void;
  /** Call straight from the click: the file picker needs it. */
  start(): Promise<void>;
  /** The current export into another tree (the Hub upload's files), progress as a sentence. */
  writeTo(tree: FileTree, onProgress: (text: string) => void): Promise<void>;
  cancel(): void;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

const optionsOf = (s: Pick<ExportState, 'formats' | 'selection' | 'text' | 'roles' | 'card' | 'prettyName'>): ExportOptions => ({
  formats: s.formats,
  selection: s.selection,
  text: s.text,
  roles: s.roles,
  card: s.card,
  prettyName: s.prettyName,
  sourceDatasets: ['open-web-math/open-web-math'],
});
let controller: AbortController | null = null;

export const useExportStore = create<ExportState>((set, get) => ({
  data: null,
  loading: false,
  selection: KEPT_DIALOGUES,
  formats: ['jsonl', 'chat', 'parquet'],
  text: textOptionsSchema.parse({}),
  roles: DEFAULT_ROLE_MAP,
  card: true,
  prettyName: 'MIND Lab dialogues',
  saveWith: hasFilePicker() ? 'picker' : 'download',
  progress: null,
  done: null,
  notice: null,

  async load() {
    set({ loading: true });
    try {
      set({ data: await exportApi.load(), loading: false });
    } catch (error) {
      set({ loading: false, notice: { message: `The dialogues could not be read: ${describe(error)}`, hint: 'Reload the page; if it persists, back up the lab and report it.' } });
    }
  },
  setSelection: (patch) => set((s) => ({ selection: { ...s.selection, ...patch }, done: null })),
  toggleFormat: (format, on) => set((s) => ({ formats: on ? [...new Set([...s.formats, format])] : s.formats.filter((f) => f !== format), done: null })),
  setText: (patch) => set((s) => ({ text: { ...s.text, ...patch } })),
  setRoles: (patch) => set((s) => ({ roles: { ...s.roles, ...patch } })),
  setCard: (card) => set({ card }),
  setPrettyName: (prettyName) => set({ prettyName }),
  setSaveWith: (saveWith) => set({ saveWith }),

  async start() {
    const { data, formats, card, saveWith } = get();
    if (!data || get().progress) return;
    if (formats.length === 0) {
      set({ notice: { message: 'No format is chosen.', hint: 'Tick at least one format.' } });
      return;
    }
    const plan = outputPlan({ formats, card });
    set({ notice: null, done: null });
    let target;
    try {
      target = await openSaveTarget(plan.fileName, plan.mime, saveWith);
    } catch (error) {
      set({ notice: { message: `The file could not be opened: ${describe(error)}`, hint: 'Pick another place, or save with a browser download.' } });
      return;
    }
    if (!target) return;
    controller = new AbortController();
    set({ progress: { file: '', rowsWritten: 0, totalRows: 0 } });
    try {
      const tree = plan.single ? singleFileTree(target) : zipTree(target);
      const result = await exportApi.write(data, optionsOf(get()), tree, {
        signal: controller.signal,
        onProgress: (progress) => set({ progress }),
      });
      set({ progress: null, done: { fileName: plan.fileName, files: result.files } });
    } catch (error) {
      await target.abort().catch(() => {});
      const cancelled = controller.signal.aborted;
      set({
        progress: null,
        notice: cancelled
          ? { message: 'The export was cancelled.', hint: 'Nothing was saved.' }
          : { message: `The export failed: ${describe(error)}`, hint: 'Nothing was saved. Try again; if it fails again, export fewer formats or a smaller selection.' },
      });
    } finally {
      controller = null;
    }
  },
  cancel() {
    controller?.abort();
  },
  async writeTo(tree, onProgress) {
    const { data, formats } = get();
    if (!data) throw new Error('The dialogues are still being read.');
    if (formats.length === 0) throw new Error('No export format is chosen: tick at least one above.');
    await exportApi.write(data, optionsOf(get()), tree, {
      signal: new AbortController().signal,
      onProgress: (progress) => onProgress(`${progress.file}: ${progress.rowsWritten.toLocaleString('en-US')} of ${progress.totalRows.toLocaleString('en-US')} rows`),
    });
  },
}));
