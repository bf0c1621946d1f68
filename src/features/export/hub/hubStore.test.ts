import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { saveHubSetting } from './hubSettings';
import { useHubStore } from './hubStore';

describe('hub store', () => {
  it('fills the saved settings in, except the fields typed before they were read', async () => {
    await saveHubSetting({ hubUrl: 'http://localhost:9999', repo: 'saved-repo', private: false });
    const { load, set } = useHubStore.getState();
    const loading = load();
    // Typed while the saved settings are still being read (a person, or a test, faster than IndexedDB).
    set({ repo: 'typed-repo', token: 'hf_typed' });
    await loading;
    expect(useHubStore.getState()).toMatchObject({ loaded: true, repo: 'typed-repo', token: 'hf_typed', hubUrl: 'http://localhost:9999', private: false });
  });
});
