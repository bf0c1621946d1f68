import type { ModelSource } from '../../../core/engine/types';
import { describeError } from '../../../core/engine/errors';
import { deleteStoredModel, listStoredModels, openStoredModel, storeModel, storedModelsAvailable, WllamaEngine, type StoredModel } from '../../../engines/wllama';
import { useEngineStore } from '../engineStore';
import { readLastModels, rememberLastModel } from '../lastModels';

export interface WllamaLoadOptions {
  contextSize: number;
  threads: number;
}

/**
 * Loads a GGUF into the wllama slot. A picked file is then kept in the browser (OPFS) and the choice remembered,
 * so the next start brings the model back without the file picker.
 */
export async function loadWllamaModel(source: ModelSource, options: WllamaLoadOptions, quiet = false): Promise<string | null> {
  const loaded = await useEngineStore.getState().load(new WllamaEngine(options), source, { quiet });
  if (!loaded) return null;
  try {
    if (source.kind === 'gguf-file' && storedModelsAvailable()) {
      const kept = await storeModel(source.file, source.name);
      await rememberLastModel('wllama', { kind: 'kept', name: kept.name, ...options });
    } else if (source.kind === 'gguf-url') {
      await rememberLastModel('wllama', { kind: 'url', url: source.url, ...options });
    }
    return null;
  } catch (error) {
    return describeError(error).message;
  }
}

export async function loadKeptModel(model: StoredModel, options: WllamaLoadOptions, quiet = false): Promise<void> {
  try {
    const file = await openStoredModel(model.name);
    await loadWllamaModel({ kind: 'gguf-file', file, name: model.name }, options, quiet);
  } catch (error) {
    const { message, hint } = describeError(error);
    useEngineStore.getState().reportProblem('wllama', { message, hint, quiet });
  }
}

export async function forgetKeptModel(name: string): Promise<void> {
  await deleteStoredModel(name);
  const { value } = await readLastModels();
  if (value?.wllama?.kind === 'kept' && value.wllama.name === name) await rememberLastModel('wllama', undefined);
}

export { listStoredModels, storedModelsAvailable };

/** Brings back the wllama model of the last session, if there was one. */
export async function restoreLastWllamaModel(): Promise<void> {
  const { value } = await readLastModels();
  const last = value?.wllama;
  if (!last) return;
  const options = { contextSize: last.contextSize, threads: last.threads };
  if (last.kind === 'kept') await loadKeptModel({ name: last.name, bytes: 0, storedAt: 0 }, options, true);
  else await loadWllamaModel({ kind: 'gguf-url', url: last.url }, options, true);
}
