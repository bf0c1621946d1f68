export { WllamaEngine, DEFAULT_CONTEXT_SIZE, type WllamaEngineOptions } from './WllamaEngine';
export { defaultThreadCount } from './threads';
