import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const STORIES_260K_SHA256 = '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d';
const DOWNLOAD_URLS = [
  'https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf',
  'https://huggingface.co/ggml-org/models-moved/resolve/main/tinyllamas/stories260K.gguf',
];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The tiny real model the e2e tests run: $MIND_LAB_TEST_MODEL, else ../shared/models/stories260K.gguf, else a
 * one-time download from Hugging Face into the git-ignored .cache/, checked against the published sha256.
 */
export async function resolveTestModel(): Promise<string> {
  const fromEnv = process.env.MIND_LAB_TEST_MODEL;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`MIND_LAB_TEST_MODEL points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const shared = resolve(repoRoot, '../shared/models/stories260K.gguf');
  if (existsSync(shared)) return shared;
  const cached = join(repoRoot, '.cache/models/stories260K.gguf');
  if (existsSync(cached) && sha256(readFileSync(cached)) === STORIES_260K_SHA256) return cached;
  mkdirSync(dirname(cached), { recursive: true });
  const failures: string[] = [];
  for (const url of DOWNLOAD_URLS) {
    try {
      const response = await fetch(url, { redirect: 'follow' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const digest = sha256(bytes);
      if (digest !== STORIES_260K_SHA256) throw new Error(`sha256 ${digest} does not match`);
      writeFileSync(`${cached}.part`, bytes);
      renameSync(`${cached}.part`, cached);
      return cached;
    } catch (error) {
      failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`No test model: set MIND_LAB_TEST_MODEL or provide ../shared/models/stories260K.gguf.\n${failures.join('\n')}`);
}
