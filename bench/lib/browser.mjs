// Serves the built app with `vite preview` and opens it in the same Chromium the e2e tests use.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function withBuiltApp(port, fn, distDir = process.env.E2E_DIST ?? 'dist') {
  if (!existsSync(`${distDir}/index.html`)) throw new Error(`${distDir}/ is missing: run \`npm run build\` first`);
  // vite itself, not `npx vite`: killing npx would leave the preview server running.
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--outDir', distDir], { stdio: 'ignore' });
  try {
    const url = `http://localhost:${port}`;
    for (let i = 0; i < 100; i += 1) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const browser = await chromium.launch({
      ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
      args: CHROMIUM_ARGS,
    });
    try {
      return await fn({ browser, url });
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}
