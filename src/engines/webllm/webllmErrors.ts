import { EngineError, isEngineError } from '../../core/engine/errors';

/**
 * Turns whatever web-llm threw into an EngineError a person can act on. Through the worker, web-llm's errors arrive
 * as plain strings (`err.toString()`), so this matches on text rather than on error classes.
 */
export function toWebLlmError(error: unknown, modelId: string | null): EngineError {
  if (isEngineError(error)) return error;
  const text = errorText(error);
  const model = modelId ?? 'the model';

  if (/quota|QuotaExceeded|storage is full|no space/i.test(text)) {
    return new EngineError(
      'quota-exceeded',
      `The browser refused to store ${model}: storage quota exceeded.`,
      'Delete cached models below, or switch the cache backend to IndexedDB (private windows give the Cache API almost no space), then load again.',
      { cause: error },
    );
  }
  if (/shader-f16|requires feature|FeatureSupport/i.test(text)) {
    return new EngineError(
      'unsupported-model',
      `${model} needs the WebGPU feature shader-f16, which this GPU or browser does not offer.`,
      'Pick the q4f32 variant of the model (marked Runnable in the catalog).',
      { cause: error },
    );
  }
  if (/device (was )?lost|DeviceLost|out of memory|\bOOM\b/i.test(text)) {
    return new EngineError(
      'device-lost',
      `The GPU device was lost while running ${model}; this usually means it ran out of memory.`,
      'Load a smaller model, or a -1k variant with a shorter context; close other GPU-heavy tabs.',
      { cause: error },
    );
  }
  if (/WebGPU is not supported|Cannot find WebGPU|no WebGPU|requestAdapter|navigator\.gpu/i.test(text)) {
    return new EngineError(
      'no-webgpu',
      'WebGPU is not available in this browser.',
      'Use a recent Chrome or Edge (or enable WebGPU in your browser), or switch to the wllama CPU engine.',
      { cause: error },
    );
  }
  if (/Failed to fetch|NetworkError|Load failed|network|ERR_|fetch/i.test(text)) {
    return new EngineError(
      'network',
      `Could not download ${model}: ${text}`,
      'Check the internet connection (the first load downloads the weights from Hugging Face and the model library from GitHub) and try again; a custom model URL must be reachable and allow CORS.',
      { cause: error },
    );
  }
  if (/ModelNotFound|Cannot find model record|not found in appConfig/i.test(text)) {
    return new EngineError('unsupported-model', `web-llm does not know ${model}.`, 'Pick a model from the catalog or register it as a custom model.', { cause: error });
  }
  return new EngineError('unknown', `web-llm failed: ${text}`, 'Try again; if it keeps failing, reload the page or pick a smaller model.', { cause: error });
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
