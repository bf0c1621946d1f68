/** A destination for bytes, written in order; a write's promise settles when the bytes are taken. */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where an export's files go (a zip, a folder, memory in tests). Files are written one at a time: a file is closed
 * before the next one is opened, which is what lets a zip be written as one stream.
 */
export interface FileTree {
  /** `compress`: false for files that are compressed already (Parquet), so a zip stores them as they are. */
  open(path: string, options: { compress: boolean }): Promise<ByteSink>;
  close(): Promise<void>;
}

/** Files kept in memory, for tests and benchmarks that read what was written. */
export function memoryTree(): FileTree & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    async open(path) {
      const parts: Uint8Array[] = [];
      return {
        async write(bytes) {
          parts.push(bytes.slice());
        },
        async close() {
          const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
          let at = 0;
          for (const part of parts) {
            whole.set(part, at);
            at += part.length;
          }
          files.set(path, whole);
        },
      };
    },
    async close() {},
  };
}

/** Files that are only counted: measures an export without keeping what it writes. */
export function countingTree(): FileTree & { bytes: Map<string, number> } {
  const bytes = new Map<string, number>();
  return {
    bytes,
    async open(path) {
      bytes.set(path, 0);
      return {
        async write(chunk) {
          bytes.set(path, bytes.get(path)! + chunk.length);
        },
        async close() {},
      };
    },
    async close() {},
  };
}
