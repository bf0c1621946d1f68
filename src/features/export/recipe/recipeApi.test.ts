import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { recipeRequestsForLine } from '../../../core/recipe/batchRequests';
import { analysisRecordFor } from '../../../core/review/analysisRecord';
import { DEFAULT_RUBRIC } from '../../../core/review/rubric';
import { getDatabase } from '../../../db/database';
import { saveAnalyses } from '../../../db/dialogueAnalysis';
import { getDialogue } from '../../../db/dialogues';
import { saveRating } from '../../../db/ratings';
import { recipeApi } from './recipeApi';

const jsonl = (rows: readonly unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
const DIALOGUE = 'Ada: Why is x squared four?\nBen: Because two times two is four, as the excerpt says about x.\nAda: So the square of two is four.';

describe('the recipe area, from the lab to recipe.json and a batch back into review', () => {
  it('exports a recipe of the lab, reads it back, imports batch results (gzipped output) and they can be reviewed', async () => {
    const lab = await recipeApi.labState();
    expect(lab.templates.length).toBeGreaterThanOrEqual(7);
    expect(lab.review).toEqual({ dialogues: 0, reviewed: 0, kept: 0, rejected: 0, filterPassRate: null });
    const form = {
      name: 'lab-recipe',
      source: { kind: 'files' as const, files: [{ name: 'owm.jsonl' }], textField: 'text' },
      styles: lab.templates.slice(0, 2).map((t) => ({ templateId: t.templateId, weight: 2 })),
      styleAssignment: 'every' as const,
      samplesPerExcerpt: 1,
      model: { name: 'served-model', chatTemplate: true },
      sampling: { temperature: 0.5, topP: 0.9, maxTokens: 256, seed: 1, stop: [] },
      runId: null,
    };
    expect(() => recipeApi.makeRecipe({ ...form, model: { name: '', chatTemplate: true } }, lab)).toThrow(/model\.name/);
    const recipe = recipeApi.makeRecipe(form, lab);
    const read = await recipeApi.readRecipe(new File([recipeApi.writeRecipe(recipe)], 'recipe.json'));
    expect(read).toEqual({ ok: true, recipe });

    const made = ['Let $x = 2$. Then $x^2 = 4$.'].flatMap((text) => {
      const result = recipeRequestsForLine(recipe, JSON.stringify({ documentId: 'd', index: 0, url: 'https://m.example/x', text }));
      return result.kind === 'requests' ? result.requests : [];
    });
    const outputs = made.map(({ request }, i) =>
      i === 0
        ? { id: 'a', custom_id: request.custom_id, response: { status_code: 200, request_id: 'r', body: { model: 'served-model', choices: [{ message: { role: 'assistant', content: DIALOGUE }, finish_reason: 'stop' }], usage: { prompt_tokens: 50, completion_tokens: 60 } } }, error: null }
        : { id: 'b', custom_id: request.custom_id, response: null, error: { code: 'timeout', message: 'took too long' } },
    );
    const files = await recipeApi.readBatchFiles([
      new File([gzipSync(jsonl(outputs))], 'results.jsonl.gz'),
      new File([jsonl(made.map((m) => m.request))], 'requests-00000.jsonl'),
      new File([jsonl(made.map((m) => m.source))], 'sources-00000.jsonl'),
    ]);
    expect(files.map((f) => f.kind)).toEqual(['outputs', 'requests', 'sources']);
    const { joined, stored } = await recipeApi.importResults(recipe, files);
    expect(stored).toEqual({ added: 1, alreadyHere: 0 });
    expect(joined.problems).toEqual([{ file: 'results.jsonl.gz', line: 2, message: `${made[1]!.request.custom_id} failed: error timeout: took too long` }]);

    // Reviewed: the analysis the review desk's worker stores, then a rater keeps it.
    const db = getDatabase();
    const dialogue = (await getDialogue(db, joined.dialogues[0]!.id))!;
    expect(dialogue.url).toBe('https://m.example/x');
    await saveAnalyses(db, [analysisRecordFor(dialogue, null, lab.filters)]);
    await saveRating(db, { dialogueId: dialogue.id, rater: 'ada', rubric: DEFAULT_RUBRIC, status: 'submitted', answers: { keep: 'keep', faithfulness: 5 } });
    const after = await recipeApi.labState();
    expect(after.review).toMatchObject({ dialogues: 1, reviewed: 1, kept: 1, rejected: 0 });
  });
});
