import { z } from 'zod';
import { chunkOptionsSchema } from '../../core/records/corpus';

/** What the Corpus tab puts back after a reload: the search, its filters and the chunk settings. */
export const corpusViewSchema = z.object({
  query: z.string().max(2_000),
  filters: z.object({
    sourceIds: z.array(z.string()).optional(),
    hasMath: z.boolean().optional(),
    minTokens: z.number().optional(),
    maxTokens: z.number().optional(),
    tag: z.string().optional(),
  }),
  chunkOptions: chunkOptionsSchema,
});
export type CorpusView = z.infer<typeof corpusViewSchema>;

export const CORPUS_VIEW_KEY = 'corpus.view';
