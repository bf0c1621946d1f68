/**
 * Held by the tab whose worker is writing to the corpus. Imports queue behind it across tabs, and the clean-up of
 * unfinished imports (at start, after Cancel) runs only while holding it, so it never removes another tab's live
 * import.
 */
const CORPUS_WRITER_LOCK = 'mind-lab-corpus-writer';

/** Runs `job` as the corpus writer, waiting for any other tab's import to end first. */
export async function asCorpusWriter<T>(job: () => Promise<T>): Promise<T> {
  let result!: T;
  await navigator.locks.request(CORPUS_WRITER_LOCK, async () => {
    result = await job();
  });
  return result;
}

/** Runs `job` only when no tab is writing (then an unfinished import is one a reload or crash left); else null. */
export async function ifNoCorpusWriter<T>(job: () => Promise<T>): Promise<T | null> {
  return navigator.locks.request(CORPUS_WRITER_LOCK, { ifAvailable: true }, async (lock) => (lock ? job() : null));
}
