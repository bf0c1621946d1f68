// What cli/bench-corpus.mjs measures from src/core, in one module so that one module runner loads it all.
export { gunzip, readJsonArray, readJsonLines, readParquet } from '../src/core/corpus/readers';
export { contentHash } from '../src/core/corpus/normalize';
export { chunkDocument } from '../src/core/chunking/chunk';
