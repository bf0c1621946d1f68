import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../../../db/database';
import { loadConnectionSetting } from './connectionSettings';
import { DEFAULT_BASE_URL, useOpenAIPanelStore } from './openaiStore';

const initial = useOpenAIPanelStore.getState();
const models = (ids: string[]) => new Response(JSON.stringify({ object: 'list', data: ids.map((id) => ({ id, object: 'model' })) }), { headers: { 'Content-Type': 'application/json' } });

beforeEach(async () => {
  useOpenAIPanelStore.setState(initial, true);
  await getDatabase().settings.clear();
});
afterEach(() => vi.unstubAllGlobals());

describe('OpenAI panel store', () => {
  it('remembers the base URL after a connect, and the key only while "remember" is ticked', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => models(['a', 'b'])));
    const store = useOpenAIPanelStore.getState();
    store.setBaseUrl('http://127.0.0.1:9999/v1');
    store.setApiKey('sk-secret');
    await store.connect();
    expect(useOpenAIPanelStore.getState()).toMatchObject({ status: 'connected', models: ['a', 'b'], selectedModel: 'a', problem: null });
    expect((await loadConnectionSetting()).value).toEqual({ baseUrl: 'http://127.0.0.1:9999/v1' });

    await store.setRememberKey(true);
    expect((await loadConnectionSetting()).value).toEqual({ baseUrl: 'http://127.0.0.1:9999/v1', apiKey: 'sk-secret' });
    await store.setRememberKey(false);
    expect((await loadConnectionSetting()).value).toEqual({ baseUrl: 'http://127.0.0.1:9999/v1' });
  });

  it('hydrates from storage, but never over what the person already typed', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => models(['a'])));
    const store = useOpenAIPanelStore.getState();
    store.setBaseUrl('http://stored/v1');
    store.setApiKey('k');
    await store.setRememberKey(true);

    useOpenAIPanelStore.setState(initial, true);
    await useOpenAIPanelStore.getState().hydrate();
    expect(useOpenAIPanelStore.getState()).toMatchObject({ baseUrl: 'http://stored/v1', apiKey: 'k', rememberKey: true });

    useOpenAIPanelStore.setState(initial, true);
    useOpenAIPanelStore.getState().setBaseUrl('http://typed/v1');
    await useOpenAIPanelStore.getState().hydrate();
    expect(useOpenAIPanelStore.getState()).toMatchObject({ baseUrl: 'http://typed/v1', apiKey: '' });
  });

  it('shows a connection failure as a problem and stores nothing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await useOpenAIPanelStore.getState().connect();
    const { status, problem, models: listed } = useOpenAIPanelStore.getState();
    expect(status).toBe('idle');
    expect(listed).toEqual([]);
    expect(problem?.message).toContain(`Could not reach the server at ${DEFAULT_BASE_URL}`);
    expect((await loadConnectionSetting()).value).toBeNull();
  });
});
