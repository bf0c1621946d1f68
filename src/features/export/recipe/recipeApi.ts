import { version as labVersion } from '../../../../package.json';
import { DEFAULT_CHUNK_OPTIONS } from '../../../core/chunking/chunk';
import { batchLineKind, joinBatchResults, type BatchFileKind, type BatchImport, type NamedText } from '../../../core/recipe/batchResults';
import { buildRecipe, readRecipe, writeRecipe, type RecipeInput } from '../../../core/recipe/recipe';
import { reviewStatisticsOf } from '../../../core/recipe/reviewStatistics';
import type { Recipe } from '../../../core/recipe/schema';
import type { ChunkOptionsRecord as ChunkOptions } from '../../../core/records/corpus';
import { DEFAULT_FILTER_THRESHOLDS, filterThresholdsSchema, type FilterThresholds } from '../../../core/review/filters';
import { APPROVED, LATEST, type TemplateVersionRecord } from '../../../core/templates/schema';
import { importBatchDialogues, type BatchDialoguesImported } from '../../../db/batchResults';
import { currentChunkSets } from '../../../db/corpusExcerpts';
import { getDatabase } from '../../../db/database';
import { readAnalyses } from '../../../db/dialogueAnalysis';
import { countDialogues } from '../../../db/dialogues';
import { allRatings } from '../../../db/ratings';
import { activeRubric } from '../../../db/rubrics';
import { readSetting } from '../../../db/settings';
import { getVersion, listTemplates } from '../../../db/templates';

/** The review desk keeps its thresholds under this setting (src/features/review/api.ts). */
const REVIEW_THRESHOLDS_KEY = 'review.filterThresholds';

export interface TemplateChoice {
  templateId: string;
  name: string;
  /** approved when the template has that label, latest otherwise: the version a recipe should travel with. */
  label: string;
  version: TemplateVersionRecord;
}

export interface LabRecipeState {
  templates: TemplateChoice[];
  chunking: ChunkOptions;
  filters: FilterThresholds;
  review: Recipe['provenance']['review'];
}

export type RecipeForm = Omit<RecipeInput, 'styles' | 'chunking' | 'filters' | 'labVersion' | 'review' | 'now'> & {
  styles: { templateId: string; weight: number }[];
};

/** A batch file a person picked, read as text (gzip undone), and what its first line says it is. */
export interface BatchFile extends NamedText {
  kind: BatchFileKind | null;
}

async function readText(file: File): Promise<string> {
  if (!file.name.endsWith('.gz')) return file.text();
  return new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

function kindOf(text: string): BatchFileKind | null {
  const first = text.split('\n').find((line) => line.trim());
  if (!first) return null;
  try {
    return batchLineKind(JSON.parse(first));
  } catch {
    return null;
  }
}

/** The recipe area's I/O. */
export const recipeApi = {
  /** What a recipe is made of in this lab now: its templates, the corpus's chunking, the review desk's thresholds and findings. */
  async labState(): Promise<LabRecipeState> {
    const db = getDatabase();
    const { templates } = await listTemplates(db);
    const choices: TemplateChoice[] = [];
    for (const template of templates) {
      const label = template.labels[APPROVED] ? APPROVED : LATEST;
      const versionId = template.labels[label];
      const version = versionId ? await getVersion(db, versionId) : null;
      if (version) choices.push({ templateId: template.id, name: template.name, label, version });
    }
    const chunkSets = await currentChunkSets(db);
    const newest = chunkSets.sort((a, b) => b.createdAt - a.createdAt)[0];
    const { value: filters } = await readSetting(db, REVIEW_THRESHOLDS_KEY, filterThresholdsSchema);
    const [dialogues, ratings, rubric, analyses] = await Promise.all([countDialogues(db), allRatings(db), activeRubric(db), readAnalyses(db)]);
    return {
      templates: choices,
      chunking: newest?.options ?? DEFAULT_CHUNK_OPTIONS,
      filters: filters ?? DEFAULT_FILTER_THRESHOLDS,
      review: reviewStatisticsOf(dialogues, ratings, rubric, analyses.records),
    };
  },

  /** The recipe the form describes, checked; throws with the field when something is off. */
  makeRecipe(form: RecipeForm, lab: LabRecipeState): Recipe {
    const styles = form.styles.map(({ templateId, weight }) => {
      const choice = lab.templates.find((t) => t.templateId === templateId);
      if (!choice) throw new RangeError(`The template ${templateId} is gone; reload the page.`);
      return { templateId, templateVersionId: choice.version.id, templateHash: choice.version.hash, weight, content: choice.version.content };
    });
    return buildRecipe({ ...form, styles, chunking: lab.chunking, filters: lab.filters, labVersion, review: lab.review });
  },

  writeRecipe,
  readRecipe: async (file: File) => readRecipe(file.name, await file.text()),

  readBatchFiles: (files: readonly File[]): Promise<BatchFile[]> =>
    Promise.all(
      files.map(async (file) => {
        const text = await readText(file);
        return { name: file.name, text, kind: kindOf(text) };
      }),
    ),

  /** Joins the files on custom_id and stores the dialogues in one transaction. */
  async importResults(recipe: Recipe, files: readonly BatchFile[]): Promise<{ joined: BatchImport; stored: BatchDialoguesImported }> {
    const of = (kind: BatchFileKind) => files.filter((file) => file.kind === kind);
    const joined = joinBatchResults({ recipe, requests: of('requests'), outputs: of('outputs'), sources: of('sources') });
    const stored = await importBatchDialogues(getDatabase(), joined.dialogues);
    return { joined, stored };
  },
};
