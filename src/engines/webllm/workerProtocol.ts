import type { WebLlmModelRecord } from './catalog';

/**
 * The lab's own messages to the web-llm worker, beside web-llm's engine protocol. The worker owns the only copy of
 * the web-llm library, so the catalog comes from there instead of pulling 6 MB into the page.
 */
export const CATALOG_REQUEST = 'mind-lab/webllm-catalog-request';
export const CATALOG_RESPONSE = 'mind-lab/webllm-catalog-response';

export interface CatalogRequest {
  type: typeof CATALOG_REQUEST;
}

export interface CatalogResponse {
  type: typeof CATALOG_RESPONSE;
  models: WebLlmModelRecord[];
}

export function isCatalogRequest(data: unknown): data is CatalogRequest {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === CATALOG_REQUEST;
}
