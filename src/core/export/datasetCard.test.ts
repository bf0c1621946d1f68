import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_RUBRIC } from '../review/rubric';
import { datasetCard, sizeCategory } from './datasetCard';
import { textOptionsSchema } from './dialogueText';
import { DEFAULT_ROLE_MAP } from './roles';
import { KEPT_DIALOGUES } from './selection';
import { SummaryTally } from './summary';

describe('datasetCard', () => {
  it('puts a row count in the Hub\'s size bucket', () => {
    expect([0, 999, 1000, 9999, 10_000, 250_000].map(sizeCategory)).toEqual(['n<1K', 'n<1K', '1K<n<10K', '1K<n<10K', '10K<n<100K', '100K<n<1M']);
  });

  it('keeps any name and path plain data in its YAML front matter', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 30 }), (prettyName, path) => {
        const card = datasetCard({
          prettyName,
          summary: new SummaryTally(DEFAULT_RUBRIC).result(),
          files: [{ path, rows: 0, config: 'default' }],
          selection: KEPT_DIALOGUES,
          text: textOptionsSchema.parse({}),
          roles: DEFAULT_ROLE_MAP,
          thresholds: null,
          sourceDatasets: ['open-web-math/open-web-math'],
        });
        const front = parseYaml(card.slice(4, card.indexOf('\n---\n')));
        expect(front.pretty_name).toBe(prettyName);
        expect(front.configs).toEqual([{ config_name: 'default', data_files: [{ split: 'train', path }] }]);
      }),
    );
  });
});
