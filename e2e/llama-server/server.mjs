#!/usr/bin/env node
// A real OpenAI-compatible test server over node-llama-cpp (CPU), answering the way llama.cpp's llama-server does:
// GET /v1/models, POST /v1/chat/completions (JSON or SSE ending `data: [DONE]`, a usage chunk with empty `choices`
// and `timings`), JSON error bodies (401 authentication_error, 400 exceed_context_size_error), CORS with an
// explicit Authorization header, abort on client disconnect.
//
// Usage: node server.mjs --model <file.gguf> [--port 0] [--api-key KEY] [--context-size 1024] [--max-lifetime-s 900] [--watch-stdin] [--ignore-eos] [--public-model-list]
// Prints one JSON line `{"listening":{"port":N,"model":"..."}}` on stdout once ready. It stops by itself on
// SIGTERM/SIGINT, with --watch-stdin when its stdin closes (the parent test process is gone), and after --max-lifetime-s.
import { createServer } from 'node:http';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { GeneralChatWrapper, LlamaCompletion, TokenBias, getLlama } from 'node-llama-cpp';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string' },
    'context-size': { type: 'string', default: '1024' },
    'max-lifetime-s': { type: 'string', default: '900' },
    'watch-stdin': { type: 'boolean', default: false },
    // As llama-server does with --api-key: GET /v1/models answers without a key (only generation checks it).
    'public-model-list': { type: 'boolean', default: false },
    // As llama-server's --ignore-eos: keep generating past end-of-text (lets tests press Stop mid-stream).
    'ignore-eos': { type: 'boolean', default: false },
  },
});
if (!args.model) {
  console.error('server.mjs: --model <file.gguf> is required');
  process.exit(2);
}

const modelId = basename(args.model);
const contextSize = Number(args['context-size']);
const createdAt = Math.floor(Date.now() / 1000);

// threads: 1 — node-llama-cpp's default of 4 threads crawls on 2-core machines.
const llama = await getLlama({ gpu: false, logLevel: 'error' });
const model = await llama.loadModel({ modelPath: args.model });
const context = await model.createContext({ contextSize, threads: 1, sequences: 1 });
const sequence = context.getSequence();
const completion = new LlamaCompletion({ contextSequence: sequence });
// The test models have no chat template. Titles chosen so node-llama-cpp's general wrapper renders the same
// "### Instruction:" / "### Response:" sections as the lab's own plain-text format (src/core/prompts/plainTextFormat.ts).
const neverEndOfText = args['ignore-eos'] && model.tokens.eos !== null ? new TokenBias(model.tokenizer).set(model.tokens.eos, 'never') : undefined;
const chatWrapper = new GeneralChatWrapper({ userMessageTitle: 'Instruction:', modelResponseTitle: 'Response:', middleSystemMessageTitle: 'System:' });

/** One generation at a time on the single sequence; later requests wait their turn. */
let queue = Promise.resolve();
const serialized = (job) => {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
};

const corsHeaders = (req) => ({
  'Access-Control-Allow-Origin': req.headers.origin ?? '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  // A `*` header list does not cover Authorization: name it.
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
  Vary: 'Origin',
});

function sendJson(req, res, status, body) {
  res.writeHead(status, { ...corsHeaders(req), 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const sendError = (req, res, status, type, message, extra = {}) =>
  sendJson(req, res, status, { error: { code: status, message, type, ...extra } });

function authorized(req) {
  if (!args['api-key']) return true;
  const header = req.headers.authorization ?? '';
  return header === `Bearer ${args['api-key']}`;
}

async function readJson(req) {
  const parts = [];
  for await (const part of req) parts.push(part);
  return JSON.parse(Buffer.concat(parts).toString('utf8'));
}

function toChatHistory(messages) {
  const history = messages.map((message) =>
    message.role === 'assistant'
      ? { type: 'model', response: [String(message.content ?? '')] }
      : { type: message.role === 'system' ? 'system' : 'user', text: String(message.content ?? '') },
  );
  history.push({ type: 'model', response: [] });
  return history;
}

const finishReasonOf = (stopReason) => (stopReason === 'maxTokens' ? 'length' : 'stop');

async function chatCompletions(req, res) {
  let body;
  try {
    body = await readJson(req);
  } catch {
    return sendError(req, res, 400, 'invalid_request_error', 'The request body is not valid JSON.');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return sendError(req, res, 400, 'invalid_request_error', "'messages' must be a non-empty array.");
  }
  const { contextText, stopGenerationTriggers } = chatWrapper.generateContextState({ chatHistory: toChatHistory(body.messages) });
  const promptTokens = contextText.tokenize(model.tokenizer);
  if (promptTokens.length >= contextSize) {
    return sendError(req, res, 400, 'exceed_context_size_error', 'the request exceeds the available context size, try increasing it', {
      n_prompt_tokens: promptTokens.length,
      n_ctx: contextSize,
    });
  }

  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  const created = Math.floor(Date.now() / 1000);
  const stream = body.stream === true;
  const includeUsage = stream && body.stream_options?.include_usage === true;
  const stops = typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? body.stop : [];
  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort();
  });

  const chunk = (choices, extra = {}) => ({ id, object: 'chat.completion.chunk', created, model: modelId, choices, ...extra });
  const send = (payload) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
  if (stream) {
    res.writeHead(200, { ...corsHeaders(req), 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    // llama-server's first delta carries the role and `content: null`.
    send(chunk([{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }]));
  }

  await serialized(async () => {
    if (aborter.signal.aborted) return;
    let completionTokens = 0;
    const startedAt = performance.now();
    let firstTokenAt = null;
    const result = await completion.generateCompletionWithMeta(promptTokens, {
      maxTokens: Number.isInteger(body.max_tokens) && body.max_tokens > 0 ? body.max_tokens : 256,
      temperature: typeof body.temperature === 'number' ? body.temperature : 0.8,
      ...(typeof body.top_p === 'number' ? { topP: body.top_p } : {}),
      ...(Number.isInteger(body.seed) ? { seed: body.seed } : {}),
      customStopTriggers: [...stopGenerationTriggers, ...stops.filter((s) => typeof s === 'string' && s.length > 0)],
      ...(neverEndOfText ? { tokenBias: neverEndOfText } : {}),
      signal: aborter.signal,
      stopOnAbortSignal: true,
      onToken: (tokens) => {
        firstTokenAt ??= performance.now();
        completionTokens += tokens.length;
      },
      onTextChunk: (text) => {
        if (stream && text) send(chunk([{ index: 0, delta: { content: text }, finish_reason: null }]));
      },
    });
    if (aborter.signal.aborted) return;
    const endedAt = performance.now();
    const usage = { prompt_tokens: promptTokens.length, completion_tokens: completionTokens, total_tokens: promptTokens.length + completionTokens };
    const promptMs = (firstTokenAt ?? endedAt) - startedAt;
    const predictedMs = endedAt - (firstTokenAt ?? endedAt);
    const timings = {
      prompt_n: promptTokens.length,
      prompt_ms: promptMs,
      prompt_per_second: promptMs > 0 ? (promptTokens.length * 1000) / promptMs : null,
      predicted_n: completionTokens,
      predicted_ms: predictedMs,
      predicted_per_second: predictedMs > 0 ? (completionTokens * 1000) / predictedMs : null,
    };
    const finishReason = finishReasonOf(result.metadata.stopReason);
    if (stream) {
      send(chunk([{ index: 0, delta: {}, finish_reason: finishReason }]));
      if (includeUsage) send(chunk([], { usage, timings }));
      res.end('data: [DONE]\n\n');
    } else {
      sendJson(req, res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: modelId,
        choices: [{ index: 0, message: { role: 'assistant', content: result.response }, finish_reason: finishReason }],
        usage,
        timings,
      });
    }
  });
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, corsHeaders(req));
    return res.end();
  }
  const isModelList = req.method === 'GET' && path === '/v1/models';
  if (!(isModelList && args['public-model-list']) && !authorized(req)) return sendError(req, res, 401, 'authentication_error', 'Invalid API Key');
  if (isModelList) {
    return sendJson(req, res, 200, {
      object: 'list',
      data: [{ id: modelId, object: 'model', created: createdAt, owned_by: 'node-llama-cpp', meta: { n_ctx_train: model.trainContextSize } }],
    });
  }
  if (req.method === 'POST' && path === '/v1/chat/completions') {
    return void chatCompletions(req, res).catch((error) => {
      if (res.headersSent) res.destroy(error);
      else sendError(req, res, 500, 'server_error', error instanceof Error ? error.message : String(error));
    });
  }
  return sendError(req, res, 404, 'not_found_error', 'File Not Found');
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  await llama.dispose().catch(() => undefined);
  process.exit(code);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
if (args['watch-stdin']) {
  process.stdin.on('end', () => void stop());
  process.stdin.on('error', () => void stop());
  process.stdin.resume();
}
setTimeout(() => void stop(), Number(args['max-lifetime-s']) * 1000).unref();

server.listen(Number(args.port), args.host, () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ listening: { port: address.port, model: modelId, contextSize } })}\n`);
});
