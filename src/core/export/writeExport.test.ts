import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { PreferenceRecord } from '../records/review';
import { DEFAULT_RUBRIC } from '../review/rubric';
import { makeItem, pagesOf } from './exportFixtures';
import { memoryTree } from './fileTree';
import { pagedSource } from './pagedSource';
import { EXPORT_PATHS, writeExport, type ExportProgress } from './writeExport';

const items = [
  makeItem({ id: 'k1', style: 'DEBATE', ratings: [['ann', 'keep', 'submitted', 5], ['bob', 'keep', 'submitted', 4]] }),
  makeItem({ id: 'k2', style: 'TWO STUDENTS/odd', model: 'm2', editedTurns: [{ speaker: 'A', text: 'Edited turn.' }], ratings: [['ann', 'keep']] }),
  makeItem({ id: 'r1', style: 'DEBATE', ratings: [['ann', 'reject']] }),
  makeItem({ id: 'u1', style: 'DEBATE', ratings: [['ann', 'keep'], ['bob', 'reject']] }),
  makeItem({ id: 'n1', style: 'INTERVIEW', excerpt: 'Another excerpt.' }),
];
const preferences: PreferenceRecord[] = [{ id: 'cy|n1|u1', excerptKey: 'x', first: 'n1', second: 'u1', choice: 'first', shownLeft: 'n1', rater: 'cy', createdAt: 1 }];
const source = () => pagedSource({ rubric: DEFAULT_RUBRIC, thresholds: null, readPages: () => pagesOf(items, 2), preferences });
const decoder = new TextDecoder();
const lines = (bytes: Uint8Array | undefined) => decoder.decode(bytes).trimEnd().split('\n').map((line) => JSON.parse(line));

describe('writeExport', () => {
  it('writes every format of the kept dialogues, with a card that describes them', async () => {
    const tree = memoryTree();
    const progress: ExportProgress[] = [];
    const result = await writeExport(source(), { formats: ['jsonl', 'chat', 'sharegpt', 'dpo', 'parquet', 'nemotron'], selection: { verdict: 'kept' } } as never, tree, { onProgress: (p) => progress.push(p) });

    expect([...tree.files.keys()].sort()).toEqual([
      'README.md', 'chat.jsonl', 'data/preferences-00000-of-00001.parquet', 'data/train-00000-of-00001.parquet',
      'nemotron/DEBATE/part-00000.jsonl', 'nemotron/TWO_STUDENTS_odd/part-00000.jsonl', 'preferences.jsonl', 'pretraining.jsonl', 'sharegpt.jsonl',
    ]);
    const pretraining = lines(tree.files.get(EXPORT_PATHS.jsonl));
    expect(pretraining.map((row) => row.id)).toEqual(['k1', 'k2']);
    expect(pretraining[1]).toMatchObject({ text: 'A: Edited turn.', edited: true, verdict: 'kept' });
    expect(lines(tree.files.get(EXPORT_PATHS.chat))[0].messages[1]).toEqual({ role: 'assistant', content: 'It is 4.' });
    expect(lines(tree.files.get(EXPORT_PATHS.sharegpt))[0].conversations[0]).toEqual({ from: 'human', value: 'What is $2+2$?' });

    const parquet = await parquetReadObjects({ file: tree.files.get(EXPORT_PATHS.parquet)!.slice().buffer });
    expect(parquet.map((row) => [row.id, row.text])).toEqual(pretraining.map((row) => [row.id, row.text]));

    const nemotron = lines(tree.files.get('nemotron/DEBATE/part-00000.jsonl'));
    expect(nemotron.map((row) => [row['Conversational Style'], row.id])).toEqual([['DEBATE', 'k1']]);

    // Pairs come from the selection without its verdict: k1 and k2 (kept) against r1 (rejected) by ratings, n1 over u1
    // by choice; each written once both its sides have been read.
    const pairs = lines(tree.files.get(EXPORT_PATHS.dpo));
    expect(pairs.map((pair) => [pair.source, pair.chosen_id, pair.rejected_id])).toEqual([['ratings', 'k1', 'r1'], ['ratings', 'k2', 'r1'], ['pairwise', 'n1', 'u1']]);
    const preferenceTable = await parquetReadObjects({ file: tree.files.get(EXPORT_PATHS.dpoParquet)!.slice().buffer });
    expect(preferenceTable.map((pair) => [pair.chosen_id, pair.rejected_id, pair.prompt])).toEqual(pairs.map((pair) => [pair.chosen_id, pair.rejected_id, pair.prompt]));
    expect(pairs[0]).toMatchObject({ prompt: 'Two plus two is four.', chosen: 'Teacher: What is $2+2$?\n\nStudent: It is 4.\n\nTeacher: Right: $2+2=4$.' });
    expect(pairs[0].rejected_provenance.verdict).toBe('rejected');

    const card = decoder.decode(tree.files.get(EXPORT_PATHS.card));
    const front = parseYaml(card.split('---\n')[1]!);
    expect(front).toMatchObject({ license: 'odc-by', language: ['en'], task_categories: ['text-generation'], size_categories: ['n<1K'], source_datasets: ['open-web-math/open-web-math'] });
    expect(front.configs[0]).toEqual({ config_name: 'default', data_files: [{ split: 'train', path: EXPORT_PATHS.parquet }] });
    expect(front.configs.map((c: { config_name: string }) => c.config_name)).toContain('nemotron-TWO_STUDENTS_odd');
    expect(card).toContain('| DEBATE | 1 | 100.0%');
    expect(card).toContain('2 kept, 0 rejected, 0 undecided');

    expect(result.summary?.dialogues).toBe(2);
    expect(result.files.find((f) => f.path === EXPORT_PATHS.dpo)?.rows).toBe(3);
    expect(progress.at(-1)).toMatchObject({ rowsWritten: 10, totalRows: 10 });
  });

  it('exports nothing but the card when the selection is empty', async () => {
    const tree = memoryTree();
    const result = await writeExport(source(), { formats: ['jsonl', 'nemotron'], selection: { verdict: 'rejected', styles: ['INTERVIEW'] } } as never, tree);
    expect(decoder.decode(tree.files.get(EXPORT_PATHS.jsonl))).toBe('');
    expect([...tree.files.keys()].sort()).toEqual(['README.md', 'pretraining.jsonl']);
    expect(result.summary?.dialogues).toBe(0);
  });

  it('stops at the next page once cancelled', async () => {
    const controller = new AbortController();
    const tree = memoryTree();
    const run = writeExport(source(), { formats: ['jsonl'], selection: { verdict: 'any' } } as never, tree, {
      signal: controller.signal,
      onProgress: (p) => p.rowsWritten > 0 && controller.abort(),
    });
    await expect(run).rejects.toThrow(/cancelled|abort/i);
    expect(tree.files.has(EXPORT_PATHS.card)).toBe(false);
  });
});
