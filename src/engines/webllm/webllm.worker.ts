/// <reference lib="webworker" />
import { WebWorkerMLCEngineHandler, prebuiltAppConfig } from '@mlc-ai/web-llm';
import { CATALOG_RESPONSE, isCatalogRequest, type CatalogResponse } from './workerProtocol';

// The only module that imports web-llm statically: it becomes the worker's own chunk, never the page's.
const handler = new WebWorkerMLCEngineHandler();

self.onmessage = (event: MessageEvent<unknown>) => {
  if (isCatalogRequest(event.data)) {
    const response: CatalogResponse = { type: CATALOG_RESPONSE, models: prebuiltAppConfig.model_list };
    self.postMessage(response);
    return;
  }
  handler.onmessage(event);
};
