import Dexie, { type Table } from 'dexie';
import type { DialogueRecord } from '../core/records/dialogue';
import type { DialogueAnalysisRecord, DialogueEditRecord, PreferenceRecord, RatingRecord } from '../core/records/review';
import type { Rubric } from '../core/review/rubric';
import type { ChunkSetRecord, SourceRecord, WorkingSetRecord } from '../core/records/corpus';
import type { DocumentBlock, ExcerptBlock } from './blockSchemas';
import type { RunRecord, WorkItemRecord } from '../core/records/run';
import type { TemplateRecord, TemplateVersionRecord } from '../core/templates/schema';
import { upgradeDialoguesToTemplates, writeBuiltInTemplates } from './migrations/v3Templates';
import { upgradeRatingsToRubric } from './migrations/v5Reviews';
import { moveCorpusIntoBlocks } from './migrations/v6CorpusBlocks';
import { STORES_BY_VERSION } from './schemaVersions';

export const DATABASE_NAME = 'mind-lab';

/** One stored piece of the excerpt search index: which excerpts it covers; its bytes are in searchIndexParts. */
export interface SearchSegmentRecord {
  /** `${chunkSetId}#${block}`: the same excerpts always give the same id, so two tabs building it overwrite, never duplicate. */
  id: string;
  chunkSetId: string;
  sourceId: string;
  block: number;
  documents: number;
  parts: number;
  bytes: number;
  format: number;
  createdAt: number;
}

/** A slice of a segment's bytes: an index of any size is stored as many values of bounded size. */
export interface SearchIndexPartRecord {
  segmentId: string;
  part: number;
  data: ArrayBuffer;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** The lab's IndexedDB. Every schema change is a new version with an upgrade function and a migration test. */
export class MindLabDatabase extends Dexie {
  dialogues!: Table<DialogueRecord, string>;
  settings!: Table<SettingRecord, string>;
  sources!: Table<SourceRecord, string>;
  documentBlocks!: Table<DocumentBlock, number>;
  chunkSets!: Table<ChunkSetRecord, string>;
  excerptBlocks!: Table<ExcerptBlock, number>;
  workingSets!: Table<WorkingSetRecord, string>;
  searchSegments!: Table<SearchSegmentRecord, string>;
  searchIndexParts!: Table<SearchIndexPartRecord, [string, number]>;
  templates!: Table<TemplateRecord, string>;
  templateVersions!: Table<TemplateVersionRecord, string>;
  runs!: Table<RunRecord, string>;
  workItems!: Table<WorkItemRecord, string>;
  ratings!: Table<RatingRecord, string>;
  rubrics!: Table<Rubric, string>;
  dialogueAnalysis!: Table<DialogueAnalysisRecord, string>;
  dialogueEdits!: Table<DialogueEditRecord, string>;
  preferences!: Table<PreferenceRecord, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores(STORES_BY_VERSION[1]);
    // Version 2 adds the corpus (src/db/corpus.test.ts opens a version-1 database with data and checks it).
    this.version(2).stores(STORES_BY_VERSION[2]);
    // Version 3 adds the prompt studio and runs. Every stored dialogue is pointed at the built-in template version
    // that reproduces its prompt (src/db/migrations/v3Templates.ts; tested with version-2 data in templates.test.ts).
    this.version(3)
      .stores(STORES_BY_VERSION[3])
      .upgrade(async (tx) => {
        await writeBuiltInTemplates(tx.table('templates'), tx.table('templateVersions'));
        await upgradeDialoguesToTemplates(tx.table('dialogues'));
      });
    // Version 4 drops the one-value MiniSearch index; segments are built from the excerpts on the next search
    // (src/db/searchIndexParts.test.ts migrates version-3 data).
    this.version(4).stores(STORES_BY_VERSION[4]);
    // Version 5 adds the review desk: ratings become rubric answers with a status (src/db/migrations/v5Reviews.ts;
    // tested with version-4 data in src/db/reviews.test.ts), plus rubrics, edits, pairwise preferences and each
    // dialogue's filter outcome and faithfulness signals (a cache the review page fills for dialogues that lack it).
    this.version(5)
      .stores(STORES_BY_VERSION[5])
      .upgrade((tx) => upgradeRatingsToRubric(tx.table('ratings')));
    // Version 6 stores documents and excerpts in blocks, each keeping its id (src/db/migrations/v6CorpusBlocks.ts;
    // tested with version-5 data in src/db/corpusBlocks.test.ts); version 7 deletes the emptied tables.
    this.version(6)
      .stores(STORES_BY_VERSION[6])
      .upgrade((tx) => moveCorpusIntoBlocks(tx));
    this.version(7).stores(STORES_BY_VERSION[7]);
    this.on('populate', (tx) => writeBuiltInTemplates(tx.table('templates'), tx.table('templateVersions')));
  }
}

let instance: MindLabDatabase | null = null;

export function getDatabase(): MindLabDatabase {
  instance ??= new MindLabDatabase();
  return instance;
}
