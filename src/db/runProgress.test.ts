import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MindLabDatabase } from './database';
import { createImportingSource } from './corpusSources';
import { storeDocumentBatch } from './corpusDocuments';
import { createChunkSet } from './corpusExcerpts';
import { saveWorkingSet } from './corpusWorkingSets';
import { workingSetExcerpts } from './runProgress';
import { allStoredExcerpts } from './testing/storedCorpus';

let db: MindLabDatabase;
afterEach(async () => {
  await db.delete();
});

async function storeExcerpts(pages: { url: string; chunks: string[] }[]): Promise<number[]> {
  await createImportingSource(db, { id: 's', name: 's.jsonl', kind: 'file', format: 'jsonl', bytes: 10, attribution: null });
  const set = await createChunkSet(db, 's', { targetTokens: 500, minTokens: 100, maxTokens: 800, shortChunks: 'merge' });
  await storeDocumentBatch(
    db,
    { sourceId: 's', chunkSetId: set.id, nextDocumentOrdinal: 0, nextExcerptOrdinal: 0 },
    pages.map(({ url, chunks }) => ({
      document: { url, date: null, text: chunks.join('\n\n'), metadata: null, contentHash: url },
      excerpts: chunks.map((text, index) => {
        const start = chunks.slice(0, index).reduce((at, chunk) => at + chunk.length + 2, 0);
        return { index, start, end: start + text.length, tokens: 3, mathSpans: 0, oversized: false };
      }),
    })),
  );
  return (await allStoredExcerpts(db)).map((excerpt) => excerpt.id);
}

describe('workingSetExcerpts', () => {
  it("gives a working set's excerpts in the set's order with their page's url, and names the ids that are gone", async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const [a, b, c] = await storeExcerpts([
      { url: 'https://math.example/one', chunks: ['$1 + 1 = 2$', '$2 + 2 = 4$'] },
      { url: 'https://math.example/two', chunks: ['$3 \\cdot 3 = 9$'] },
    ]);
    await saveWorkingSet(db, { id: 'w', name: 'Sums', createdAt: 1, excerptIds: [c!, 999_999, a!, b!], sample: null });
    expect(await workingSetExcerpts(db, 'w')).toEqual({
      excerpts: [
        { excerptId: String(c), text: '$3 \\cdot 3 = 9$', url: 'https://math.example/two' },
        { excerptId: String(a), text: '$1 + 1 = 2$', url: 'https://math.example/one' },
        { excerptId: String(b), text: '$2 + 2 = 4$', url: 'https://math.example/one' },
      ],
      missingIds: [999_999],
    });
  });

  it('gives nothing for a working set that does not exist', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    expect(await workingSetExcerpts(db, 'gone')).toEqual({ excerpts: [], missingIds: [] });
  });
});
