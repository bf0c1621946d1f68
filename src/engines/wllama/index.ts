export { WllamaEngine, DEFAULT_CONTEXT_SIZE, type WllamaEngineOptions } from './WllamaEngine';
export { defaultThreadCount } from './threads';
export { storeModel, listStoredModels, openStoredModel, deleteStoredModel, storedModelsAvailable, type StoredModel } from './storedModels';
