import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { analysisRecordFor } from '../core/review/analysisRecord';
import { DEFAULT_FILTER_THRESHOLDS, thresholdsHash } from '../core/review/filters';
import { dialoguesNeedingAnalysis, storedAnalyses } from './dialogueAnalysis';
import { sampleDialogue } from './testing/sampleDialogue';
import { scratchLabs } from './testing/scratchLabs';

const lab = scratchLabs();

describe('storedAnalyses', () => {
  it('returns the valid analyses, reports the invalid ones, and names the dialogues with none or a stale one', async () => {
    const db = lab();
    const hash = thresholdsHash(DEFAULT_FILTER_THRESHOLDS);
    const template = analysisRecordFor(sampleDialogue('template', 0), null, DEFAULT_FILTER_THRESHOLDS);
    const ids = Array.from({ length: 60 }, (_, i) => `d-${String((i * 37) % 60).padStart(2, '0')}`);
    await db.dialogues.bulkPut(ids.map((id, i) => sampleDialogue(id, i)));
    const stale = (i: number) => i % 7 === 0;
    const missing = (i: number) => i % 5 === 0;
    const broken = (i: number) => i % 11 === 1;
    await db.dialogueAnalysis.bulkPut(
      ids.flatMap((id, i) =>
        missing(i) ? [] : [{ ...template, dialogueId: id, thresholdsHash: stale(i) ? 'other-thresholds' : hash, ...(broken(i) ? { signals: null as never } : {}) }],
      ),
    );
    const state = await storedAnalyses(db, hash);
    expect(state.needing.sort()).toEqual(ids.filter((_, i) => stale(i) || missing(i)).sort());
    expect(state.records.map((r) => r.dialogueId).sort()).toEqual(ids.filter((_, i) => !missing(i) && !broken(i)).sort());
    expect(state.problems).toHaveLength(ids.filter((_, i) => !missing(i) && broken(i)).length);
    expect(await dialoguesNeedingAnalysis(db, hash)).toEqual(state.needing);
  });
});
