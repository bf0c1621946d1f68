import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// A separate build for bench/engine-page so benchmark code never lands in the app's dist/.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  preview: { headers: isolationHeaders },
  server: { headers: isolationHeaders },
  optimizeDeps: { exclude: ['@wllama/wllama'] },
  build: { target: 'es2022', outDir: '../.tmp/engine-page-dist', emptyOutDir: true },
});
