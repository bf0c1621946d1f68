import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startLlamaServer, type RunningLlamaServer } from '../e2e/llama-server/startServer';
import { resolveTestModel } from '../e2e/helpers/testModel';
import { recipeRequestsForLine } from '../src/core/recipe/batchRequests';
import { joinBatchResults } from '../src/core/recipe/batchResults';
import { dialogueRecordSchema } from '../src/core/records/dialogue';
import { writeRecipe } from '../src/core/recipe/recipe';
import { sampleRecipe } from '../src/core/recipe/testing/sampleRecipe';
import { createTemplate } from '../src/core/templates/versions';
import { repo, runCli } from './testing/runCli';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-generate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A short prompt keeps each request to a fraction of a second on the tiny model, so a run can be killed midway.
const short = createTemplate({ id: 'short', name: 'Short', content: { style: 'TWO_STUDENTS', system: '', user: '{{context}}\n\nWrite a dialogue about it.', variables: {} }, now: 0 });
const recipe = sampleRecipe({
  styles: [{ templateId: 'short', templateVersionId: short.version.id, templateHash: short.version.hash, weight: 1, content: short.version.content }],
  sampling: { temperature: 0, topP: 1, maxTokens: 24, seed: 3, stop: [] },
});
const recipeFile = join(work, 'recipe.json');
writeFileSync(recipeFile, writeRecipe(recipe));

const excerptsFile = join(work, 'excerpts.jsonl');
const excerptLines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `e${i}`, text: `Fact ${i}: ${i} plus ${i} is ${2 * i}.` }));
writeFileSync(excerptsFile, `${excerptLines.join('\n')}\n`);
const expectedIds = excerptLines.flatMap((line) => {
  const result = recipeRequestsForLine(recipe, line);
  return result.kind === 'requests' ? result.requests.map((r) => r.request.custom_id) : [];
});

const outputLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; custom_id: string; response: { status_code: number; body: { choices?: unknown[] } } | null; error: unknown });

const lineCount = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0);

describe('mind-lab generate against the real local server', () => {
  let server: RunningLlamaServer;
  beforeAll(async () => {
    server = await startLlamaServer({ modelPath: await resolveTestModel(), contextSize: 512 });
  }, 90_000);
  afterAll(() => server?.stop());

  it('killed mid-run and started again, ends with every custom_id exactly once, a torn last line cut away', async () => {
    const out = join(work, 'results.jsonl');
    const args = ['generate', '--recipe', recipeFile, '--excerpts', excerptsFile, '--endpoint', server.baseUrl, '--out', out, '--concurrency', '4'];
    const child = spawn(process.execPath, [join(repo, 'cli/mind-lab.mjs'), ...args], { cwd: repo, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Kill it (no handler runs on SIGKILL) once a few answers are in and many are still to come.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (lineCount(out) >= 5) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`generate ended (${child.exitCode}) before it could be killed`));
        }
      }, 20);
    });
    expect(await exited).toBe('SIGKILL');
    const firstRun = outputLines(out).map((line) => line.custom_id);
    expect(firstRun.length).toBeLessThan(expectedIds.length);
    // What a crash in the middle of a write leaves: half a line with no newline.
    appendFileSync(out, `{"id":"batch_req_torn","custom_id":"${expectedIds.at(-1)}","response":{"status_`);

    const resumed = await runCli(args);
    expect(resumed.stderr).toMatch(/cut away a cut-off last line \(\d+ bytes\)/);
    expect(resumed.stderr).toContain(`${firstRun.length} answers already there`);
    expect(resumed.code).toBe(0);
    const lines = outputLines(out);
    const ids = lines.map((line) => line.custom_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expectedIds].sort());
    expect(ids.slice(0, firstRun.length)).toEqual(firstRun);
    for (const line of lines) {
      expect(line.error).toBeNull();
      expect(line.response?.status_code).toBe(200);
      expect(line.response?.body.choices).toHaveLength(1);
    }
    expect(existsSync(`${out}.lock`)).toBe(false);

    // A third run has nothing to do and writes nothing.
    const size = statSync(out).size;
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`0 answered, 0 failed (written with their error), 0 left for the next run, ${expectedIds.length} already in`);
    expect(statSync(out).size).toBe(size);
  }, 120_000);

  it('sends the shards mind-lab batch wrote, and the results come back as dialogues with their provenance', async () => {
    const dir = join(work, 'shards');
    const few = join(work, 'six.jsonl');
    writeFileSync(few, `${excerptLines.slice(0, 6).map((line, i) => JSON.stringify({ ...JSON.parse(line), url: `https://math.example/${i}` })).join('\n')}\n`);
    expect((await runCli(['batch', '--recipe', recipeFile, '--excerpts', few, '-o', dir])).code).toBe(0);
    const out = join(work, 'shard-results.jsonl');
    const sent = await runCli(['generate', '--requests', join(dir, 'requests-00000.jsonl'), '--endpoint', server.baseUrl, '--out', out, '--concurrency', '4']);
    expect(sent.code).toBe(0);
    const read = (name: string) => ({ name, text: readFileSync(join(dir, name), 'utf8') });
    const back = joinBatchResults({ recipe, requests: [read('requests-00000.jsonl')], sources: [read('sources-00000.jsonl')], outputs: [{ name: 'out', text: readFileSync(out, 'utf8') }] });
    expect(back.problems).toEqual([]);
    expect(back.dialogues).toHaveLength(6);
    for (const dialogue of back.dialogues) {
      expect(dialogueRecordSchema.parse(dialogue)).toEqual(dialogue);
      expect(dialogue).toMatchObject({ templateVersionId: short.version.id, templateHash: short.version.hash, model: server.model, seed: 3, batch: { recipeName: recipe.name } });
      expect(dialogue.url).toBe(`https://math.example/${Number(dialogue.excerptId!.slice(1))}`);
      expect(dialogue.excerptText).toMatch(/^Fact \d+: /);
    }
  }, 60_000);
});

describe('mind-lab generate against a flaky server', () => {
  let flaky: Server;
  let url: string;
  const hits = new Map<string, number>();
  beforeAll(async () => {
    // Answers each prompt the way real servers fail: 429 with Retry-After, then 503, then an answer; "Fact 1:" is
    // refused with a 400 (an answer that is written), a wrong key with 401.
    flaky = createServer(async (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: { content: string }[]; model: string };
      const prompt = body.messages.at(-1)!.content;
      const count = (hits.get(prompt) ?? 0) + 1;
      hits.set(prompt, count);
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization === 'Bearer wrong') return send(401, { error: { message: 'Invalid API Key', type: 'authentication_error' } });
      if (prompt.startsWith('Fact 1:')) return send(400, { error: { message: 'bad prompt', type: 'invalid_request_error' } });
      if (count === 1) return send(429, { error: { message: 'slow down' } }, { 'Retry-After': '0' });
      if (count === 2) return send(503, { error: { message: 'loading' } });
      return send(200, { id: `chatcmpl-${count}`, object: 'chat.completion', created: 1, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: 'A: hi\nB: hello' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } });
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const address = flaky.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => flaky.close(() => resolve())));

  it('retries 429 and 5xx, fails over from a dead endpoint, writes a 400 as an answer, and stops on a refused key', async () => {
    const few = join(work, 'few.jsonl');
    writeFileSync(few, `${excerptLines.slice(0, 4).join('\n')}\n`);
    const out = join(work, 'flaky.jsonl');
    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    const result = await runCli(['generate', '--recipe', recipeFile, '--excerpts', few, '--endpoint', dead, '--endpoint', url, '--out', out, '--concurrency', '2', '--model', 'served-name']);
    expect(result.stderr).toContain('3 answered, 1 failed (written with their error), 0 left for the next run');
    expect(result.code).toBe(0);
    const lines = outputLines(out);
    expect(lines.map((l) => l.custom_id).sort()).toEqual(expectedIds.slice(0, 4).sort());
    expect(lines.filter((l) => l.response?.status_code === 400)).toHaveLength(1);
    expect(lines.filter((l) => l.response?.status_code === 200).every((l) => (l.response!.body as { model?: string }).model === 'served-name')).toBe(true);

    process.env.MIND_LAB_TEST_KEY = 'wrong';
    const refused = await runCli(['generate', '--recipe', recipeFile, '--excerpts', excerptsFile, '--endpoint', url, '--out', join(work, 'refused.jsonl'), '--api-key-env', 'MIND_LAB_TEST_KEY']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The server refused the API key (HTTP 401: Invalid API Key)');
    expect(lineCount(join(work, 'refused.jsonl'))).toBe(0);
  }, 60_000);

  it('refuses a recipe with a broken field and an output line it cannot read, naming them', async () => {
    const bad = JSON.parse(writeRecipe(recipe));
    bad.sampling.maxTokens = -1;
    const badFile = join(work, 'bad-recipe.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const refused = await runCli(['generate', '--recipe', badFile, excerptsFile, '--endpoint', url, '--out', join(work, 'x.jsonl')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('bad-recipe.json: sampling.maxTokens:');

    const corrupt = join(work, 'corrupt.jsonl');
    writeFileSync(corrupt, 'not json\n{"custom_id":"a"}\n');
    const stopped = await runCli(['generate', '--recipe', recipeFile, '--excerpts', excerptsFile, '--endpoint', url, '--out', corrupt]);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(`${corrupt}:1 is not a batch output line`);
    expect(readFileSync(corrupt, 'utf8')).toBe('not json\n{"custom_id":"a"}\n');
  }, 60_000);
});
