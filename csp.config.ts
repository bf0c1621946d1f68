/**
 * The lab's Content-Security-Policy. It shows untrusted text (scraped web pages, model output), so nothing but its
 * own scripts may run: no inline script, no event-handler attributes, no plugins, no <base> tricks, no framing.
 *
 * - 'wasm-unsafe-eval': wllama (llama.cpp) and web-llm (TVM) compile WebAssembly; it allows wasm only, not eval.
 * - worker-src blob:: wllama starts its workers from inlined code.
 * - connect-src https: and loopback http: the OpenAI-compatible server, Hugging Face and model URLs are the user's
 *   own choice; plain http is allowed to this machine only (llama-server, Ollama, vLLM on localhost).
 * - style-src 'unsafe-inline': React style attributes and KaTeX's inline styles (styles cannot run code).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:* http://[::1]:* blob: data:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** frame-ancestors is ignored in a <meta> policy (browsers require the header for it). */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
