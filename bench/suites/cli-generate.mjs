// Requests/s through `mind-lab generate` divided by a bare HTTP loop sending the same request bodies at the same
// concurrency to the same real local server (node-llama-cpp over stories260K). The CLI reports its own sending time
// (first request to last answer written); the bare loop is timed the same way. The whole process, with its start-up
// (the module runner loading src/core), is reported beside it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importTypeScript, repoRoot } from '../../cli/loadTypeScript.mjs';

export const title = 'CLI generate: requests/s through mind-lab generate ÷ a bare HTTP loop';

const REQUESTS = 192;
const CONCURRENCY = 4;
const MAX_TOKENS = 32;
const ROUNDS = 5;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function modelPath() {
  const path = process.env.MIND_LAB_TEST_MODEL ?? resolve(repoRoot, '../shared/models/stories260K.gguf');
  if (!existsSync(path)) throw new Error(`No test model at ${path}: set MIND_LAB_TEST_MODEL`);
  return path;
}

function runCli(args) {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(repoRoot, 'cli/mind-lab.mjs'), ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

/** The same bodies, the same concurrency, nothing else: fetch, read the JSON, next. */
async function bareLoop(apiRoot, bodies) {
  let next = 0;
  let answered = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await fetch(`${apiRoot}/chat/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body });
      const json = await response.json();
      if (response.ok && json.choices) answered += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const seconds = (performance.now() - started) / 1000;
  return { requestsPerSecond: answered / seconds, answered };
}

async function cliRun(dir, round, apiRoot, requestsFile) {
  const out = join(dir, `results-${round}.jsonl`);
  const { code, stderr, seconds } = await runCli(['generate', '--requests', requestsFile, '--endpoint', apiRoot, '--out', out, '--concurrency', String(CONCURRENCY)]);
  const match = /(\d+) answered, (\d+) failed .*?; ([\d.]+) req\/s over ([\d.]+) s of sending/.exec(stderr);
  if (code !== 0 || !match) throw new Error(`mind-lab generate failed (exit ${code}):\n${stderr}`);
  const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
  return { requestsPerSecond: Number(match[3]), wholeProcess: lines / seconds, answered: Number(match[1]), lines };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-generate-'));
  const { startLlamaServer } = await importTypeScript('e2e/llama-server/startServer.ts');
  const { sampleRecipe } = await importTypeScript('src/core/recipe/testing/sampleRecipe.ts');
  const { createTemplate } = await importTypeScript('src/core/templates/versions.ts');
  const server = await startLlamaServer({ modelPath: modelPath(), contextSize: 1024 });
  try {
    // A short prompt, so the figure is about the CLI's own cost per request, not the server's prompt processing.
    const short = createTemplate({ id: 'bench', name: 'Bench', content: { style: 'TWO_STUDENTS', system: '', user: '{{context}}\n\nWrite a dialogue about it.', variables: {} }, now: 0 });
    const recipe = sampleRecipe({
      styles: [{ templateId: 'bench', templateVersionId: short.version.id, templateHash: short.version.hash, weight: 1, content: short.version.content }],
      sampling: { temperature: 0, topP: 1, maxTokens: MAX_TOKENS, seed: 1, stop: [] },
    });
    writeFileSync(join(dir, 'recipe.json'), JSON.stringify(recipe));
    writeFileSync(join(dir, 'excerpts.jsonl'), Array.from({ length: REQUESTS }, (_, i) => JSON.stringify({ id: `e${i}`, text: `Fact ${i}: ${i} times 3 is ${3 * i}.` })).join('\n') + '\n');
    const batch = await runCli(['batch', '--recipe', join(dir, 'recipe.json'), '--excerpts', join(dir, 'excerpts.jsonl'), '-o', join(dir, 'batch')]);
    if (batch.code !== 0) throw new Error(`mind-lab batch failed:\n${batch.stderr}`);
    const requestsFile = join(dir, 'batch', 'requests-00000.jsonl');
    const bodies = readFileSync(requestsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.stringify(JSON.parse(line).body));

    await bareLoop(server.baseUrl, bodies.slice(0, 8)); // warm the server
    const pairs = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate which goes first so drift in machine load hits both alike.
      const cliFirst = round % 2 === 0;
      const cli = cliFirst ? await cliRun(dir, round, server.baseUrl, requestsFile) : null;
      const bare = await bareLoop(server.baseUrl, bodies);
      pairs.push({ cli: cli ?? (await cliRun(dir, round, server.baseUrl, requestsFile)), bare });
    }
    const ratios = pairs.map((p) => p.cli.requestsPerSecond / p.bare.requestsPerSecond);
    const wholeRatios = pairs.map((p) => p.cli.wholeProcess / p.bare.requestsPerSecond);
    const whole = pairs.every((p) => p.cli.answered === REQUESTS && p.cli.lines === REQUESTS && p.bare.answered === REQUESTS);
    const how = `${REQUESTS} chat completions of ${MAX_TOKENS} tokens (greedy) at concurrency ${CONCURRENCY}, stories260K on the local node-llama-cpp server (1 sequence, so requests queue server-side), ${ROUNDS} alternating rounds`;
    return [
      { label: `requests/s, mind-lab generate ÷ bare HTTP loop, sending time (median of ${ROUNDS})`, value: median(ratios), unit: '×', goal: '>= 0.95', met: median(ratios) >= 0.95 && whole, how: `${how}; ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}; every run answered all ${REQUESTS} with one line each: ${whole ? 'yes' : 'NO'}` },
      { label: 'requests/s, mind-lab generate ÷ bare HTTP loop, whole process with start-up (median)', value: median(wholeRatios), unit: '×', how: `${how}; the CLI's start-up (Vite's module runner loading src/core, reading OUT) counts here` },
      { label: 'requests/s through mind-lab generate (median)', value: median(pairs.map((p) => p.cli.requestsPerSecond)), unit: 'req/s', how },
      { label: 'requests/s, bare HTTP loop (median)', value: median(pairs.map((p) => p.bare.requestsPerSecond)), unit: 'req/s', how },
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
