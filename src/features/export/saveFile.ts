import type { ByteSink, FileTree } from '../../core/export';

/** A file being saved: bytes in order, then close (done) or abort (nothing kept). */
export interface SaveTarget extends ByteSink {
  abort(): Promise<void>;
}

export type SaveWith = 'picker' | 'download';

interface WritableLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
interface PickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<{ createWritable(): Promise<WritableLike> }>;
}

export const hasFilePicker = (): boolean => typeof (window as PickerWindow).showSaveFilePicker === 'function';

/**
 * With the File System Access API the bytes go straight to the file the person picked (written to a temporary file
 * that replaces it on close, so a cancelled export leaves the old file). Without it, or when asked, each chunk
 * becomes a Blob and the Blobs are downloaded as one file at the end: Chromium keeps large blobs on disk, not in the
 * page's memory, so the export still streams. Call first thing in a click handler: the picker needs the click.
 * Null when the person closed the picker.
 */
export async function openSaveTarget(fileName: string, mime: string, saveWith: SaveWith): Promise<SaveTarget | null> {
  const picker = (window as PickerWindow).showSaveFilePicker;
  if (saveWith === 'picker' && picker) {
    const extension = fileName.slice(fileName.lastIndexOf('.'));
    let handle;
    try {
      handle = await picker.call(window, { suggestedName: fileName, types: [{ description: 'MIND Lab export', accept: { [mime]: [extension] } }] });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return null;
      throw error;
    }
    const writable = await handle.createWritable();
    return { write: (bytes) => writable.write(bytes), close: () => writable.close(), abort: () => writable.abort() };
  }
  let parts: Blob[] = [];
  return {
    async write(bytes) {
      parts.push(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
    },
    async close() {
      const url = URL.createObjectURL(new Blob(parts, { type: mime }));
      parts = [];
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      // The download reads the blob after the click returns: keep the URL a while.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    async abort() {
      parts = [];
    },
  };
}

/** A tree of exactly one file, written straight into the target (an export of one format without its card). */
export function singleFileTree(target: SaveTarget): FileTree {
  let opened = false;
  return {
    async open(path) {
      if (opened) throw new Error(`A single-file export cannot also write ${path}.`);
      opened = true;
      return { write: (bytes) => target.write(bytes), close: async () => {} };
    },
    close: () => target.close(),
  };
}
