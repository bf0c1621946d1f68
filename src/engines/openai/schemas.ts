import { z } from 'zod';

/** GET /v1/models. vLLM adds `max_model_len`; other servers add their own fields, which are ignored. */
export const modelListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      max_model_len: z.number().int().positive().optional(),
    }),
  ),
});
export type ModelList = z.infer<typeof modelListSchema>;

export const usageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof usageSchema>;

/** The error object of an error body; `n_prompt_tokens`/`n_ctx` come with llama-server's exceed_context_size_error. */
export const errorDetailSchema = z.object({
  message: z.string().optional(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  n_prompt_tokens: z.number().optional(),
  n_ctx: z.number().optional(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** Error bodies as servers really send them: `{error: {...}}` (OpenAI, llama-server, vLLM), `{error: "..."}` (Ollama),
 * or a flat `{message, type, code}` (older vLLM). */
export const errorBodySchema = z.union([
  z.object({ error: errorDetailSchema }),
  z.object({ error: z.string() }).transform(({ error }) => ({ error: { message: error } as ErrorDetail })),
  errorDetailSchema.extend({ message: z.string() }).transform((detail) => ({ error: detail })),
]);

/**
 * One streamed chat.completion.chunk. The first delta may carry `content: null`; with include_usage the last chunk
 * has empty `choices` and a `usage` (llama-server adds `timings` there).
 */
export const chatChunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: usageSchema.nullish(),
  timings: z.object({ predicted_per_second: z.number().nullish() }).nullish(),
});
export type ChatChunk = z.infer<typeof chatChunkSchema>;

/** A whole (non-streamed) chat.completion, for servers that ignore `stream: true`. */
export const chatCompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema.nullish(),
});
