import { afterEach } from 'vitest';
import { MindLabDatabase } from '../database';

/** For a test file: a maker of fresh lab databases, each deleted after the test that made it. */
export function scratchLabs(): () => MindLabDatabase {
  const labs: MindLabDatabase[] = [];
  afterEach(async () => {
    await Promise.all(labs.splice(0).map((db) => db.delete()));
  });
  return () => {
    const db = new MindLabDatabase(`t-${Math.random()}`);
    labs.push(db);
    return db;
  };
}
