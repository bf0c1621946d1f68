import { z } from 'zod';
import { chunkOptionsSchema } from '../records/corpus';
import { samplingParamsSchema } from '../records/dialogue';
import { filterThresholdsSchema } from '../review/filters';
import { templateContentSchema } from '../templates/schema';
import { hashTemplateContent } from '../templates/variables';

/**
 * recipe.json: everything a run of the lab's recipe at cluster scale needs, so vLLM, an OpenAI-style batch API or
 * Ray Data produce what the lab would (ANCHORS: "A recipe that travels needs …"). Versioned: a reader refuses a
 * schemaVersion it does not know instead of guessing.
 */
export const RECIPE_FORMAT = 'mind-lab-recipe';
export const RECIPE_SCHEMA_VERSION = 1;
/** How custom_id is made; see customIdOf in batchRequests.ts. A new scheme gets a new name. */
export const CUSTOM_ID_SCHEME = 'mind-lab-work-item/1';

const huggingFaceSourceSchema = z.object({
  kind: z.literal('huggingface'),
  dataset: z.string().min(1),
  /** A branch, tag or commit; a commit pins the data exactly. */
  revision: z.string().min(1),
  config: z.string().min(1).optional(),
  split: z.string().min(1),
  /** The column holding the text, and the one holding the page's url when there is one. */
  columns: z.object({ text: z.string().min(1), url: z.string().min(1).optional() }),
});

const fileSourceSchema = z.object({
  kind: z.literal('files'),
  files: z.array(z.object({ name: z.string().min(1), bytes: z.number().int().nonnegative().optional(), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() })),
  textField: z.string().min(1),
});

export const recipeSourceSchema = z.discriminatedUnion('kind', [huggingFaceSourceSchema, fileSourceSchema]);

export const recipeStyleSchema = z
  .object({
    style: z.string().min(1),
    templateId: z.string().min(1).optional(),
    templateVersionId: z.string().min(1),
    templateHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lowercase hex'),
    /** Share of the excerpts this style gets (with assignment "weighted"); weights need not sum to 1. */
    weight: z.number().positive(),
    content: templateContentSchema,
  })
  .refine((style) => hashTemplateContent(style.content) === style.templateHash, {
    message: 'templateHash does not match the template text (the text was edited after export)',
    path: ['templateHash'],
  });

export const RECIPE_OUTPUT_COLUMNS = ['text', 'messages', 'excerpt', 'style', 'templateVersionId', 'templateHash', 'model', 'sampling', 'seed', 'url', 'documentId', 'customId', 'filters'] as const;

export const reviewStatisticsSchema = z.object({
  dialogues: z.number().int().nonnegative(),
  /** Dialogues with at least one submitted rating. */
  reviewed: z.number().int().nonnegative(),
  kept: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Share of the analysed dialogues that passed every filter; null when none was analysed. */
  filterPassRate: z.number().min(0).max(1).nullable(),
});

export const recipeSchema = z.object({
  format: z.literal(RECIPE_FORMAT),
  schemaVersion: z.literal(RECIPE_SCHEMA_VERSION),
  name: z.string().trim().min(1),
  source: recipeSourceSchema,
  chunking: chunkOptionsSchema,
  styles: z
    .array(recipeStyleSchema)
    .min(1)
    .refine((styles) => new Set(styles.map((s) => s.templateHash)).size === styles.length, 'the same template version is listed twice'),
  /** weighted: each excerpt gets one style, drawn by weight from its key (the same in every shard); every: all of them. */
  styleAssignment: z.enum(['weighted', 'every']),
  samplesPerExcerpt: z.number().int().min(1).max(64),
  model: z.object({
    /** The model name sent in each request (what the server serves it as). */
    name: z.string().min(1, 'give the model name as the servers serve it'),
    /** false: the model has no chat template; requests carry the lab's plain-text format as a vLLM chat_template. */
    chatTemplate: z.boolean(),
  }),
  /** Sample i of an excerpt uses sampling.seed + i. */
  sampling: samplingParamsSchema,
  customId: z.object({
    scheme: z.literal(CUSTOM_ID_SCHEME),
    /** Part of every custom_id: two recipes with different run ids never share ids. */
    runId: z.string().min(1).nullable(),
  }),
  filters: filterThresholdsSchema,
  output: z.object({ columns: z.array(z.enum(RECIPE_OUTPUT_COLUMNS)).min(1) }),
  provenance: z.object({
    labVersion: z.string().min(1),
    exportedAt: z.string().min(1),
    review: reviewStatisticsSchema,
  }),
});

export type Recipe = z.infer<typeof recipeSchema>;
export type RecipeStyle = z.infer<typeof recipeStyleSchema>;
export type RecipeSource = z.infer<typeof recipeSourceSchema>;
export type ReviewStatistics = z.infer<typeof reviewStatisticsSchema>;
