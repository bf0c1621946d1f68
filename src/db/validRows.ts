import type { z } from 'zod';

export interface StoredRecordProblem {
  id: string;
  message: string;
}

/**
 * Checks rows read back from IndexedDB against their schema: valid ones are returned, invalid ones reported with
 * their id and the first failing field, never silently dropped or passed on.
 */
export function validRows<T extends z.ZodType>(schema: T, rows: readonly unknown[]): { records: z.infer<T>[]; problems: StoredRecordProblem[] } {
  const records: z.infer<T>[] = [];
  const problems: StoredRecordProblem[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) records.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      problems.push({ id: String((row as { id?: unknown } | null)?.id), message: issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid record' });
    }
  }
  return { records, problems };
}

/** One row that must be valid; throws naming the row and field otherwise. */
export function validRow<T extends z.ZodType>(schema: T, row: unknown, what: string): z.infer<T> {
  const { records, problems } = validRows(schema, [row]);
  if (problems[0]) throw new Error(`Stored ${what} ${problems[0].id} is unreadable: ${problems[0].message}`);
  return records[0]!;
}
