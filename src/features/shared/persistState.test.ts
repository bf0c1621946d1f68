import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { getDatabase } from '../../db/database';
import { readSetting } from '../../db/settings';
import { persistState } from './persistState';

interface State {
  name: string;
  ticks: number;
}

const schema = z.object({ name: z.string().min(1) });
const keep = (store: StoreApi<State>) =>
  persistState(store, { key: 'test.view', schema, pick: (s) => ({ name: s.name }), apply: (v) => v, delayMs: 50 });
const stored = async () => (await readSetting(getDatabase(), 'test.view', schema)).value;

afterEach(async () => {
  vi.useRealTimers();
  await getDatabase().settings.clear();
});

describe('persistState', () => {
  it('writes nothing before restore, then writes the kept part once changes settle, whatever else keeps changing', async () => {
    const store = createStore<State>(() => ({ name: 'first', ticks: 0 }));
    const view = keep(store);
    store.setState({ name: 'before restore' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await stored()).toBeNull();

    expect(await view.restore()).toBeNull();
    vi.useFakeTimers();
    store.setState({ name: 'typed' });
    // Streaming-like churn of a field that is not kept must not postpone the write.
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(20);
      store.setState({ ticks: i });
    }
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await stored()).toEqual({ name: 'typed' }));
  });

  it('puts a stored value back, and reports an unreadable one without applying it', async () => {
    const first = createStore<State>(() => ({ name: 'x', ticks: 0 }));
    await keep(first).restore();
    first.setState({ name: 'kept' });
    await vi.waitFor(async () => expect(await stored()).toEqual({ name: 'kept' }));

    const second = createStore<State>(() => ({ name: 'default', ticks: 0 }));
    await keep(second).restore();
    expect(second.getState().name).toBe('kept');

    await getDatabase().settings.put({ key: 'test.view', value: { name: '' } });
    const third = createStore<State>(() => ({ name: 'default', ticks: 0 }));
    expect(await keep(third).restore()).toMatch(/unreadable/);
    expect(third.getState().name).toBe('default');
  });

  it('flush writes a change still waiting for its delay at once, and the delayed write does not follow', async () => {
    const store = createStore<State>(() => ({ name: 'x', ticks: 0 }));
    const view = persistState(store, { key: 'test.view', schema, pick: (s) => ({ name: s.name }), apply: (v) => v, delayMs: 60_000 });
    await view.restore();
    store.setState({ name: 'asked with' });
    expect(await stored()).toBeNull();
    await view.flush();
    expect(await stored()).toEqual({ name: 'asked with' });
    await getDatabase().settings.clear();
    await view.flush();
    expect(await stored()).toBeNull();
  });
});
