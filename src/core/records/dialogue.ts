import { z } from 'zod';
import { STYLE_IDS } from '../styles';

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
  finishReason: z.enum(['stop', 'length', 'abort', 'error']),
});

export const dialogueTurnSchema = z.object({ speaker: z.string(), text: z.string() });

export const dialogueRecordSchema = z.object({
  id: z.string().min(1),
  createdAt: z.number(),
  style: z.enum(STYLE_IDS),
  /** The excerpt as given to the model; kept so a dialogue stands on its own. */
  excerptText: z.string().min(1),
  /** Set when the excerpt came from the corpus. */
  excerptId: z.string().optional(),
  prompt: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  engine: z.enum(['webllm', 'wllama', 'openai']),
  model: z.string().min(1),
  params: samplingParamsSchema,
  rawOutput: z.string(),
  turns: z.array(dialogueTurnSchema),
  stats: generationStatsSchema,
  /** complete: the model finished; stopped: the user pressed Stop; truncated: hit max tokens. */
  status: z.enum(['complete', 'stopped', 'truncated']),
});

export type DialogueRecord = z.infer<typeof dialogueRecordSchema>;
