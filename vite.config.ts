import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './csp.config';

// Cross-origin isolation lets wllama run multi-threaded (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The built index.html carries the policy as a meta tag, for static hosts that cannot send headers. The dev server
 * gets neither: its hot reload injects inline scripts.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'mind-lab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  server: { headers: isolationHeaders },
  preview: { headers: { ...isolationHeaders, ...SECURITY_HEADERS } },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@wllama/wllama', '@mlc-ai/web-llm'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 7000 },
});
