// What chunkWorker.mjs needs of src/core, bundled into one plain module (cli/loadTypeScript.mjs bundleTypeScript), so a
// worker thread loads it natively instead of starting a module runner of its own.
export { chunkDocument, DEFAULT_CHUNK_OPTIONS } from '../src/core/chunking/chunk';
export { normalizeForDedup } from '../src/core/corpus/normalize';
