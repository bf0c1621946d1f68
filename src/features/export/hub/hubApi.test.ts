import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHubReplay, type HubReplay } from '../../../../e2e/hub-replay/server.mjs';
import { repoNameProblem, uploadToHub, type HubFile, type HubUploadEvent } from './hubApi';

// The real @huggingface/hub client against the local replay of the Hub's API.
const TOKEN = 'hf_test_token';
let hub: HubReplay;

beforeAll(async () => {
  hub = await startHubReplay({ token: TOKEN });
});
afterAll(() => hub.close());
beforeEach(() => hub.configure({ token: TOKEN, failAt: null }));

const parquetBytes = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
const files = (): HubFile[] => [
  { path: 'README.md', content: new Blob(['---\nlicense: odc-by\n---\n# MIND Lab dialogues\n']) },
  { path: 'pretraining.jsonl', content: new Blob(['{"text":"Teacher: hi"}\n']) },
  { path: 'data/train-00000-of-00001.parquet', content: new Blob([parquetBytes]) },
];

async function upload(repo: string, token = TOKEN) {
  const events: HubUploadEvent[] = [];
  const report = await uploadToHub({ hubUrl: hub.url, token, repo, private: true, files: files() }, (event) => events.push(event));
  return { report, events };
}

describe('uploadToHub', () => {
  it('creates the dataset repo and commits every file, large ones through LFS', async () => {
    const { report, events } = await upload('mind-ok');
    expect(report).toMatchObject({ ok: true, repo: 'lab-user/mind-ok', repoState: 'created', notUploaded: [], failedAt: null, error: null });
    expect(report.uploaded).toEqual(['README.md', 'pretraining.jsonl', 'data/train-00000-of-00001.parquet']);
    expect(report.commitUrl).toMatch(new RegExp(`^${hub.url}/datasets/lab-user/mind-ok/commit/[0-9a-f]{40}$`));
    const repo = hub.state().repos['lab-user/mind-ok']!;
    expect(repo.private).toBe(true);
    expect(repo.files['data/train-00000-of-00001.parquet']).toEqual({ size: 5000, oid: createHash('sha256').update(parquetBytes).digest('hex'), lfs: { oid: expect.any(String), size: 5000 } });
    expect(repo.files['README.md']!.lfs).toBeNull();
    expect(events.filter((e) => e.kind === 'stage').map((e) => e.kind === 'stage' && e.stage)).toEqual(['token', 'create', 'upload', 'commit']);
    expect(events).toContainEqual({ kind: 'file', path: 'data/train-00000-of-00001.parquet', progress: 1, state: 'uploading' });
  });

  it('uploads into a repo that exists already', async () => {
    await upload('mind-again');
    const { report } = await upload('lab-user/mind-again');
    expect(report).toMatchObject({ ok: true, repoState: 'existed' });
    expect(hub.state().repos['lab-user/mind-again']!.commits).toHaveLength(2);
  });

  it('says the token was refused, and that nothing was created or uploaded', async () => {
    const { report } = await upload('mind-refused', 'hf_wrong');
    expect(report).toMatchObject({ ok: false, repo: null, repoState: 'not-created', uploaded: [], failedAt: 'token', onHubNow: null });
    expect(report.notUploaded).toHaveLength(3);
    expect(report.error).toMatch(/^The Hub refused the token \(401\) while checking the token/);
    expect(hub.state().repos['lab-user/mind-refused']).toBeUndefined();
  });

  it('after a commit that fails midway, claims nothing and lists what the Hub holds from before', async () => {
    await upload('mind-midway');
    hub.configure({ failAt: 'commit' });
    const second = files().map((f) => ({ ...f, path: `v2/${f.path}` }));
    const report = await uploadToHub({ hubUrl: hub.url, token: TOKEN, repo: 'mind-midway', private: false, files: second }, () => {});
    expect(report).toMatchObject({ ok: false, repoState: 'existed', uploaded: [], failedAt: 'commit' });
    expect(report.notUploaded).toEqual(second.map((f) => f.path));
    expect(report.error).toMatch(/^The Hub answered 500 while committing the files/);
    // The LFS object was sent, but no commit names it: the Hub still holds only the first upload's files.
    expect(report.onHubNow!.sort()).toEqual(['README.md', 'data/train-00000-of-00001.parquet', 'pretraining.jsonl']);
    expect(Object.keys(hub.state().repos['lab-user/mind-midway']!.files).some((p) => p.startsWith('v2/'))).toBe(false);
  });

  it('reports a failed LFS upload as failed while uploading, with the new repo empty', async () => {
    hub.configure({ failAt: 'lfs-upload' });
    // New bytes: an object the Hub already holds is not sent again.
    const fresh = [{ path: 'data/other.parquet', content: new Blob([parquetBytes.map((b) => 255 - b)]) }];
    const report = await uploadToHub({ hubUrl: hub.url, token: TOKEN, repo: 'mind-lfs-fails', private: false, files: fresh }, () => {});
    expect(report).toMatchObject({ ok: false, repoState: 'created', uploaded: [], failedAt: 'upload', onHubNow: [] });
  });

  it('checks repo names as the Hub does', () => {
    expect(repoNameProblem('mind-dialogues')).toBeNull();
    expect(repoNameProblem('me/mind_v1.2')).toBeNull();
    expect(repoNameProblem('a/b/c')).not.toBeNull();
    expect(repoNameProblem('-x')).not.toBeNull();
    expect(repoNameProblem('x--y')).not.toBeNull();
    expect(repoNameProblem('x.git')).not.toBeNull();
  });
});
