import type { MindLabDatabase } from '../../../db/database';
import { discardChunkSet } from '../../../db/corpusExcerpts';
import { discardUnfinishedImports } from '../../../db/corpusSources';

/**
 * Removes what a stopped import or re-chunk wrote: every source still 'importing' and every chunk set still
 * 'building'. The client runs one task at a time, so after its worker is terminated anything unfinished is that
 * task's (the same rule start-up applies after a crash or reload).
 */
export async function discardUnfinishedWork(db: MindLabDatabase): Promise<void> {
  await discardUnfinishedImports(db);
  const building = await db.chunkSets.filter((set) => set.status === 'building').primaryKeys();
  for (const id of building) await discardChunkSet(db, id);
}
