import { z } from 'zod';
import { samplingParamsSchema } from './dialogue';

export const samplingPresetSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  params: samplingParamsSchema,
});

export const runStatusSchema = z.enum(['running', 'paused', 'cancelled', 'done']);

export const skippedExcerptSchema = z.object({ excerptKey: z.string(), reason: z.string() });

export const runRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: runStatusSchema,
  /** Why the run is paused (a model gone, a server down), shown until it resumes. */
  pauseReason: z.string().nullable(),
  workingSetId: z.string().nullable(),
  templateVersionIds: z.array(z.string().min(1)).min(1),
  modelKeys: z.array(z.string().min(1)).min(1),
  presets: z.array(samplingPresetSchema).min(1),
  samplesPerExcerpt: z.number().int().min(1).max(100),
  /** Requests in flight at once on engines that serve several (OpenAI-compatible servers). */
  concurrency: z.number().int().min(1).max(64),
  excerptCount: z.number().int().nonnegative(),
  itemCount: z.number().int().nonnegative(),
  /** Excerpts left out before the run started, with the reason (longer than a model's context, say). */
  skipped: z.array(skippedExcerptSchema),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

export const workItemStateSchema = z.enum(['pending', 'done', 'failed']);

export const workItemErrorSchema = z.object({ code: z.string(), message: z.string(), hint: z.string() });

export const workItemRecordSchema = z.object({
  id: z.string().min(1),
  runId: z.string().min(1),
  /** Position in the plan: items run in this order. */
  ordinal: z.number().int().nonnegative(),
  state: workItemStateSchema,
  excerptKey: z.string().min(1),
  excerptId: z.string().nullable(),
  excerptText: z.string().min(1),
  url: z.string().nullable(),
  templateVersionId: z.string().min(1),
  templateHash: z.string().min(1),
  modelKey: z.string().min(1),
  presetId: z.string().min(1),
  params: samplingParamsSchema,
  sampleIndex: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  error: workItemErrorSchema.nullable(),
  dialogueId: z.string().nullable(),
  /** Completion tokens and generation time of the finished item, for the run's speed and ETA. */
  completionTokens: z.number().int().nonnegative().nullable(),
  totalMs: z.number().nonnegative().nullable(),
  updatedAt: z.number(),
});
export type WorkItemRecord = z.infer<typeof workItemRecordSchema>;
