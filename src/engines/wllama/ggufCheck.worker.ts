/// <reference lib="webworker" />
import { inspectGgufFrom, type GgufInspection } from './ggufHeader';

/**
 * Checks a GGUF header off the main thread. FileReaderSync (workers only) reads the header a window at a time,
 * so memory stays small whatever the header declares, and a hostile header can at worst keep this worker busy
 * until modelFile's watchdog terminates it.
 */
export interface GgufCheckRequest {
  blob: Blob;
}
export type GgufCheckReply = { kind: 'result'; result: GgufInspection } | { kind: 'error'; message: string };

self.onmessage = (event: MessageEvent<GgufCheckRequest>) => {
  const { blob } = event.data;
  const reader = new FileReaderSync();
  const readAt = (offset: number, length: number) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, offset + length)));
  let reply: GgufCheckReply;
  try {
    reply = { kind: 'result', result: inspectGgufFrom(readAt, blob.size, blob.size) };
  } catch (error) {
    reply = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
