import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPlainTextPrompt } from '../prompts/plainTextFormat';
import { recipeRequestsForLine } from './batchRequests';
import { readRecipe } from './recipe';

// scale/test_ray_mind.py runs on these files; this keeps them what the lab writes today.
const fixtures = fileURLToPath(new URL('../../../scale/fixtures', import.meta.url));
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);

describe('scale/fixtures', () => {
  for (const [recipeFile, dir] of [['recipe.json', 'batch'], ['recipe-plain.json', 'batch-plain']] as const) {
    it(`${dir} holds what mind-lab batch makes of excerpts.jsonl with ${recipeFile}`, () => {
      const recipe = readRecipe(recipeFile, read(recipeFile));
      if (!recipe.ok) throw new Error(recipe.message);
      const made = read('excerpts.jsonl')
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          const result = recipeRequestsForLine(recipe.recipe, line);
          return result.kind === 'requests' ? result.requests : [];
        });
      expect(jsonLines(read(`${dir}/requests-00000.jsonl`))).toEqual(made.map((m) => m.request));
      expect(jsonLines(read(`${dir}/sources-00000.jsonl`))).toEqual(made.map((m) => m.source));
      if (dir === 'batch-plain') {
        const expected = JSON.parse(read(`${dir}/expected-prompts.json`)) as Record<string, string>;
        expect(expected).toEqual(Object.fromEntries(made.map((m) => [m.request.custom_id, formatPlainTextPrompt(m.request.body.messages).prompt])));
      }
    });
  }
});
