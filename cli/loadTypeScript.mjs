import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs src/core straight from source, so it works right after `npm install`. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Imports a TypeScript module of this repository (path relative to its root) with Vite's module runner: vite
 * is already a dependency, so no build step is needed. Packages (hyparquet, zod) load natively. Each call
 * starts a runner (about a second), so import one module that re-exports what is needed.
 */
export async function importTypeScript(path) {
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport(resolve(repoRoot, path), { root: repoRoot, logLevel: 'error' });
  return module;
}
