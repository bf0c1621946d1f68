import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, renderTemplate } from '../templates';
import { PLAIN_TEXT_STOP } from '../prompts/plainTextFormat';
import { customIdOf, recipeRequestsForLine, ShardCutter, stylesForExcerpt, PLAIN_TEXT_CHAT_TEMPLATE } from './batchRequests';
import { excerptFromMessages } from './batchResults';
import { readRecipe, writeRecipe } from './recipe';
import { sampleRecipe } from './testing/sampleRecipe';

const requestsOf = (recipe: ReturnType<typeof sampleRecipe>, line: object) => {
  const result = recipeRequestsForLine(recipe, JSON.stringify(line));
  if (result.kind !== 'requests') throw new Error(result.kind === 'rejected' ? result.reason : 'blank');
  return result.requests;
};

describe('recipe.json', () => {
  it('reads back exactly what it wrote, for any name, weights, sampling and run id', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim().length > 0),
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 2, maxLength: 2 }),
        fc.record({ temperature: fc.double({ min: 0, max: 2, noNaN: true }), topP: fc.double({ min: 0.01, max: 1, noNaN: true }), maxTokens: fc.integer({ min: 1, max: 4096 }), seed: fc.nat(), stop: fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }) }),
        fc.option(fc.string({ minLength: 1 }), { nil: null }),
        (name, weights, sampling, runId) => {
          const base = sampleRecipe({ name, sampling, runId });
          const recipe = { ...base, styles: base.styles.map((style, i) => ({ ...style, weight: weights[i]! })) };
          const read = readRecipe('recipe.json', writeRecipe(recipe));
          expect(read).toEqual({ ok: true, recipe });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a bad file with a message naming the file and the field', () => {
    const good = JSON.parse(writeRecipe(sampleRecipe()));
    const message = (value: unknown) => {
      const read = readRecipe('r.json', typeof value === 'string' ? value : JSON.stringify(value));
      if (read.ok) throw new Error('accepted');
      return read.message;
    };
    expect(message('{"format": ')).toMatch(/^r\.json is not JSON/);
    expect(message({ ...good, format: 'other' })).toBe('r.json is not a MIND Lab recipe: format must be "mind-lab-recipe"');
    expect(message({ ...good, schemaVersion: 2 })).toMatch(/schemaVersion 2 is not one this lab reads/);
    const edited = structuredClone(good);
    edited.styles[1].content.user += ' Be brief.';
    expect(message(edited)).toBe('r.json: styles[1].templateHash: templateHash does not match the template text (the text was edited after export)');
    expect(message({ ...good, model: { chatTemplate: true } })).toMatch(/^r\.json: model\.name: /);
    expect(message({ ...good, chunking: { ...good.chunking, minTokens: 900 } })).toMatch(/^r\.json: chunking: Token limits must satisfy/);
    expect(message({ ...good, styles: [] })).toMatch(/^r\.json: styles: /);
    expect(message({ ...good, sampling: { ...good.sampling, topP: 0 } })).toMatch(/^r\.json: sampling\.topP: /);
  });
});

describe('batch requests from a recipe', () => {
  const excerpt = { documentId: 'doc', index: 2, url: 'https://math.example/1', text: 'Let $x = 2$. Then $x^2 = 4$.' };

  it('writes OpenAI batch lines with the recipe sampling, sample seeds and the lab work item id as custom_id', () => {
    const recipe = sampleRecipe({ styleAssignment: 'every', samplesPerExcerpt: 2 });
    const requests = requestsOf(recipe, excerpt);
    expect(requests).toHaveLength(4);
    const [first, second] = requests;
    expect(first!.request).toMatchObject({ method: 'POST', url: '/v1/chat/completions', body: { model: 'stories260K.gguf', temperature: 0, top_p: 1, max_tokens: 32, seed: 7 } });
    expect(second!.request.body.seed).toBe(8);
    expect(first!.request.body.messages).toEqual(renderTemplate(recipe.styles[0]!.content, excerpt.text));
    expect(first!.request.body).not.toHaveProperty('chat_template');
    expect(first!.request.custom_id).toBe(customIdOf(recipe, 'excerpt:doc:2', recipe.styles[0]!.templateHash, 0));
    expect(new Set(requests.map((r) => r.request.custom_id)).size).toBe(4);
    expect(first!.source).toEqual({ custom_id: first!.request.custom_id, style: 'TWO_STUDENTS', templateVersionId: recipe.styles[0]!.templateVersionId, templateHash: recipe.styles[0]!.templateHash, sampleIndex: 0, documentId: 'doc', url: excerpt.url, index: 2 });
    // Same input, same ids; another run id or model, other ids.
    expect(requestsOf(recipe, excerpt).map((r) => r.request.custom_id)).toEqual(requests.map((r) => r.request.custom_id));
    expect(requestsOf(sampleRecipe({ styleAssignment: 'every', samplesPerExcerpt: 2, runId: 'r2' }), excerpt)[0]!.request.custom_id).not.toBe(first!.request.custom_id);
    expect(recipeRequestsForLine(recipe, '{"text": ""}')).toEqual({ kind: 'rejected', reason: 'text: must not be empty' });
  });

  it('draws one style per excerpt by weight, the same on every call, near the weights over many excerpts', () => {
    const base = sampleRecipe();
    const recipe = { ...base, styles: [{ ...base.styles[0]!, weight: 3 }, { ...base.styles[1]!, weight: 1 }] };
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const [style] = stylesForExcerpt(recipe, `excerpt:d:${i}`);
      expect(stylesForExcerpt(recipe, `excerpt:d:${i}`)).toEqual([style]);
      counts.set(style!.style, (counts.get(style!.style) ?? 0) + 1);
    }
    expect(counts.get('TWO_STUDENTS')! / 4000).toBeCloseTo(0.75, 1);
  });

  it('for a model without a chat template sends the lab plain format as a vLLM chat_template, with its stop', () => {
    const recipe = sampleRecipe({ model: { name: 'tiny', chatTemplate: false } });
    const [only] = requestsOf(recipe, excerpt);
    expect(only!.request.body.chat_template).toBe(PLAIN_TEXT_CHAT_TEMPLATE);
    expect(only!.request.body.stop).toEqual([PLAIN_TEXT_STOP]);
    // scale/test_ray_mind.py renders the Jinja template with jinja2 and compares it with formatPlainTextPrompt.
  });

  it('cuts shards at the line and byte limits, a lone oversized line in a shard of its own', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 200 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 50, max: 400 }), (sizes, maxLines, maxBytes) => {
        const cutter = new ShardCutter({ maxLines, maxBytes });
        const shards: number[][] = [];
        for (const size of sizes) {
          cutter.add(size);
          (shards[cutter.shard] ??= []).push(size);
        }
        for (const shard of shards) {
          expect(shard.length).toBeGreaterThan(0);
          expect(shard.length).toBeLessThanOrEqual(maxLines);
          if (shard.length > 1) expect(shard.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(maxBytes);
        }
        expect(shards.flat()).toEqual(sizes);
      }),
    );
  });
});

describe('excerptFromMessages', () => {
  it('finds the excerpt of any built-in style rendering, whatever it holds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUILT_IN_TEMPLATES), fc.string({ minLength: 1 }).filter((s) => s.trim().length > 0), ({ version }, text) => {
        expect(excerptFromMessages(version, renderTemplate(version.content, text))).toBe(text.trim());
      }),
    );
  });

  it('says null for another style prompt or an edited one', () => {
    const [a, b] = BUILT_IN_TEMPLATES;
    const messages = renderTemplate(a!.version.content, 'Let x = 2.');
    expect(excerptFromMessages(b!.version, messages)).toBeNull();
    expect(excerptFromMessages(a!.version, messages.map((m) => ({ ...m, content: `${m.content}!` })))).toBeNull();
  });
});

describe('reviewStatisticsOf', () => {
  it('counts reviewed, kept and rejected from the latest submitted rating, drafts aside, and the filter pass rate', async () => {
    const { DEFAULT_RUBRIC } = await import('../review/rubric');
    const { reviewStatisticsOf } = await import('./reviewStatistics');
    const rating = (dialogueId: string, keep: string, status: 'submitted' | 'draft', updatedAt: number) => ({ id: `${dialogueId}-${updatedAt}`, dialogueId, rater: 'r', rubricId: DEFAULT_RUBRIC.id, status, answers: { keep }, createdAt: 0, updatedAt });
    const ratings = [rating('a', 'keep', 'submitted', 1), rating('a', 'reject', 'submitted', 2), rating('b', 'keep', 'submitted', 1), rating('c', 'keep', 'draft', 1)];
    const analyses = [{ filters: { pass: true, reasons: [] } }, { filters: { pass: false, reasons: [] } }, { filters: { pass: true, reasons: [] } }, { filters: { pass: true, reasons: [] } }];
    expect(reviewStatisticsOf(5, ratings, DEFAULT_RUBRIC, analyses)).toEqual({ dialogues: 5, reviewed: 2, kept: 1, rejected: 1, filterPassRate: 0.75 });
    expect(reviewStatisticsOf(0, [], DEFAULT_RUBRIC, []).filterPassRate).toBeNull();
  });
});
