import type { FileTree } from '../../../core/export';
import type { HubFile } from './hubApi';

/**
 * An export's files as blobs, ready for the Hub: each file's bytes go into a Blob as they are written, so the page
 * holds them in the browser's blob store rather than its heap.
 */
export function blobTree(): FileTree & { files: HubFile[] } {
  const files: HubFile[] = [];
  return {
    files,
    async open(path) {
      const parts: BlobPart[] = [];
      return {
        async write(bytes) {
          parts.push(new Blob([bytes.slice()]));
        },
        async close() {
          files.push({ path, content: new Blob(parts) });
        },
      };
    },
    async close() {},
  };
}
