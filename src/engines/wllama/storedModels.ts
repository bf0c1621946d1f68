import { EngineError } from '../../core/engine/errors';

/** GGUF files the person loaded, kept in the origin-private file system so a reload needs no file picker. */
const DIRECTORY = 'mind-lab-gguf';

export interface StoredModel {
  name: string;
  bytes: number;
  storedAt: number;
}

export const storedModelsAvailable = () => typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';

async function directory(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIRECTORY, { create: true });
}

/** OPFS names cannot hold path separators; a file name keeps everything else. */
export const storedName = (name: string) => name.replace(/[\\/:\0]/g, '_').slice(0, 200) || 'model.gguf';

/**
 * Copies the file in as a stream (a model may be gigabytes). A copy cut short (quota, a closed tab) is removed, so a
 * stored model is always whole.
 */
export async function storeModel(file: Blob, name: string): Promise<StoredModel> {
  const dir = await directory();
  const fileName = storedName(name);
  const existing = await dir.getFileHandle(fileName).then((h) => h.getFile()).catch(() => null);
  if (existing && existing.size === file.size) return { name: fileName, bytes: existing.size, storedAt: existing.lastModified };
  const handle = await dir.getFileHandle(fileName, { create: true });
  try {
    const writable = await handle.createWritable();
    await file.stream().pipeTo(writable);
  } catch (error) {
    await dir.removeEntry(fileName).catch(() => undefined);
    const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
    throw new EngineError(
      quota ? 'quota-exceeded' : 'unknown',
      `Could not keep ${name} in this browser: ${error instanceof Error ? error.message : String(error)}`,
      quota ? 'Free browser storage (delete kept models or cached WebLLM models) and load it again.' : 'The model is loaded for this session; pick the file again after a reload.',
      { cause: error },
    );
  }
  const stored = await handle.getFile();
  return { name: fileName, bytes: stored.size, storedAt: stored.lastModified };
}

export async function listStoredModels(): Promise<StoredModel[]> {
  if (!storedModelsAvailable()) return [];
  const dir = await directory();
  const models: StoredModel[] = [];
  for await (const [name, handle] of dir as unknown as AsyncIterable<[string, FileSystemHandle]>) {
    if (handle.kind !== 'file') continue;
    const file = await (handle as FileSystemFileHandle).getFile();
    models.push({ name, bytes: file.size, storedAt: file.lastModified });
  }
  return models.sort((a, b) => a.name.localeCompare(b.name));
}

export async function openStoredModel(name: string): Promise<File> {
  const dir = await directory();
  try {
    return await (await dir.getFileHandle(storedName(name))).getFile();
  } catch (error) {
    throw new EngineError('bad-model-file', `${name} is no longer kept in this browser.`, 'Pick the file again (it may have been deleted or cleared with the site data).', { cause: error });
  }
}

export async function deleteStoredModel(name: string): Promise<void> {
  const dir = await directory();
  await dir.removeEntry(storedName(name));
}
