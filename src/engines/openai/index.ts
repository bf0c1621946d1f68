export { OpenAIEngine } from './OpenAIEngine';
export { listModels, type ServerConnection } from './client';
export { toApiRoot } from './httpErrors';
