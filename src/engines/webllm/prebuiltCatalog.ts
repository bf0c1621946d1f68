import { z } from 'zod';
import { EngineError } from '../../core/engine/errors';
import type { WebLlmModelRecord } from './catalog';
import { createWebLlmWorker } from './createWorker';
import { CATALOG_REQUEST, CATALOG_RESPONSE, type CatalogRequest } from './workerProtocol';

const modelRecordSchema = z.object({
  model: z.string(),
  model_id: z.string(),
  model_lib: z.string(),
  vram_required_MB: z.number().optional(),
  low_resource_required: z.boolean().optional(),
  buffer_size_required_bytes: z.number().optional(),
  required_features: z.array(z.string()).optional(),
  model_type: z.number().optional(),
  overrides: z.object({ context_window_size: z.number().optional() }).loose().optional(),
});

const catalogResponseSchema = z.object({ type: z.literal(CATALOG_RESPONSE), models: z.array(modelRecordSchema) });

let cached: Promise<WebLlmModelRecord[]> | null = null;

/** web-llm's `prebuiltAppConfig.model_list`, read in a short-lived worker so the page never loads web-llm itself. */
export function loadPrebuiltCatalog(): Promise<WebLlmModelRecord[]> {
  cached ??= readCatalogFromWorker().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

function readCatalogFromWorker(): Promise<WebLlmModelRecord[]> {
  return new Promise((resolve, reject) => {
    const worker = createWebLlmWorker();
    worker.onmessage = (event: MessageEvent<unknown>) => {
      worker.terminate();
      const parsed = catalogResponseSchema.safeParse(event.data);
      if (parsed.success) resolve(parsed.data.models);
      else reject(new EngineError('bad-response', 'The web-llm worker sent a catalog the lab cannot read.', 'Reload the page; if it persists, the web-llm version may have changed.'));
    };
    worker.onerror = (event: ErrorEvent) => {
      worker.terminate();
      reject(new EngineError('engine-crashed', `The web-llm worker failed to start: ${event.message || 'unknown error'}`, 'Reload the page.'));
    };
    const request: CatalogRequest = { type: CATALOG_REQUEST };
    worker.postMessage(request);
  });
}
