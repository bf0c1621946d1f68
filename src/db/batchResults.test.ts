import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { recipeRequestsForLine } from '../core/recipe/batchRequests';
import { joinBatchResults } from '../core/recipe/batchResults';
import { sampleRecipe } from '../core/recipe/testing/sampleRecipe';
import { analysisRecordFor } from '../core/review/analysisRecord';
import { DEFAULT_FILTER_THRESHOLDS, thresholdsHash } from '../core/review/filters';
import { importBatchDialogues } from './batchResults';
import { dialoguesNeedingAnalysis, saveAnalyses } from './dialogueAnalysis';
import { getDialogue } from './dialogues';
import { scratchLabs } from './testing/scratchLabs';

const lab = scratchLabs();

const recipe = sampleRecipe({ styleAssignment: 'every' });
const made = ['Let $x = 2$. Then $x^2 = 4$.', 'A prime has exactly two divisors.'].flatMap((text, i) => {
  const result = recipeRequestsForLine(recipe, JSON.stringify({ documentId: `d${i}`, index: 0, url: `https://m.example/${i}`, text }));
  return result.kind === 'requests' ? result.requests : [];
});
const jsonl = (rows: readonly unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
const DIALOGUE = 'Alice: Why is x squared four?\nBob: Because two times two is four, as the excerpt says.\nAlice: So it is.';
const outputs = made.map(({ request }) => ({
  id: 'b',
  custom_id: request.custom_id,
  response: { status_code: 200, request_id: 'r', body: { model: 'stories260K.gguf', choices: [{ message: { role: 'assistant', content: DIALOGUE }, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 30 } } },
  error: null,
}));

describe('importBatchDialogues', () => {
  it('stores a batch import in one go, twice is once, and the dialogues wait for the review desk analysis', async () => {
    const db = lab();
    const { dialogues } = joinBatchResults({ recipe, requests: [{ name: 'q', text: jsonl(made.map((m) => m.request)) }], sources: [{ name: 's', text: jsonl(made.map((m) => m.source)) }], outputs: [{ name: 'o', text: jsonl(outputs) }] });
    expect(await importBatchDialogues(db, dialogues)).toEqual({ added: 4, alreadyHere: 0 });
    expect(await importBatchDialogues(db, dialogues)).toEqual({ added: 0, alreadyHere: 4 });
    const stored = await getDialogue(db, dialogues[0]!.id);
    expect(stored).toEqual(dialogues[0]);
    expect(stored!.batch?.customId).toBe(made[0]!.request.custom_id);

    const hash = thresholdsHash(DEFAULT_FILTER_THRESHOLDS);
    expect((await dialoguesNeedingAnalysis(db, hash)).sort()).toEqual(dialogues.map((d) => d.id).sort());
    await saveAnalyses(db, dialogues.map((d) => analysisRecordFor(d, null, DEFAULT_FILTER_THRESHOLDS)));
    expect(await dialoguesNeedingAnalysis(db, hash)).toEqual([]);
  });

  it('stores nothing when one dialogue is invalid', async () => {
    const db = lab();
    const { dialogues } = joinBatchResults({ recipe, requests: [{ name: 'q', text: jsonl(made.map((m) => m.request)) }], outputs: [{ name: 'o', text: jsonl(outputs) }] });
    const broken = [...dialogues, { ...dialogues[0]!, id: 'x', excerptText: '' }];
    await expect(importBatchDialogues(db, broken)).rejects.toThrow();
    expect(await db.dialogues.count()).toBe(0);
  });
});
