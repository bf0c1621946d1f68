import { z } from 'zod';

// The row schemas of the corpus blocks (runBlocks.ts), zod only, so the CLI reads backups without loading Dexie.

/**
 * A source's documents in blocks (see runBlocks.ts), their fields in columns. The multi-entry unique index on
 * contentHashes keeps an exact duplicate from ever being stored twice, across all sources.
 */
export const documentBlockSchema = z
  .object({
    id: z.number().int().optional(),
    sourceId: z.string().min(1),
    firstId: z.number().int().positive(),
    firstOrdinal: z.number().int().nonnegative(),
    size: z.number().int().positive(),
    urls: z.array(z.string().nullable()),
    dates: z.array(z.string().nullable()),
    texts: z.array(z.string()),
    metadata: z.array(z.record(z.string(), z.unknown()).nullable()),
    contentHashes: z.array(z.string().min(1)),
  })
  .superRefine((block, ctx) => {
    for (const column of ['urls', 'dates', 'texts', 'metadata', 'contentHashes'] as const) {
      if (block[column].length !== block.size) ctx.addIssue({ code: 'custom', path: [column], message: `has ${block[column].length} values for ${block.size} documents` });
    }
  });
export type DocumentBlock = z.infer<typeof documentBlockSchema>;

/**
 * A chunk set's excerpts in blocks (see runBlocks.ts): one row per run of excerpts an import batch (or a re-chunk
 * page) wrote, with each excerpt's place in its document in columns, never a copy of its text.
 */
const count = z.number().int().nonnegative();
export const excerptBlockSchema = z
  .object({
    id: z.number().int().optional(),
    chunkSetId: z.string().min(1),
    sourceId: z.string().min(1),
    firstId: z.number().int().positive(),
    firstOrdinal: count,
    size: z.number().int().positive(),
    documentIds: z.array(z.number().int()),
    /** Position of each excerpt in its document. */
    indexes: z.array(count),
    starts: z.array(count),
    ends: z.array(count),
    tokens: z.array(count),
    mathSpans: z.array(count),
    oversized: z.array(z.boolean()),
    /** Tags of the excerpts at these positions of the block (few are tagged). */
    excerptTags: z.record(z.string().regex(/^\d+$/), z.array(z.string())),
    /** Every tag any excerpt of the block has: what the multi-entry tags index holds. */
    tags: z.array(z.string()),
    /** Copies of the text, kept only for excerpts stored before version 5 made excerpts offsets into documents. */
    texts: z.array(z.string().nullable()).optional(),
  })
  .superRefine((block, ctx) => {
    for (const column of ['documentIds', 'indexes', 'starts', 'ends', 'tokens', 'mathSpans', 'oversized', 'texts'] as const) {
      const length = block[column]?.length ?? block.size;
      if (length !== block.size) ctx.addIssue({ code: 'custom', path: [column], message: `has ${length} values for ${block.size} excerpts` });
    }
  });
export type ExcerptBlock = z.infer<typeof excerptBlockSchema>;
