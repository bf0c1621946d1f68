/// <reference lib="webworker" />
import { prepareTexts } from './prepare';
import type { PrepareReply, PrepareRequest } from './preparePool';

const reply = (message: PrepareReply) => self.postMessage(message);
/** How often a busy worker tells the pool it is alive (see createPreparePool's stall check). */
const ALIVE_EVERY_MS = 1_000;

self.onmessage = async (event: MessageEvent<PrepareRequest>) => {
  const { id, texts, options } = event.data;
  let lastSign = performance.now();
  const onBusy = () => {
    if (performance.now() - lastSign < ALIVE_EVERY_MS) return;
    lastSign = performance.now();
    reply({ type: 'alive' });
  };
  try {
    reply({ type: 'done', id, results: await prepareTexts(texts, options, onBusy) });
  } catch (error) {
    reply({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
};
