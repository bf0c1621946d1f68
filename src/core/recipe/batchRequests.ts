import { parseExcerptLine } from '../generation/renderBatch';
import { seedForSample, workItemId } from '../generation/plan';
import { sha256Hex } from '../hash/sha256';
import { PLAIN_TEXT_STOP } from '../prompts/plainTextFormat';
import { renderTemplate } from '../templates/variables';
import type { ChatMessage, SamplingParams } from '../types';
import type { Recipe, RecipeStyle } from './schema';

/** The `url` of every request line: vLLM's batch runner serves chat completions only (ANCHORS). */
export const CHAT_COMPLETIONS_URL = '/v1/chat/completions';

/**
 * For a model without a chat template, the lab's own plain-text prompt (src/core/prompts/plainTextFormat.ts) as a
 * Jinja chat template, sent as vLLM's `chat_template` request field: the server then sees exactly the prompt the
 * lab renders. scale/test_ray_mind.py renders it with jinja2 and compares it with the lab's format.
 */
export const PLAIN_TEXT_CHAT_TEMPLATE =
  "{%- set headings = {'system': '### System:', 'user': '### Instruction:', 'assistant': '### Response:'} -%}" +
  "{%- for message in messages -%}{{ headings[message['role']] }}\n{{ message['content'] | trim }}\n\n{% endfor -%}" +
  // An expression, since Jinja drops a template's last newline.
  "{{ '### Response:\\n' }}";

export interface ChatCompletionBody {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  top_p: number;
  max_tokens: number;
  seed: number;
  stop?: string[];
  chat_template?: string;
}

/** One line of an OpenAI Batch input file. */
export interface BatchRequestLine {
  custom_id: string;
  method: 'POST';
  url: typeof CHAT_COMPLETIONS_URL;
  body: ChatCompletionBody;
}

/**
 * What the lab needs back from a request that the batch format has no room for (a line with unknown fields is
 * refused by some runners): where the excerpt came from. Written beside each request shard.
 */
export interface BatchSourceLine {
  custom_id: string;
  style: string;
  templateVersionId: string;
  templateHash: string;
  sampleIndex: number;
  excerptId?: string;
  documentId?: string;
  url?: string | null;
  index?: number;
}

export const modelKeyOfRecipe = (recipe: Pick<Recipe, 'model'>) => `openai:${recipe.model.name}`;

/** Sample i's sampling: the recipe's settings with seed + i, as the lab's runs do. */
export const samplingForSample = (recipe: Pick<Recipe, 'sampling'>, sampleIndex: number): SamplingParams => ({
  ...recipe.sampling,
  seed: seedForSample(recipe.sampling, sampleIndex),
});

/** The custom_id of one request: the lab's work item id (plan.ts), so a batch result lands on the item it fulfils. */
export function customIdOf(recipe: Pick<Recipe, 'customId' | 'model' | 'sampling'>, excerptKey: string, templateHash: string, sampleIndex: number): string {
  return workItemId({ runId: recipe.customId.runId, excerptKey, templateHash, modelKey: modelKeyOfRecipe(recipe), params: samplingForSample(recipe, sampleIndex), sampleIndex });
}

/** A number in [0, 1) from a string: the same excerpt draws the same style in every shard and on every machine. */
const unitInterval = (text: string) => Number.parseInt(sha256Hex(text).slice(0, 13), 16) / 2 ** 52;

/** The styles an excerpt is rendered with: all of them, or one drawn by weight from the excerpt's key. */
export function stylesForExcerpt(recipe: Pick<Recipe, 'styles' | 'styleAssignment' | 'customId'>, excerptKey: string): RecipeStyle[] {
  if (recipe.styleAssignment === 'every') return recipe.styles;
  const total = recipe.styles.reduce((sum, style) => sum + style.weight, 0);
  let point = unitInterval(`${recipe.customId.runId ?? ''}|${excerptKey}`) * total;
  for (const style of recipe.styles) {
    point -= style.weight;
    if (point < 0) return [style];
  }
  return [recipe.styles[recipe.styles.length - 1]!];
}

export function requestBody(recipe: Pick<Recipe, 'model' | 'sampling'>, messages: ChatMessage[], sampleIndex: number): ChatCompletionBody {
  const params = samplingForSample(recipe, sampleIndex);
  const stop = recipe.model.chatTemplate ? params.stop : [...params.stop, PLAIN_TEXT_STOP];
  return {
    model: recipe.model.name,
    messages,
    temperature: params.temperature,
    top_p: params.topP,
    max_tokens: params.maxTokens,
    seed: params.seed,
    ...(stop.length > 0 ? { stop } : {}),
    ...(recipe.model.chatTemplate ? {} : { chat_template: PLAIN_TEXT_CHAT_TEMPLATE }),
  };
}

export interface RecipeRequest {
  request: BatchRequestLine;
  source: BatchSourceLine;
}

export type RecipeLineResult = { kind: 'blank' } | { kind: 'rejected'; reason: string } | { kind: 'requests'; requests: RecipeRequest[] };

/**
 * The batch requests for one excerpt line (as `mind-lab chunk` writes, or any JSON line with a string `text`):
 * one per style it is assigned × sample, each with its source line.
 */
export function recipeRequestsForLine(recipe: Recipe, line: string): RecipeLineResult {
  const read = parseExcerptLine(line);
  if (read.kind !== 'excerpt') return read;
  const { excerpt, excerptKey } = read;
  const ownId = excerpt.excerptId ?? excerpt.id;
  const origin = {
    ...(ownId !== undefined ? { excerptId: String(ownId) } : {}),
    ...(excerpt.documentId !== undefined ? { documentId: excerpt.documentId } : {}),
    ...(excerpt.url !== undefined ? { url: excerpt.url } : {}),
    ...(excerpt.index !== undefined ? { index: excerpt.index } : {}),
  };
  const requests: RecipeRequest[] = [];
  for (const style of stylesForExcerpt(recipe, excerptKey)) {
    const messages = renderTemplate(style.content, excerpt.text);
    for (let sampleIndex = 0; sampleIndex < recipe.samplesPerExcerpt; sampleIndex++) {
      const custom_id = customIdOf(recipe, excerptKey, style.templateHash, sampleIndex);
      requests.push({
        request: { custom_id, method: 'POST', url: CHAT_COMPLETIONS_URL, body: requestBody(recipe, messages, sampleIndex) },
        source: { custom_id, style: style.style, templateVersionId: style.templateVersionId, templateHash: style.templateHash, sampleIndex, ...origin },
      });
    }
  }
  return { kind: 'requests', requests };
}

/** OpenAI's Batch API takes at most 50,000 requests a file; 100 MB keeps every runner's upload limit clear. */
export const SHARD_LIMITS = { maxLines: 50_000, maxBytes: 100_000_000 } as const;

/**
 * Decides where request shards end: a line goes into the current shard unless it would pass a limit. A single line
 * over the byte limit gets a shard of its own (it cannot be split).
 */
export class ShardCutter {
  private lines = 0;
  private bytes = 0;
  shard = 0;

  constructor(private readonly limits: { maxLines: number; maxBytes: number } = SHARD_LIMITS) {}

  /** Counts a line of `lineBytes` (newline included); true when it starts a new shard. */
  add(lineBytes: number): boolean {
    const full = this.lines > 0 && (this.lines + 1 > this.limits.maxLines || this.bytes + lineBytes > this.limits.maxBytes);
    if (full) {
      this.shard += 1;
      this.lines = 0;
      this.bytes = 0;
    }
    this.lines += 1;
    this.bytes += lineBytes;
    return full;
  }
}

/** Shard file names sort in order: requests-00000.jsonl, sources-00000.jsonl. */
export const shardName = (kind: 'requests' | 'sources' | 'results', shard: number, gzip = false) => `${kind}-${String(shard).padStart(5, '0')}.jsonl${gzip ? '.gz' : ''}`;
