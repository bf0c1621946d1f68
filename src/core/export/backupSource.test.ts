import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackupLineWriter } from '../backup';
import { DEFAULT_FILTER_THRESHOLDS, thresholdsHash } from '../review/filters';
import { DEFAULT_RUBRIC } from '../review/rubric';
import { backupExportSource } from './backupSource';
import { makeItem } from './exportFixtures';
import { ALL_DIALOGUES } from './selection';

const strictRubric = { ...DEFAULT_RUBRIC, id: 'strict', name: 'Strict' };

/** Backup lines of these items, tables in the lab's order: dialogues first, then the small tables, then the corpus. */
function backupLines(items: ReturnType<typeof makeItem>[]): string[] {
  const tables: Record<string, unknown[]> = {
    dialogues: items.map((item) => ({ ...item.dialogue, excerptId: item.dialogue.id === 'a' ? '7' : undefined })),
    settings: [{ key: 'review.activeRubricId', value: 'strict' }],
    ratings: [...items.flatMap((item) => item.ratings.map((rating) => ({ ...rating, rubricId: 'strict' }))), { id: 'broken', dialogueId: 'a' }],
    rubrics: [strictRubric],
    dialogueAnalysis: items.flatMap((item) => (item.analysis ? [item.analysis] : [])),
    dialogueEdits: items.flatMap((item) => (item.edit ? [item.edit] : [])),
    documents: [{ id: 3, sourceId: 's', ordinal: 0, url: null, date: null, text: 'Two plus two is four.', metadata: null, contentHash: 'doc-3' }],
    excerpts: [{ id: 7, documentId: 3 }],
  };
  const writer = BackupLineWriter.create({ schemaVersion: 5, createdAt: 1, tables: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])) });
  const lines = [writer.headerLine()];
  for (const [name, rows] of Object.entries(tables)) for (const row of rows) lines.push(writer.rowLine(name, JSON.parse(JSON.stringify(row))));
  return [...lines, writer.endLine()].map((line) => line.trimEnd());
}

describe('backupExportSource', () => {
  it('gives every dialogue with its own ratings, edit, analysis and document, under the active rubric', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: 1, maxLength: 30 }), fc.boolean(), async (ids, withAnalysis) => {
        const sorted = ['a', ...ids.filter((id) => id !== 'a')].sort();
        const items = sorted.map((id, i) =>
          makeItem({ id, ratings: i % 2 ? [['ann', 'keep']] : [['ann', 'reject'], ['bob', 'reject']], editedTurns: i % 3 ? undefined : [{ speaker: 'A', text: `edit ${id}` }], filterPass: withAnalysis ? i % 2 === 0 : null }),
        );
        const lines = backupLines(items);
        const source = await backupExportSource(() => lines);
        expect(source.rubric.id).toBe('strict');
        const read = [];
        for await (const page of source.pages(ALL_DIALOGUES)) read.push(...page);
        expect(read.map((item) => item.dialogue.id)).toEqual(sorted);
        for (const [i, item] of read.entries()) {
          expect(item.ratings.map((r) => r.rater)).toEqual(items[i]!.ratings.map((r) => r.rater));
          expect(item.edit?.turns ?? null).toEqual(items[i]!.edit?.turns ?? null);
          // Without a stored analysis the filters run on it here.
          if (withAnalysis) expect(item.analysis).toEqual(items[i]!.analysis);
          else expect(item.analysis?.thresholdsHash).toBe(thresholdsHash(DEFAULT_FILTER_THRESHOLDS));
          expect(item.document).toEqual(item.dialogue.id === 'a' ? { id: '3', hash: 'doc-3' } : null);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('stops reading the file where the dialogues end', async () => {
    const lines = backupLines([makeItem({ id: 'a' }), makeItem({ id: 'b' })]);
    let read = 0;
    const source = await backupExportSource(function* () {
      for (const line of lines) {
        read += 1;
        yield line;
      }
    });
    read = 0;
    for await (const page of source.pages(ALL_DIALOGUES)) expect(page).toHaveLength(2);
    // The header, two dialogues and the first settings row that ends them.
    expect(read).toBe(4);
  });
});
