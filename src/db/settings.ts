import type { z } from 'zod';
import type { MindLabDatabase } from './database';

/**
 * Small key/value preferences. Every read and write goes through a zod schema, so a value stored by an older build
 * or edited by hand comes back as a reported problem, never as a wrong-typed value.
 */
export async function readSetting<T>(
  db: MindLabDatabase,
  key: string,
  schema: z.ZodType<T>,
): Promise<{ value: T | null; problem: string | null }> {
  const row = await db.settings.get(key);
  if (!row) return { value: null, problem: null };
  const parsed = schema.safeParse(row.value);
  if (parsed.success) return { value: parsed.data, problem: null };
  return { value: null, problem: `The stored setting "${key}" is unreadable (${parsed.error.issues[0]?.message ?? 'invalid'}); it was ignored.` };
}

/** Validates first, so nothing invalid is ever stored. */
export async function writeSetting<T>(db: MindLabDatabase, key: string, schema: z.ZodType<T>, value: T): Promise<void> {
  await db.settings.put({ key, value: schema.parse(value) });
}

export async function removeSetting(db: MindLabDatabase, key: string): Promise<void> {
  await db.settings.delete(key);
}
