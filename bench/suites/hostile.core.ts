// What bench/suites/hostile.mjs measures from src/core and the GGUF check, in one module for one module runner.
export { chunkDocument } from '../../src/core/chunking/chunk';
export { HOSTILE_FAMILIES } from '../../src/core/chunking/hostileFamilies';
export { inspectGgufFrom } from '../../src/engines/wllama/ggufHeader';
