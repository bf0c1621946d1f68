import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'server.mjs');

export interface LlamaServerOptions {
  modelPath: string;
  apiKey?: string;
  contextSize?: number;
  ignoreEos?: boolean;
  /** List models without checking the key, as llama-server does. */
  publicModelList?: boolean;
  /** Listen on this port (to restart a server where the lab already points); a free one when left out. */
  port?: number;
}

export interface RunningLlamaServer {
  /** e.g. http://127.0.0.1:41234/v1 */
  baseUrl: string;
  model: string;
  contextSize: number;
  stop(): Promise<void>;
}

/**
 * Starts server.mjs on a free 127.0.0.1 port and resolves once it listens. The child also stops by itself when this
 * process goes away (it watches its stdin) and after 15 minutes at most.
 */
export function startLlamaServer({ modelPath, apiKey, contextSize = 1024, ignoreEos = false, publicModelList = false, port = 0 }: LlamaServerOptions): Promise<RunningLlamaServer> {
  const args = [SERVER_SCRIPT, '--model', modelPath, '--port', String(port), '--context-size', String(contextSize), '--watch-stdin', '--max-lifetime-s', '900'];
  if (apiKey) args.push('--api-key', apiKey);
  if (ignoreEos) args.push('--ignore-eos');
  if (publicModelList) args.push('--public-model-list');
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The test llama server did not start within 60 s.\n${stderr}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The test llama server exited with code ${code} before listening.\n${stderr}`));
    });
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const { listening } = JSON.parse(line) as { listening: { port: number; model: string; contextSize: number } };
      resolve({ baseUrl: `http://127.0.0.1:${listening.port}/v1`, model: listening.model, contextSize: listening.contextSize, stop });
    });
  });
}

/** A localhost port nobody listens on: bound, then released. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
