import { parseTurns } from '../dialogue/parseTurns';
import { EngineError } from '../engine/errors';
import type { Engine, LoadedModel } from '../engine/types';
import type { DialogueRecord } from '../records/dialogue';
import type { TemplateVersionRecord } from '../templates/schema';
import { renderTemplate } from '../templates/variables';
import type { ChatMessage, GenerationStats, SamplingParams } from '../types';
import { basicChecks, DEFAULT_BASIC_CHECKS, type BasicCheckOptions } from './checks';
import type { ExcerptInput } from './plan';
import { estimatePromptTokens } from './promptTokens';
import { contextBudget, describeBudget, samplingProblems } from './sampling';

/** A loaded model, addressed by its key. */
export interface GenerationTarget {
  key: string;
  engine: Engine;
  model: LoadedModel;
}

export const modelKeyOf = (engine: Engine['kind'], modelName: string) => `${engine}:${modelName}`;

export interface GenerationInput {
  target: GenerationTarget;
  version: Pick<TemplateVersionRecord, 'id' | 'hash' | 'content'>;
  excerpt: ExcerptInput;
  params: SamplingParams;
  runId?: string;
  workItemId?: string;
  signal?: AbortSignal;
  /** Called with the whole text so far after each delta. */
  onText?(raw: string): void;
  checks?: BasicCheckOptions;
  /** Injected so tests and runs can name dialogues deterministically. */
  newId?: () => string;
  now?: () => number;
}

export interface GenerationResult {
  /** null when the request was stopped before any text came. */
  dialogue: DialogueRecord | null;
  stats: GenerationStats;
}

const statusOf = (stats: GenerationStats): DialogueRecord['status'] =>
  stats.finishReason === 'abort' ? 'stopped' : stats.finishReason === 'length' || stats.finishReason === 'context' ? 'truncated' : 'complete';

/**
 * Engines report a full context as a 'length' stop, like max tokens. Fewer tokens than max tokens means it was the
 * context; the person should know which, since the fixes differ (a shorter excerpt, not a larger max tokens).
 */
export function refineFinish(stats: GenerationStats, maxTokens: number, contextLength: number | null): GenerationStats {
  if (stats.finishReason !== 'length' || contextLength === null || stats.completionTokens >= maxTokens) return stats;
  return { ...stats, finishReason: 'context' };
}

/**
 * Checks a request before it is sent: sampling the engine would refuse, an empty excerpt, and a prompt or answer
 * that cannot fit the model's context. Throws EngineError('bad-request' | 'context-overflow').
 */
export function preflight(input: Pick<GenerationInput, 'target' | 'version' | 'excerpt' | 'params'>): { messages: ReturnType<typeof renderTemplate>; promptTokens: number } {
  const { target, version, excerpt, params } = input;
  if (!excerpt.text.trim()) {
    throw new EngineError('bad-request', 'The excerpt is empty.', 'Paste a math excerpt (or pick one from the corpus) before generating.');
  }
  const problems = samplingProblems(params, target.engine.kind);
  if (problems.length > 0) {
    throw new EngineError('bad-request', problems.map((p) => p.message).join(' '), 'Change the sampling settings; the lab never clamps them silently.');
  }
  const messages = renderTemplate(version.content, excerpt.text);
  const promptTokens = estimatePromptTokens(messages, target.model.hasChatTemplate);
  if (target.model.contextLength) {
    const budget = contextBudget(target.model.contextLength, promptTokens, params.maxTokens);
    const problem = describeBudget(budget, params.maxTokens);
    if (problem) {
      throw new EngineError('context-overflow', problem, budget.promptFits ? 'Lower max tokens.' : 'Use a shorter excerpt (re-chunk with a smaller target) or a model with a longer context.');
    }
  }
  return { messages, promptTokens };
}

export interface DialogueParts {
  id: string;
  createdAt: number;
  target: { engine: Engine['kind']; modelName: string; key: string };
  version: Pick<TemplateVersionRecord, 'id' | 'hash' | 'content'>;
  excerpt: ExcerptInput;
  messages: ChatMessage[];
  params: SamplingParams;
  runId?: string;
  workItemId?: string;
  raw: string;
  stats: GenerationStats;
  checks?: BasicCheckOptions;
}

/**
 * The record of a finished (or stopped, or recovered) generation: turns parsed, basic checks run. Every store
 * validates it against dialogueRecordSchema as it writes (the edge), so it is not parsed twice here.
 */
export function buildDialogueRecord(parts: DialogueParts): DialogueRecord {
  const turns = parseTurns(parts.raw);
  return {
    id: parts.id,
    createdAt: parts.createdAt,
    style: parts.version.content.style,
    templateVersionId: parts.version.id,
    templateHash: parts.version.hash,
    excerptText: parts.excerpt.text,
    ...(parts.excerpt.excerptId ? { excerptId: parts.excerpt.excerptId } : {}),
    url: parts.excerpt.url ?? null,
    prompt: parts.messages,
    engine: parts.target.engine,
    model: parts.target.modelName,
    modelKey: parts.target.key,
    params: parts.params,
    seed: parts.params.seed,
    ...(parts.runId ? { runId: parts.runId } : {}),
    ...(parts.workItemId ? { workItemId: parts.workItemId } : {}),
    rawOutput: parts.raw,
    turns,
    stats: parts.stats,
    checks: basicChecks(turns, parts.stats, parts.checks ?? DEFAULT_BASIC_CHECKS),
    status: statusOf(parts.stats),
  };
}

/**
 * One generation, the same for the Generate page, the compare grid, runs and the CLI: render the template, stream
 * from the engine, parse the turns, run the basic checks, and build a validated dialogue record (not stored here).
 */
export async function generateDialogue(input: GenerationInput): Promise<GenerationResult> {
  const { target, version, excerpt, params, signal } = input;
  const { messages } = preflight(input);
  let raw = '';
  let stats: GenerationStats | null = null;
  for await (const event of target.engine.generate({ messages, params }, signal)) {
    if (event.type === 'delta') {
      raw += event.text;
      input.onText?.(raw);
    } else {
      stats = event.stats;
    }
  }
  if (!stats) throw new EngineError('bad-response', 'The engine ended the stream without stats.', 'Try again; if it keeps happening, reload the model.');
  stats = refineFinish(stats, params.maxTokens, target.model.contextLength);
  if (!raw.trim()) {
    if (stats.finishReason === 'abort') return { dialogue: null, stats };
    throw new EngineError('empty-output', 'The model returned no text.', 'Raise max tokens, lower the temperature, or try another model.');
  }
  const dialogue = buildDialogueRecord({
    id: input.newId?.() ?? crypto.randomUUID(),
    createdAt: input.now?.() ?? Date.now(),
    target: { engine: target.engine.kind, modelName: target.model.modelName, key: target.key },
    version,
    excerpt,
    messages,
    params,
    ...(input.runId ? { runId: input.runId } : {}),
    ...(input.workItemId ? { workItemId: input.workItemId } : {}),
    raw,
    stats,
    checks: input.checks ?? DEFAULT_BASIC_CHECKS,
  });
  return { dialogue, stats };
}
