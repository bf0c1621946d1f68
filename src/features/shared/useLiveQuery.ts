import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

export type LiveResult<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/**
 * Subscribes to a Dexie live query: the value updates whenever the tables it read change, in this tab or any
 * other (Dexie broadcasts changes between tabs). `deps` decide when the query itself is rebuilt.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ status: 'ready', value }),
      error: (error: unknown) => setResult({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return result;
}

export const valueOr = <T,>(result: LiveResult<T>, fallback: T): T => (result.status === 'ready' ? result.value : fallback);
