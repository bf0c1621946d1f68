import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// A separate build for bench/corpus-page so benchmark code never lands in the app's dist/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: '../.tmp/corpus-page-dist', emptyOutDir: true },
});
