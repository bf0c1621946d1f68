// What cli/bench-corpus.mjs measures from src/core, in one module so that one module runner loads it all.
export { gunzip } from '../src/core/corpus/readers/gunzip';
export { readJsonArray } from '../src/core/corpus/readers/jsonArray';
export { readJsonLines } from '../src/core/corpus/readers/jsonLines';
export { readParquet } from '../src/core/corpus/readers/parquet';
export { contentHash } from '../src/core/corpus/normalize';
export { chunkDocument } from '../src/core/chunking/chunk';
