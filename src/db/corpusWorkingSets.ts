import { workingSetRecordSchema, type WorkingSetRecord } from '../core/records/corpus';
import type { MindLabDatabase } from './database';

export async function saveWorkingSet(db: MindLabDatabase, set: WorkingSetRecord): Promise<void> {
  await db.workingSets.put(workingSetRecordSchema.parse(set));
}

export async function listWorkingSets(db: MindLabDatabase): Promise<WorkingSetRecord[]> {
  const rows = await db.workingSets.orderBy('createdAt').toArray();
  return rows.flatMap((row) => {
    const parsed = workingSetRecordSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function deleteWorkingSet(db: MindLabDatabase, id: string): Promise<void> {
  await db.workingSets.delete(id);
}
