import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { ByteSink, FileTree } from './fileTree';

/** Bytes gathered before a write to the destination: fewer, larger writes without holding much. */
const WRITE_CHUNK = 1 << 20;

/**
 * A zip archive written as one stream with fflate: each file is deflated (or stored, when already compressed) as
 * its bytes arrive and the archive's bytes go to `out` at once, so memory holds about one chunk, never the archive.
 * fflate writes no ZIP64 records: each file and the whole archive must stay under 4 GiB.
 */
export function zipTree(out: ByteSink, now = new Date()): FileTree {
  let failure: Error | null = null;
  let gathered: Uint8Array[] = [];
  let gatheredBytes = 0;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else {
      gathered.push(chunk);
      gatheredBytes += chunk.length;
    }
  });

  async function hand(all: boolean): Promise<void> {
    if (failure) throw failure;
    if (gatheredBytes === 0 || (!all && gatheredBytes < WRITE_CHUNK)) return;
    const whole = new Uint8Array(gatheredBytes);
    let at = 0;
    for (const chunk of gathered) {
      whole.set(chunk, at);
      at += chunk.length;
    }
    gathered = [];
    gatheredBytes = 0;
    await out.write(whole);
  }

  return {
    async open(path, { compress }) {
      const entry = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
      entry.mtime = now;
      zip.add(entry);
      return {
        async write(bytes) {
          entry.push(bytes);
          await hand(false);
        },
        async close() {
          entry.push(new Uint8Array(0), true);
          await hand(false);
        },
      };
    },
    async close() {
      zip.end();
      await hand(true);
      await out.close();
    },
  };
}
