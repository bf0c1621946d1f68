import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Engine, GenerationEvent } from '../../core/engine/types';
import type { GenerationTarget } from '../../core/generation/generateDialogue';
import { builtInFor } from '../../core/templates';
import { getDatabase } from '../../db/database';
import { compareApi } from './api';
import { gridDialogueId, useCompareStore, type CellState } from './compareStore';
import type { ColumnVersion } from './grid';

/**
 * A double for the engine, not a model: it streams a scripted answer in a few deltas (or waits for its signal),
 * so the store's streaming, saving, stopping and restoring can be checked exactly. Real generation through the
 * grid is tested in the browser (e2e/compare.spec.ts).
 */
function scriptedEngine(options: { holdUntilAborted?: boolean } = {}) {
  const started: string[] = [];
  const engine: Engine = {
    kind: 'wllama',
    parallelRequests: false,
    capabilities: async () => ({ engine: 'wllama', available: true, details: {} }),
    load: async () => ({ engine: 'wllama', modelName: 'fake.gguf', contextLength: 2048, hasChatTemplate: false }),
    async *generate(request, signal): AsyncGenerator<GenerationEvent> {
      const prompt = request.messages.map((m) => m.content).join('\n');
      started.push(prompt);
      const answer = prompt.includes('debate') ? 'Pro: It holds.\nCon: It does not.' : 'Student A: Why?\nStudent B: Because.';
      yield { type: 'delta', text: answer.slice(0, 5) };
      if (options.holdUntilAborted) {
        await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
        yield { type: 'done', stats: { promptTokens: 80, completionTokens: 2, timeToFirstTokenMs: 3, decodeTokensPerSecond: null, totalMs: 9, finishReason: 'abort' } };
        return;
      }
      yield { type: 'delta', text: answer.slice(5) };
      yield { type: 'done', stats: { promptTokens: 80, completionTokens: 12, timeToFirstTokenMs: 3, decodeTokensPerSecond: 400, totalMs: 40, finishReason: 'stop' } };
    },
    interrupt: () => undefined,
    unload: async () => undefined,
  };
  const target: GenerationTarget = { key: 'wllama:fake.gguf', engine, model: { engine: 'wllama', modelName: 'fake.gguf', contextLength: 2048, hasChatTemplate: false } };
  return { target, started };
}

const columnVersion = (style: 'TWO_STUDENTS' | 'DEBATE', name: string): ColumnVersion => {
  const { version } = builtInFor(style);
  return { id: version.id, hash: version.hash, templateName: name, number: version.number };
};
const columns = {
  versions: [columnVersion('TWO_STUDENTS', 'Two Students'), columnVersion('DEBATE', 'Debate')],
  models: [{ key: 'wllama:fake.gguf', modelName: 'fake.gguf', engine: 'wllama' as const }],
};
const initialState = useCompareStore.getState();
const statuses = () => Object.values(useCompareStore.getState().cells).map((c: CellState) => c.status);

beforeAll(() => {
  // Node has no frames: a timer stands in, so batched text still reaches the store.
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0) as unknown as number);
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => clearTimeout(handle));
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(async () => {
  useCompareStore.setState(initialState, true);
  await getDatabase().dialogues.clear();
  await getDatabase().settings.clear();
});

describe('the compare store', () => {
  it('runs every cell through the scheduler, saves each dialogue without a run, and fills the cells', async () => {
    const { target, started } = scriptedEngine();
    const store = useCompareStore.getState();
    store.setPasteText('First excerpt about $x^2$.\n\nSecond excerpt about primes.');
    const seenText: string[] = [];
    const unsubscribe = useCompareStore.subscribe((s) => {
      for (const cell of Object.values(s.cells)) if (cell.status === 'running' && cell.text) seenText.push(cell.text);
    });
    await store.run(columns, () => target);
    unsubscribe();

    const { grid, cells, finished, running } = useCompareStore.getState();
    expect(running).toBe(false);
    expect(grid?.rows).toHaveLength(2);
    expect(grid?.columns).toHaveLength(2);
    expect(statuses()).toEqual(['done', 'done', 'done', 'done']);
    expect(started).toHaveLength(4);
    expect(Object.keys(finished)).toHaveLength(4);
    for (const item of grid!.items) {
      const saved = await compareApi.getDialogue(gridDialogueId(item.id));
      expect(saved?.rawOutput).toBe((cells[item.id] as Extract<CellState, { status: 'done' }>).text);
      expect(saved?.runId).toBeUndefined();
      expect(saved?.workItemId).toBeUndefined();
      expect(saved?.seed).toBe(42);
    }
    // Each cell's text was shown while it streamed, before it was done.
    expect(seenText.length).toBeGreaterThan(0);
  });

  it('shows a request the context cannot hold as an error in each cell, and saves nothing', async () => {
    const { target, started } = scriptedEngine();
    const store = useCompareStore.getState();
    store.setPasteText('Only excerpt.');
    store.setPresetParams(store.presets[0]!.id, { maxTokens: 4000 });
    await store.run(columns, () => target);
    const cells = Object.values(useCompareStore.getState().cells);
    expect(cells.map((c) => c.status)).toEqual(['failed', 'failed']);
    for (const cell of cells) expect(cell.status === 'failed' && cell.error.message).toMatch(/^Max tokens \(4000\) is more than the/);
    expect(started).toEqual([]);
    expect(await getDatabase().dialogues.count()).toBe(0);
  });

  it('refuses to run without rows, and says why', async () => {
    const { target, started } = scriptedEngine();
    await useCompareStore.getState().run(columns, () => target);
    expect(useCompareStore.getState().note?.message).toMatch(/No excerpts/);
    expect(useCompareStore.getState().grid).toBeNull();
    expect(started).toEqual([]);
  });

  it('stops on Stop: the streaming cell keeps its partial text, unreached cells say they did not run', async () => {
    const { target, started } = scriptedEngine({ holdUntilAborted: true });
    const store = useCompareStore.getState();
    store.setPasteText('Only excerpt.');
    const running = store.run(columns, () => target);
    await vi.waitFor(() => expect(statuses()).toContain('running'));
    await vi.waitFor(() => expect(Object.values(useCompareStore.getState().cells).some((c) => c.status === 'running' && c.text)).toBe(true));
    useCompareStore.getState().stop();
    await running;
    const cells = Object.values(useCompareStore.getState().cells);
    expect(cells[0]).toEqual({ status: 'stopped', text: 'Stude' });
    expect(cells[1]).toEqual({ status: 'stopped', text: '' });
    expect(started).toHaveLength(1);
    expect(useCompareStore.getState().note?.message).toBe('Stopped.');
    expect(await getDatabase().dialogues.count()).toBe(0);
  });

  it('shares one seed across presets, so columns differ only in what they compare', () => {
    const store = useCompareStore.getState();
    store.addPreset();
    const [a, b] = useCompareStore.getState().presets;
    expect(b!.params.temperature).not.toBe(a!.params.temperature);
    useCompareStore.getState().setPresetParams(b!.id, { seed: 7, temperature: 1.2 });
    const [a2, b2] = useCompareStore.getState().presets;
    expect([a2!.params.seed, b2!.params.seed]).toEqual([7, 7]);
    expect([a2!.params.temperature, b2!.params.temperature]).toEqual([a!.params.temperature, 1.2]);
  });

  it('takes rows handed over by another area, keeping their corpus ids', () => {
    useCompareStore.getState().setRows([{ excerptId: '12', text: 'From the corpus.', url: 'https://example.org/a' }], '1 excerpt sent from another area');
    const state = useCompareStore.getState();
    expect(state.rowsMode).toBe('sent');
    expect(state.rows).toEqual([{ excerptId: '12', text: 'From the corpus.', url: 'https://example.org/a' }]);
    // Choosing Paste again goes back to the pasted text.
    state.setPasteText('Pasted.');
    useCompareStore.getState().setRowsMode('paste');
    expect(useCompareStore.getState().rows).toEqual([{ text: 'Pasted.' }]);
  });

  it('brings the last grid back after a reload, its cells filled from the saved dialogues', async () => {
    const { target } = scriptedEngine();
    useCompareStore.getState().setPasteText('First.\n\nSecond.');
    await useCompareStore.getState().run(columns, () => target);
    const before = useCompareStore.getState();
    // One dialogue deleted meanwhile (from the Generate list, say): its cell says so.
    const [deletedItem] = before.grid!.items;
    await getDatabase().dialogues.delete(gridDialogueId(deletedItem!.id));

    useCompareStore.setState(initialState, true);
    await useCompareStore.getState().restoreLastGrid();
    const after = useCompareStore.getState();
    expect(after.grid?.items.map((i) => i.id)).toEqual(before.grid?.items.map((i) => i.id));
    expect(after.grid?.columns.map((c) => c.key)).toEqual(before.grid?.columns.map((c) => c.key));
    expect(after.cells[deletedItem!.id]).toEqual({ status: 'unsaved' });
    expect(statuses().filter((s) => s === 'done')).toHaveLength(3);
    expect(Object.keys(after.finished)).toHaveLength(3);
  });
});
