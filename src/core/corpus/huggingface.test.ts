import { describe, expect, it } from 'vitest';
import { HuggingFaceError, listSplits, readDatasetRows, type HfRowEvent } from './huggingface';

type Handler = (url: URL, init?: RequestInit) => Response;

function fakeFetch(handler: Handler) {
  const calls: { url: URL; init?: RequestInit }[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    return handler(url, init);
  }) as typeof fetch;
  return { fn, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function rowsPage(offset: number, length: number, total: number) {
  const rows = Array.from({ length: Math.max(0, Math.min(length, total - offset)) }, (_, i) => ({
    row_idx: offset + i,
    row: offset + i === 3
      ? { url: 'https://x/3', text: '', date: null, metadata: null }
      : { url: `https://x/${offset + i}`, text: `Let $x_${offset + i}$ be`, date: '2023-01-01', metadata: '{"license":"CC BY-SA"}' },
    truncated_cells: [],
  }));
  return { features: [{ feature_idx: 0, name: 'text', type: { dtype: 'string', _type: 'Value' } }], rows, num_rows_total: total, num_rows_per_page: 100, partial: false };
}

async function collect(gen: AsyncGenerator<HfRowEvent>) {
  const events: HfRowEvent[] = [];
  for await (const e of gen) events.push(e);
  return events;
}

describe('Hugging Face datasets-server client', () => {
  it('lists splits and sends the token as a bearer header', async () => {
    const { fn, calls } = fakeFetch(() => json({ splits: [{ dataset: 'a/b', config: 'default', split: 'train' }], pending: [], failed: [] }));
    expect(await listSplits('a/b', { fetch: fn, token: 'hf_x', baseUrl: 'http://127.0.0.1:1/' })).toEqual([{ dataset: 'a/b', config: 'default', split: 'train' }]);
    expect(calls[0]!.url.href).toBe('http://127.0.0.1:1/splits?dataset=a%2Fb');
    expect((calls[0]!.init?.headers as Record<string, string>).Authorization).toBe('Bearer hf_x');
  });

  it('pages 100 rows at a time up to the limit, rejecting empty text with its row index', async () => {
    const { fn, calls } = fakeFetch((url) => json(rowsPage(Number(url.searchParams.get('offset')), Number(url.searchParams.get('length')), 250)));
    const events = await collect(readDatasetRows({ dataset: 'a/b', config: 'default', split: 'train', limit: 230 }, { fetch: fn }));
    expect(calls.map((c) => [c.url.searchParams.get('offset'), c.url.searchParams.get('length')])).toEqual([['0', '100'], ['100', '100'], ['200', '30']]);
    const records = events.filter((e) => e.kind === 'record');
    expect(records).toHaveLength(229);
    expect(records[0]).toMatchObject({ document: { url: 'https://x/0', metadata: { license: 'CC BY-SA' } } });
    expect(events.filter((e) => e.kind === 'rejected')).toEqual([{ kind: 'rejected', rejected: { file: 'a/b/default/train', line: 3, reason: 'column "text" is empty' } }]);
    expect(events.at(-1)).toEqual({ kind: 'progress', rowsRead: 230, rowsTotal: 230 });
  });

  it('waits out a 429 with Retry-After, then reports rate limiting when it persists', async () => {
    const waits: number[] = [];
    let answered = 0;
    const { fn } = fakeFetch(() => (answered++ < 1 ? json({ error: 'slow down' }, 429, { 'Retry-After': '2' }) : json(rowsPage(0, 10, 10))));
    const events = await collect(readDatasetRows({ dataset: 'a/b', config: 'c', split: 's', limit: 10 }, { fetch: fn, wait: async (ms) => { waits.push(ms); } }));
    expect(waits).toEqual([2000]);
    expect(events.filter((e) => e.kind === 'record')).toHaveLength(9);

    const always = fakeFetch(() => json({ error: 'slow down' }, 429, { 'Retry-After': '7' }));
    const failure = listSplits('a/b', { fetch: always.fn, maxRetries: 1, wait: async () => {} });
    await expect(failure).rejects.toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 7 });
  });

  it('names network failures, missing datasets and unexpected answers', async () => {
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch;
    await expect(listSplits('a/b', { fetch: offline })).rejects.toMatchObject({ kind: 'network' });
    await expect(listSplits('a/b', { fetch: fakeFetch(() => json({ error: "The dataset doesn't exist" }, 404)).fn }))
      .rejects.toThrow(/doesn't exist/);
    const wrong = listSplits('a/b', { fetch: fakeFetch(() => json({ nope: 1 })).fn });
    await expect(wrong).rejects.toBeInstanceOf(HuggingFaceError);
    await expect(wrong).rejects.toMatchObject({ kind: 'invalid-response' });
  });
});
