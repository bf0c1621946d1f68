import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dialogueRecordSchema } from '../records/dialogue';
import { recipeRequestsForLine, type RecipeRequest } from './batchRequests';
import { batchLineKind, joinBatchResults } from './batchResults';
import { sampleRecipe } from './testing/sampleRecipe';

const recipe = sampleRecipe({ styleAssignment: 'every' });
const excerpts = [
  { documentId: 'd1', index: 0, url: 'https://a.example', text: 'Let $x = 2$. Then $x^2 = 4$.' },
  { documentId: 'd2', index: 3, url: null, text: 'A prime has exactly two divisors.' },
];
const made: RecipeRequest[] = excerpts.flatMap((line) => {
  const result = recipeRequestsForLine(recipe, JSON.stringify(line));
  return result.kind === 'requests' ? result.requests : [];
});
const jsonl = (rows: readonly unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';

const answer = (customId: string, content: string, extra: { finish?: string } = {}) => ({
  id: `batch_req_${customId.slice(0, 6)}`,
  custom_id: customId,
  response: {
    status_code: 200,
    request_id: `req-${customId.slice(0, 6)}`,
    body: { id: 'chatcmpl-1', object: 'chat.completion', created: 1_700_000_000, model: 'stories260K.gguf', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: extra.finish ?? 'stop' }], usage: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 } },
  },
  error: null,
});
const DIALOGUE = 'Alice: Why is x squared four?\nBob: Because two times two is four.\nAlice: So it is.';

describe('joinBatchResults', () => {
  it('joins outputs in any order on custom_id into valid dialogues with the recipe provenance', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(made, { minLength: made.length, maxLength: made.length }), (order) => {
        const result = joinBatchResults({
          recipe,
          requests: [{ name: 'requests-00000.jsonl', text: jsonl(made.map((m) => m.request)) }],
          sources: [{ name: 'sources-00000.jsonl', text: jsonl(made.map((m) => m.source)) }],
          outputs: [{ name: 'results.jsonl', text: jsonl(order.map((m) => answer(m.request.custom_id, DIALOGUE))) }],
          now: 5,
        });
        expect(result.problems).toEqual([]);
        expect(result.counts).toEqual({ requests: 4, outputs: 4, dialogues: 4, errors: 0, unanswered: 0 });
        for (const dialogue of result.dialogues) {
          const request = made.find((m) => m.request.custom_id === dialogue.workItemId)!;
          expect(dialogueRecordSchema.parse(dialogue)).toEqual(dialogue);
          expect(dialogue).toMatchObject({
            id: `dialogue-${request.request.custom_id}`,
            templateVersionId: request.source.templateVersionId,
            templateHash: request.source.templateHash,
            style: request.source.style,
            engine: 'openai',
            model: 'stories260K.gguf',
            modelKey: 'openai:stories260K.gguf',
            seed: 7,
            params: { temperature: 0, topP: 1, maxTokens: 32, seed: 7, stop: [] },
            prompt: request.request.body.messages,
            createdAt: 1_700_000_000_000,
            batch: { recipeName: 'owm-sample', runId: null, customId: request.request.custom_id, requestId: `req-${request.request.custom_id.slice(0, 6)}` },
          });
          expect(excerpts.some((e) => e.text === dialogue.excerptText && (e.url ?? null) === dialogue.url)).toBe(true);
          expect(dialogue.turns.map((t) => t.speaker)).toEqual(['Alice', 'Bob', 'Alice']);
          expect(dialogue.stats.completionTokens).toBe(12);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('keeps going past errors and bad lines, and reports each by file and line', () => {
    const [a, b, c, d] = made.map((m) => m.request.custom_id) as [string, string, string, string];
    const outputs = [
      answer(a, DIALOGUE, { finish: 'length' }),
      { id: 'x', custom_id: b, response: null, error: { code: 'server_error', message: 'engine died' } },
      { id: 'y', custom_id: c, response: { status_code: 400, request_id: 'r', body: { error: { message: 'context too long' } } }, error: null },
      answer('unknown-id', DIALOGUE),
      answer(a, 'Second answer: dropped'),
    ];
    const text = `${jsonl(outputs)}{"id": "torn", "custom_id": "${d}", "respo`;
    const result = joinBatchResults({ recipe, requests: [{ name: 'req.jsonl', text: jsonl(made.map((m) => m.request)) }], outputs: [{ name: 'out.jsonl', text }] });
    expect(result.dialogues.map((x) => x.workItemId)).toEqual([a]);
    expect(result.dialogues[0]!.status).toBe('truncated');
    // Without the sources file the url is unknown, the excerpt still comes back from the prompt.
    expect(result.dialogues[0]!.url).toBeNull();
    expect(result.dialogues[0]!.excerptText).toBe(excerpts[0]!.text);
    expect(result.counts).toEqual({ requests: 4, outputs: 4, dialogues: 1, errors: 2, unanswered: 1 });
    expect(result.problems).toEqual([
      { file: 'out.jsonl', line: 6, message: 'not valid JSON (a cut-off last line?)' },
      { file: 'out.jsonl', line: 5, message: `answer for ${a} again (first at out.jsonl:1); the first is kept` },
      { file: 'out.jsonl', line: 2, message: `${b} failed: error server_error: engine died` },
      { file: 'out.jsonl', line: 3, message: `${c} failed: HTTP 400: context too long` },
      { file: 'out.jsonl', line: 4, message: 'no request with custom_id unknown-id in the request files given' },
    ]);
  });

  it('refuses prompts that no style of the recipe rendered', () => {
    const other = sampleRecipe({}, ['DEBATE']);
    const result = joinBatchResults({ recipe: other, requests: [{ name: 'r', text: jsonl(made.map((m) => m.request)) }], outputs: [{ name: 'o', text: jsonl([answer(made[0]!.request.custom_id, DIALOGUE)]) }] });
    expect(result.dialogues).toEqual([]);
    expect(result.problems[0]!.message).toMatch(/was not rendered from any template of the recipe/);
  });

  it('tells request, output and source lines apart', () => {
    expect(batchLineKind(made[0]!.request)).toBe('requests');
    expect(batchLineKind(made[0]!.source)).toBe('sources');
    expect(batchLineKind(answer('x', 'y'))).toBe('outputs');
    expect(batchLineKind({ text: 'x' })).toBeNull();
  });
});
