import { DEFAULT_CHUNK_OPTIONS } from '../../chunking/chunk';
import { DEFAULT_FILTER_THRESHOLDS } from '../../review/filters';
import { builtInFor } from '../../templates/builtins';
import type { StyleId } from '../../styles';
import { buildRecipe, type RecipeInput } from '../recipe';
import type { Recipe } from '../schema';

/** A recipe over built-in styles, as the lab would export it; tests override what they look at. */
export function sampleRecipe(overrides: Partial<RecipeInput> = {}, styles: readonly StyleId[] = ['TWO_STUDENTS', 'TEACHER_STUDENT']): Recipe {
  return buildRecipe({
    name: 'owm-sample',
    source: { kind: 'huggingface', dataset: 'open-web-math/open-web-math', revision: 'main', split: 'train', columns: { text: 'text', url: 'url' } },
    chunking: { ...DEFAULT_CHUNK_OPTIONS },
    styles: styles.map((style) => {
      const { template, version } = builtInFor(style);
      return { templateId: template.id, templateVersionId: version.id, templateHash: version.hash, weight: 1, content: version.content };
    }),
    model: { name: 'stories260K.gguf', chatTemplate: true },
    sampling: { temperature: 0, topP: 1, maxTokens: 32, seed: 7, stop: [] },
    filters: { ...DEFAULT_FILTER_THRESHOLDS },
    labVersion: '0.1.0',
    review: { dialogues: 3, reviewed: 2, kept: 1, rejected: 1, filterPassRate: 0.5 },
    now: new Date('2026-01-02T03:04:05Z'),
    ...overrides,
  });
}
