import { z } from 'zod';
import { engineKindSchema, samplingParamsSchema } from '../../core/records/dialogue';

/**
 * What a grid was planned from. Planning is deterministic, so this is enough to rebuild every cell's item id (and
 * the id of the dialogue saved for it) after a reload; the outputs themselves live in the dialogues table.
 */
export const gridSnapshotSchema = z.object({
  id: z.string().min(1),
  excerpts: z.array(z.object({ excerptId: z.string().optional(), text: z.string(), url: z.string().nullable().optional() })),
  versions: z.array(z.object({ id: z.string().min(1), hash: z.string().min(1), templateName: z.string(), number: z.number().int().positive() })),
  models: z.array(z.object({ key: z.string().min(1), modelName: z.string(), engine: engineKindSchema })),
  presets: z.array(z.object({ id: z.string().min(1), label: z.string(), params: samplingParamsSchema })),
});
export type GridSnapshot = z.infer<typeof gridSnapshotSchema>;
