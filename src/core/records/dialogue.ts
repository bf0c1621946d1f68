import { z } from 'zod';

export const samplingParamsSchema = z.object({
  temperature: z.number().min(0).max(5),
  topP: z.number().gt(0).max(1),
  maxTokens: z.number().int().positive(),
  seed: z.number().int(),
  stop: z.array(z.string()),
});

export const generationStatsSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  timeToFirstTokenMs: z.number().nonnegative().nullable(),
  decodeTokensPerSecond: z.number().nonnegative().nullable(),
  totalMs: z.number().nonnegative(),
  finishReason: z.enum(['stop', 'length', 'context', 'abort', 'error']),
});

export const dialogueTurnSchema = z.object({ speaker: z.string(), text: z.string() });

/** MIND's basic checks, as run on every generation (see src/core/generation/checks.ts). */
export const basicChecksSchema = z.object({
  pass: z.boolean(),
  /** Why it failed, one sentence each; empty when it passed. */
  reasons: z.array(z.string()),
  speakers: z.number().int().nonnegative(),
});

/** Where a dialogue generated outside the lab came from: a batch run of a recipe, imported with its results. */
export const batchOriginSchema = z.object({
  recipeName: z.string().min(1),
  runId: z.string().nullable(),
  /** The request's custom_id (also the dialogue's workItemId). */
  customId: z.string().min(1),
  /** The output line's id and the server's request id, as the batch runner wrote them. */
  responseId: z.string().optional(),
  requestId: z.string().optional(),
});

export const engineKindSchema = z.enum(['webllm', 'wllama', 'openai']);

export const dialogueRecordSchema = z.object({
  id: z.string().min(1),
  createdAt: z.number(),
  /** The template's style: a MIND style id for the built-ins, the user's label for their own. */
  style: z.string().min(1),
  /** The exact template version the prompt came from, and its content hash. */
  templateVersionId: z.string().min(1),
  templateHash: z.string().min(1),
  /** The excerpt as given to the model; kept so a dialogue stands on its own. */
  excerptText: z.string().min(1),
  /** Set when the excerpt came from the corpus. */
  excerptId: z.string().optional(),
  url: z.string().nullable().optional(),
  prompt: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  engine: engineKindSchema,
  model: z.string().min(1),
  /** `engine:model`, how the lab addresses a loaded model. */
  modelKey: z.string().min(1),
  params: samplingParamsSchema,
  seed: z.number().int(),
  /** Set when the dialogue came from a run, with the work item it fulfils. */
  runId: z.string().optional(),
  workItemId: z.string().optional(),
  /** Set when the dialogue came back from a batch run of a recipe (no Dexie version: the field is not indexed). */
  batch: batchOriginSchema.optional(),
  rawOutput: z.string(),
  turns: z.array(dialogueTurnSchema),
  stats: generationStatsSchema,
  checks: basicChecksSchema,
  /** complete: the model finished; stopped: the user pressed Stop; truncated: hit max tokens. */
  status: z.enum(['complete', 'stopped', 'truncated']),
});

export type DialogueRecord = z.infer<typeof dialogueRecordSchema>;
export type BasicChecks = z.infer<typeof basicChecksSchema>;
