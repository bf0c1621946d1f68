import { z } from 'zod';
import { samplingParamsSchema } from '../../core/records/dialogue';
import { templateContentSchema } from '../../core/templates/schema';
import { engineKindSchema } from '../../core/records/dialogue';

/** What the Generate page puts back after a reload. */
export const workspaceSchema = z.object({
  excerpt: z.string().max(2_000_000),
  excerptId: z.string().optional(),
  url: z.string().nullable(),
  templateId: z.string().min(1),
  modelKey: z.string().nullable(),
  // Sampling as typed, even when a value is out of range: the form shows the problem again.
  params: z.object({
    temperature: z.number().optional(),
    topP: z.number().optional(),
    maxTokens: z.number().optional(),
    seed: z.number().optional(),
    stop: z.array(z.string()),
  }),
});
export type Workspace = z.infer<typeof workspaceSchema>;

/**
 * A generation in progress, written as it streams: if the tab goes away mid-stream (reload, crash, closed), the next
 * start saves it as a stopped dialogue instead of losing it.
 */
export const draftSchema = z.object({
  startedAt: z.number(),
  updatedAt: z.number(),
  version: z.object({ id: z.string().min(1), hash: z.string().min(1), content: templateContentSchema }),
  excerpt: z.object({ text: z.string().min(1), excerptId: z.string().optional(), url: z.string().nullable() }),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  target: z.object({ engine: engineKindSchema, modelName: z.string().min(1), key: z.string().min(1) }),
  params: samplingParamsSchema,
  raw: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;

export const WORKSPACE_KEY = 'generate.workspace';
export const DRAFT_PREFIX = 'generate.draft.';
