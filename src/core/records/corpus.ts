import { z } from 'zod';

/** How many rejected records a source keeps in full; the rest are only counted. */
export const REJECTED_KEPT = 100;

export const rejectedRecordSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  reason: z.string().min(1),
});

export const chunkOptionsSchema = z
  .object({
    targetTokens: z.number().int().positive(),
    minTokens: z.number().int().nonnegative(),
    maxTokens: z.number().int().positive(),
    shortChunks: z.enum(['merge', 'drop']),
  })
  .refine((o) => o.minTokens <= o.targetTokens && o.targetTokens <= o.maxTokens, {
    message: 'Token limits must satisfy min ≤ target ≤ max.',
  });

export const sourceKindSchema = z.enum(['file', 'paste', 'huggingface', 'demo']);

export const sourceRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: sourceKindSchema,
  format: z.string(),
  /** 'importing' until the last batch is written; anything left 'importing' is removed on the next start. */
  status: z.enum(['importing', 'complete']),
  createdAt: z.number(),
  completedAt: z.number().nullable(),
  bytes: z.number().nonnegative(),
  documentCount: z.number().int().nonnegative(),
  duplicateCount: z.number().int().nonnegative(),
  rejectedCount: z.number().int().nonnegative(),
  /** The first REJECTED_KEPT rejections in full. */
  rejected: z.array(rejectedRecordSchema).max(REJECTED_KEPT),
  /** Where the text comes from and under which license, shown beside the source. */
  attribution: z.string().nullable(),
});

export const documentRecordSchema = z.object({
  id: z.number().int().optional(),
  sourceId: z.string().min(1),
  /** Position within its source, 0-based and dense: pages are read by key range on [sourceId+ordinal]. */
  ordinal: z.number().int().nonnegative(),
  url: z.string().nullable(),
  date: z.string().nullable(),
  text: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  contentHash: z.string().min(1),
});

export const chunkSetRecordSchema = z.object({
  id: z.string().min(1),
  sourceId: z.string().min(1),
  createdAt: z.number(),
  options: chunkOptionsSchema,
  status: z.enum(['building', 'complete']),
  excerptCount: z.number().int().nonnegative(),
});

export const excerptRecordSchema = z.object({
  id: z.number().int().optional(),
  chunkSetId: z.string().min(1),
  sourceId: z.string().min(1),
  documentId: z.number().int(),
  /** Position within its chunk set, 0-based and dense. */
  ordinal: z.number().int().nonnegative(),
  index: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  tokens: z.number().int().nonnegative(),
  mathSpans: z.number().int().nonnegative(),
  oversized: z.boolean(),
  tags: z.array(z.string()),
});

export const workingSetRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: z.number(),
  excerptIds: z.array(z.number().int()),
  /** Set when the set is a seeded random sample, so it can be drawn again. */
  sample: z.object({ seed: z.number().int(), size: z.number().int().positive(), drawnFrom: z.number().int() }).nullable(),
});

export type RejectedRecordRow = z.infer<typeof rejectedRecordSchema>;
export type SourceRecord = z.infer<typeof sourceRecordSchema>;
export type DocumentRecord = z.infer<typeof documentRecordSchema>;
export type ChunkSetRecord = z.infer<typeof chunkSetRecordSchema>;
export type ExcerptRecord = z.infer<typeof excerptRecordSchema>;
export type WorkingSetRecord = z.infer<typeof workingSetRecordSchema>;
export type ChunkOptionsRecord = z.infer<typeof chunkOptionsSchema>;
