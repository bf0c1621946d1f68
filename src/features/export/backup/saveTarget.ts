/** Where a streamed file goes: a file the person picked (File System Access API) or, without it, a download. */
export interface SaveTarget {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
  /** 'file' when written straight to disk, 'download' when handed to the browser's downloads at the end. */
  kind: 'file' | 'download';
}

interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<{ createWritable(): Promise<WritableLike> }>;
}
interface WritableLike {
  write(data: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** Text is gathered into blobs of about this many characters, so the page never holds more than one in its heap. */
const BLOB_PART_CHARS = 4 << 20;

/**
 * Opens the target; call it first in a click handler (the file picker needs the click). Returns null when the
 * person closed the picker. Without the File System Access API the text is kept as browser blobs (which the browser
 * may page to disk) and downloaded on close.
 */
export async function openSaveTarget(fileName: string, type: string): Promise<SaveTarget | null> {
  const picker = (window as SaveFilePickerWindow).showSaveFilePicker;
  if (picker) {
    let handle;
    try {
      handle = await picker.call(window, { suggestedName: fileName, types: [{ description: 'MIND Lab backup', accept: { [type]: ['.jsonl'] } }] });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return null;
      throw error;
    }
    const writable = await handle.createWritable();
    return { kind: 'file', write: (text) => writable.write(text), close: () => writable.close(), abort: () => writable.abort() };
  }
  return downloadTarget(fileName, type);
}

function downloadTarget(fileName: string, type: string): SaveTarget {
  const parts: Blob[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = () => {
    if (pending.length === 0) return;
    parts.push(new Blob(pending, { type }));
    pending = [];
    pendingChars = 0;
  };
  return {
    kind: 'download',
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= BLOB_PART_CHARS) flush();
    },
    async close() {
      flush();
      const url = URL.createObjectURL(new Blob(parts, { type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    async abort() {
      parts.length = 0;
      pending = [];
    },
  };
}
