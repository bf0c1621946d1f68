// A local stand-in for the Hugging Face Hub API, answering the endpoints @huggingface/hub 2.17 calls for whoAmI,
// createRepo, uploadFiles (preupload, LFS batch, LFS PUT, commit) and listFiles, with the Hub's documented answers.
// Tests configure it per case: the token it accepts, and a failure midway (see FAILURES). Run in-process with
// startHubReplay(), or as `node e2e/hub-replay/server.mjs [--port N] [--token T] [--fail-at commit]`.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

/** Where an upload can be made to fail: the repo creation, an LFS object's PUT, or the commit after everything else. */
export const FAILURES = ['create', 'lfs-upload', 'commit'];

const USER = 'lab-user';

export function startHubReplay({ token = 'hf_replay_token', failAt = null, lfsThreshold = 10 * 1024 * 1024, port = 0 } = {}) {
  const options = { token, failAt, lfsThreshold };
  /** name → { private, files: Map(path → { size, oid, lfs }), commits: [] } */
  const repos = new Map();
  const lfsObjects = new Map();
  const log = [];
  let base = '';

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const send = (status, body, type = 'application/json') => {
      log.push({ method: req.method, path: url.pathname, status });
      res.writeHead(status, { ...CORS, 'Content-Type': type, 'X-Request-Id': randomBytes(8).toString('hex') });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'Access-Control-Max-Age': '600' });
      res.end();
      return;
    }
    const body = await readBody(req);
    try {
      if (url.pathname === '/__replay/state') return send(200, stateOf());
      if (url.pathname === '/__replay/config' && req.method === 'POST') {
        Object.assign(options, JSON.parse(body.toString('utf8')));
        return send(200, options);
      }
      if (url.pathname.startsWith('/__lfs/') && req.method === 'PUT') return putLfs(url.pathname.slice('/__lfs/'.length), body, send);
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        // The Hub's answer to a missing, wrong or revoked token.
        return send(401, { error: 'Invalid credentials in Authorization header' });
      }
      if (url.pathname === '/api/whoami-v2' && req.method === 'GET') return send(200, whoAmI());
      if (url.pathname === '/api/repos/create' && req.method === 'POST') return createRepo(JSON.parse(body.toString('utf8')), send);
      let match = url.pathname.match(/^\/api\/datasets\/([^/]+\/[^/]+)\/preupload\/([^/]+)$/);
      if (match && req.method === 'POST') return preupload(match[1], JSON.parse(body.toString('utf8')), send);
      match = url.pathname.match(/^\/datasets\/([^/]+\/[^/]+)\.git\/info\/lfs\/objects\/batch$/);
      if (match && req.method === 'POST') return lfsBatch(match[1], JSON.parse(body.toString('utf8')), send);
      match = url.pathname.match(/^\/api\/datasets\/([^/]+\/[^/]+)\/commit\/([^/]+)$/);
      if (match && req.method === 'POST') return commit(match[1], body.toString('utf8'), send);
      match = url.pathname.match(/^\/api\/datasets\/([^/]+\/[^/]+)\/tree\/([^/]+)$/);
      if (match && req.method === 'GET') return tree(match[1], send);
      return send(404, { error: `Not found: ${req.method} ${url.pathname}` });
    } catch (error) {
      return send(400, { error: `Bad request: ${error instanceof Error ? error.message : String(error)}` });
    }
  });

  function whoAmI() {
    return {
      type: 'user', id: '64f0c0ffee', name: USER, fullname: 'Lab User', email: null, emailVerified: false, isPro: false, canPay: false,
      avatarUrl: '', periodEnd: null, billingMode: 'prepaid', orgs: [],
      auth: { type: 'access_token', accessToken: { displayName: 'replay', role: 'write', createdAt: '2025-01-01T00:00:00.000Z' } },
    };
  }

  function createRepo(payload, send) {
    if (payload.type !== 'dataset') return send(400, { error: `Only dataset repos are replayed, not ${payload.type}` });
    if (payload.organization && payload.organization !== USER) return send(403, { error: `You don't have the rights to create a dataset under the namespace "${payload.organization}"` });
    if (options.failAt === 'create') return send(500, { error: 'Internal Error - We\'re working hard to fix this as soon as possible!' });
    const name = `${payload.organization ?? USER}/${payload.name}`;
    if (repos.has(name)) return send(409, { error: 'You already created this dataset repo', url: `${base}/datasets/${name}` });
    repos.set(name, { private: payload.visibility === 'private', files: new Map(), commits: [] });
    return send(200, { url: `${base}/datasets/${name}`, name, id: randomBytes(12).toString('hex') });
  }

  function preupload(name, payload, send) {
    if (!repos.has(name)) return send(404, { error: 'Repository not found' });
    // The Hub answers per file whether it goes through LFS; binary formats and large files do.
    const files = payload.files.map((file) => ({ path: file.path, uploadMode: file.path.endsWith('.parquet') || file.size >= options.lfsThreshold ? 'lfs' : 'regular', shouldIgnore: false }));
    return send(200, { files, commitOid: latestCommit(name) });
  }

  function lfsBatch(name, payload, send) {
    if (!repos.has(name)) return send(404, { error: 'Repository not found' });
    const objects = payload.objects.map(({ oid, size }) => ({
      oid, size, authenticated: true,
      ...(lfsObjects.has(oid) ? {} : { actions: { upload: { href: `${base}/__lfs/${oid}`, expires_in: 86400 } } }),
    }));
    // "basic": a plain PUT per object (the client would switch to Xet only if the answer said "xet").
    return send(200, { transfer: 'basic', objects }, 'application/vnd.git-lfs+json');
  }

  function putLfs(oid, body, send) {
    if (options.failAt === 'lfs-upload') return send(500, '<Error><Code>InternalError</Code></Error>', 'application/xml');
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== oid) return send(400, `<Error><Code>BadDigest</Code><Message>sha256 ${actual} is not ${oid}</Message></Error>`, 'application/xml');
    lfsObjects.set(oid, body.length);
    return send(200, '');
  }

  function commit(name, text, send) {
    const repo = repos.get(name);
    if (!repo) return send(404, { error: 'Repository not found' });
    const lines = text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    if (lines[0]?.key !== 'header') return send(400, { error: 'The first line must be the commit header' });
    if (options.failAt === 'commit') return send(500, { error: 'Internal Error - We\'re working hard to fix this as soon as possible!' });
    const changes = [];
    for (const { key, value } of lines.slice(1)) {
      if (key === 'file') {
        const content = Buffer.from(value.content, value.encoding === 'base64' ? 'base64' : 'utf8');
        changes.push([value.path, { size: content.length, oid: gitBlobOid(content), lfs: null }]);
      } else if (key === 'lfsFile') {
        if (!lfsObjects.has(value.oid)) return send(422, { error: `LFS object ${value.oid} of ${value.path} was never uploaded` });
        changes.push([value.path, { size: lfsObjects.get(value.oid), oid: value.oid, lfs: { oid: value.oid, size: lfsObjects.get(value.oid) } }]);
      } else return send(400, { error: `Unsupported commit line ${key}` });
    }
    // A commit is atomic: every file of it lands, or none.
    for (const [path, file] of changes) repo.files.set(path, file);
    const commitOid = randomBytes(20).toString('hex');
    repo.commits.push({ oid: commitOid, title: lines[0].value.summary, paths: changes.map(([path]) => path) });
    return send(200, { success: true, commitOid, commitUrl: `${base}/datasets/${name}/commit/${commitOid}`, hookOutput: '' });
  }

  function tree(name, send) {
    const repo = repos.get(name);
    if (!repo) return send(404, { error: 'Repository not found' });
    return send(200, [...repo.files].map(([path, file]) => ({ type: 'file', path, size: file.size, oid: file.oid, ...(file.lfs ? { lfs: { ...file.lfs, pointerSize: 134 } } : {}) })));
  }

  const latestCommit = (name) => repos.get(name)?.commits.at(-1)?.oid ?? null;

  function stateOf() {
    return {
      options,
      repos: Object.fromEntries([...repos].map(([name, repo]) => [name, { private: repo.private, files: Object.fromEntries(repo.files), commits: repo.commits }])),
      lfsObjects: Object.fromEntries(lfsObjects),
      log,
    };
  }

  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      base = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url: base,
        configure: (next) => Object.assign(options, next),
        state: stateOf,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  // Authorization is never covered by a wildcard: it is listed.
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, X-Request-Id',
  'Access-Control-Expose-Headers': 'X-Request-Id, Link, ETag',
};

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Git's blob id, as the Hub reports it for a regular file. */
function gitBlobOid(content) {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const replay = await startHubReplay({ port: Number(arg('port') ?? 0), token: arg('token'), failAt: arg('fail-at') ?? null });
  console.log(JSON.stringify({ listening: replay.url }));
}
