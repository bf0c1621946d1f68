import type { z } from 'zod';
import type { StoreApi } from 'zustand';
import { getDatabase } from '../../db/database';
import { readSetting, writeSetting } from '../../db/settings';

interface PersistOptions<S, V> {
  /** The settings key the value is stored under. */
  key: string;
  schema: z.ZodType<V>;
  /** What of the state is kept. */
  pick(state: S): V;
  /** How a stored value goes back into the state. */
  apply(value: V): Partial<S>;
  delayMs?: number;
}

/**
 * Keeps part of an area's state across reloads: `restore()` puts the stored value back, and from then on every
 * change is written a moment after the last one (never before the stored value was read, so nothing is lost to
 * an early write). Values are checked by the schema both ways; an unreadable one is reported, not applied.
 */
export function persistState<S, V>(store: Pick<StoreApi<S>, 'getState' | 'setState' | 'subscribe'>, options: PersistOptions<S, V>) {
  let restored = false;
  /** The kept value as last written, or as waiting to be written. */
  let latest = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: V | null = null;
  // A value the schema refuses (a half-typed setting, say) is simply not kept; the last good one stays.
  const write = (value: V) => writeSetting(getDatabase(), options.key, options.schema, value).catch(() => undefined);
  store.subscribe((state) => {
    if (!restored) return;
    const value = options.pick(state);
    const serialized = JSON.stringify(value);
    // Other changes of the store (streamed text, progress) must not keep postponing the write.
    if (serialized === latest) return;
    latest = serialized;
    pending = value;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      pending = null;
      void write(value);
    }, options.delayMs ?? 300);
  });
  return {
    /** Writes a change still waiting for its delay now: before work a reload must not lose (a generation started). */
    async flush(): Promise<void> {
      if (!timer || pending === null) return;
      clearTimeout(timer);
      timer = null;
      const value = pending;
      pending = null;
      await write(value);
    },
    /** Returns a problem to show when the stored value could not be read. */
    async restore(): Promise<string | null> {
      const { value, problem } = await readSetting(getDatabase(), options.key, options.schema);
      if (value !== null) store.setState(options.apply(value));
      latest = JSON.stringify(options.pick(store.getState()));
      restored = true;
      return problem;
    },
  };
}
