import { create } from 'zustand';
import type { BatchImport } from '../../../core/recipe/batchResults';
import type { Recipe, RecipeSource } from '../../../core/recipe/schema';
import type { SamplingParams } from '../../../core/types';
import type { BatchDialoguesImported } from '../../../db/batchResults';
import { downloadText } from '../../shared';
import { recipeApi, type LabRecipeState, type RecipeForm } from './recipeApi';

export interface ResultsReport {
  files: { name: string; kind: string }[];
  joined: BatchImport;
  stored: BatchDialoguesImported;
}

interface RecipeState {
  lab: LabRecipeState | null;
  form: RecipeForm;
  /** The recipe exported or imported last: batch results are read against it. */
  recipe: Recipe | null;
  busy: 'loading' | 'importing' | null;
  problem: { message: string; hint: string } | null;
  report: ResultsReport | null;
  load(): Promise<void>;
  patch(patch: Partial<RecipeForm>): void;
  patchSampling(patch: Partial<SamplingParams>): void;
  patchSource(source: RecipeSource): void;
  toggleStyle(templateId: string, included: boolean): void;
  setWeight(templateId: string, weight: number): void;
  exportRecipe(): void;
  importRecipe(file: File): Promise<void>;
  importResults(files: readonly File[]): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const FIX_FORM = 'Fix the field it names above, then export again.';
const FIX_FILE = 'Fix what it names (or export the recipe again from the lab that made it), then import again; nothing was changed.';
const FIX_FILES = 'Choose the files again; nothing was imported.';

const DEFAULT_FORM: RecipeForm = {
  name: 'mind-recipe',
  source: { kind: 'huggingface', dataset: 'open-web-math/open-web-math', revision: 'main', split: 'train', columns: { text: 'text', url: 'url' } },
  styles: [],
  styleAssignment: 'weighted',
  samplesPerExcerpt: 1,
  model: { name: '', chatTemplate: true },
  sampling: { temperature: 0.7, topP: 0.95, maxTokens: 1024, seed: 42, stop: [] },
  runId: null,
};

export const useRecipeStore = create<RecipeState>((set, get) => ({
  lab: null,
  form: DEFAULT_FORM,
  recipe: null,
  busy: null,
  problem: null,
  report: null,

  async load() {
    set({ busy: 'loading' });
    try {
      const lab = await recipeApi.labState();
      const { form } = get();
      // Every built-in style at weight 1 until the person chooses, as MIND mixes its seven styles.
      const styles = form.styles.length > 0 ? form.styles : lab.templates.filter((t) => t.templateId.startsWith('builtin:')).map((t) => ({ templateId: t.templateId, weight: 1 }));
      set({ lab, form: { ...form, styles } });
    } catch (error) {
      set({ problem: { message: `The lab's templates and settings could not be read: ${messageOf(error)}`, hint: 'Reload the page; if it keeps failing, back up the lab and check the browser console.' } });
    } finally {
      set({ busy: null });
    }
  },
  patch: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  patchSampling: (patch) => set((s) => ({ form: { ...s.form, sampling: { ...s.form.sampling, ...patch } } })),
  patchSource: (source) => set((s) => ({ form: { ...s.form, source } })),
  toggleStyle: (templateId, included) =>
    set((s) => ({ form: { ...s.form, styles: included ? [...s.form.styles.filter((x) => x.templateId !== templateId), { templateId, weight: 1 }] : s.form.styles.filter((x) => x.templateId !== templateId) } })),
  setWeight: (templateId, weight) => set((s) => ({ form: { ...s.form, styles: s.form.styles.map((x) => (x.templateId === templateId ? { ...x, weight } : x)) } })),

  exportRecipe() {
    const { lab, form } = get();
    if (!lab) return;
    try {
      const recipe = recipeApi.makeRecipe(form, lab);
      downloadText('recipe.json', recipeApi.writeRecipe(recipe));
      set({ recipe, problem: null });
    } catch (error) {
      set({ problem: { message: messageOf(error), hint: FIX_FORM } });
    }
  },

  async importRecipe(file) {
    const read = await recipeApi.readRecipe(file);
    if (!read.ok) return set({ problem: { message: read.message, hint: FIX_FILE } });
    const { recipe } = read;
    set((s) => ({
      recipe,
      problem: null,
      form: {
        ...s.form,
        name: recipe.name,
        source: recipe.source,
        styleAssignment: recipe.styleAssignment,
        samplesPerExcerpt: recipe.samplesPerExcerpt,
        model: recipe.model,
        sampling: recipe.sampling,
        runId: recipe.customId.runId,
        // Styles whose version is in this lab come back checked; the recipe itself keeps them all.
        styles: recipe.styles.flatMap((style) => (style.templateId && s.lab?.templates.some((t) => t.templateId === style.templateId) ? [{ templateId: style.templateId, weight: style.weight }] : [])),
      },
    }));
  },

  async importResults(files) {
    const { recipe } = get();
    if (!recipe) return set({ problem: { message: 'No recipe to read the results against.', hint: 'Export or import the recipe the batch was made from first: the results are read against its templates.' } });
    set({ busy: 'importing', problem: null, report: null });
    try {
      const read = await recipeApi.readBatchFiles(files);
      const unknown = read.filter((file) => file.kind === null);
      if (unknown.length > 0) throw new Error(`${unknown.map((f) => f.name).join(', ')}: not a batch request, output or sources file (its first line is none of them)`);
      if (!read.some((file) => file.kind === 'outputs')) throw new Error('no batch output file among those chosen (lines with "custom_id", "response", "error")');
      if (!read.some((file) => file.kind === 'requests')) throw new Error('no batch request file among those chosen: the answers are joined on custom_id with the requests they answer');
      const { joined, stored } = await recipeApi.importResults(recipe, read);
      set({ report: { files: read.map((file) => ({ name: file.name, kind: file.kind ?? '' })), joined, stored } });
    } catch (error) {
      set({ problem: { message: `The batch results were not imported: ${messageOf(error)}`, hint: FIX_FILES } });
    } finally {
      set({ busy: null });
    }
  },
}));
