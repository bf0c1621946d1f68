import { z } from 'zod';
import { getDatabase } from '../../db/database';
import { readSetting, writeSetting } from '../../db/settings';

/** The models to bring back after a reload, one per engine, as the person last loaded them. */
export const lastModelsSchema = z.object({
  wllama: z
    .union([
      z.object({ kind: z.literal('kept'), name: z.string().min(1), contextSize: z.number().int().positive(), threads: z.number().int().positive() }),
      z.object({ kind: z.literal('url'), url: z.string().url(), contextSize: z.number().int().positive(), threads: z.number().int().positive() }),
    ])
    .optional(),
  openai: z.object({ baseUrl: z.string().min(1), model: z.string().min(1) }).optional(),
  webllm: z.object({ modelId: z.string().min(1) }).optional(),
});
export type LastModels = z.infer<typeof lastModelsSchema>;

const KEY = 'models.last';

export const readLastModels = () => readSetting(getDatabase(), KEY, lastModelsSchema);

export async function rememberLastModel<K extends keyof LastModels>(kind: K, value: LastModels[K] | undefined): Promise<void> {
  const { value: current } = await readLastModels();
  const next: LastModels = { ...(current ?? {}) };
  if (value === undefined) delete next[kind];
  else next[kind] = value;
  await writeSetting(getDatabase(), KEY, lastModelsSchema, next);
}
