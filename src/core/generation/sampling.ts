import type { EngineKind } from '../engine/types';
import type { SamplingParams } from '../types';

export interface SamplingProblem {
  field: keyof SamplingParams;
  message: string;
}

interface EngineSamplingRules {
  temperature: readonly [number, number];
  /** Largest seed the engine takes (llama.cpp: a 32-bit unsigned seed). */
  maxSeed: number;
  maxStops: number;
  /** Settings the engine accepts but may not honour, with why. */
  mayIgnore: Partial<Record<keyof SamplingParams, string>>;
}

const UINT32_MAX = 4_294_967_295;

export const SAMPLING_RULES: Record<EngineKind, EngineSamplingRules> = {
  wllama: { temperature: [0, 5], maxSeed: UINT32_MAX, maxStops: 16, mayIgnore: {} },
  webllm: { temperature: [0, 2], maxSeed: 2 ** 31 - 1, maxStops: 16, mayIgnore: {} },
  openai: {
    temperature: [0, 2],
    maxSeed: 2 ** 53 - 1,
    // OpenAI's own API takes at most 4 stop sequences; llama-server and vLLM take more, but 4 is safe everywhere.
    maxStops: 4,
    mayIgnore: { seed: 'Some servers ignore the seed (OpenAI treats it as best effort; Ollama and vLLM honour it), so repeats may differ.' },
  },
};

/**
 * Refuses values an engine would reject or silently clamp, with a message per field. Nothing is clamped here:
 * the person decides.
 */
export function samplingProblems(params: SamplingParams, engine: EngineKind): SamplingProblem[] {
  const rules = SAMPLING_RULES[engine];
  const problems: SamplingProblem[] = [];
  const [tMin, tMax] = rules.temperature;
  if (!(Number.isFinite(params.temperature) && params.temperature >= tMin && params.temperature <= tMax)) {
    problems.push({ field: 'temperature', message: `Temperature must be between ${tMin} and ${tMax} for ${engine} (got ${params.temperature}).` });
  }
  if (!(Number.isFinite(params.topP) && params.topP > 0 && params.topP <= 1)) {
    problems.push({ field: 'topP', message: `Top p must be above 0 and at most 1 (got ${params.topP}).` });
  }
  if (!(Number.isInteger(params.maxTokens) && params.maxTokens >= 1)) {
    problems.push({ field: 'maxTokens', message: `Max tokens must be a whole number of at least 1 (got ${params.maxTokens}).` });
  }
  if (!(Number.isInteger(params.seed) && params.seed >= 0 && params.seed <= rules.maxSeed)) {
    problems.push({ field: 'seed', message: `The seed must be a whole number from 0 to ${rules.maxSeed} for ${engine} (got ${params.seed}).` });
  }
  if (params.stop.length > rules.maxStops) {
    problems.push({ field: 'stop', message: `${engine} takes at most ${rules.maxStops} stop sequences (got ${params.stop.length}).` });
  }
  if (params.stop.some((s) => s.length === 0)) problems.push({ field: 'stop', message: 'A stop sequence is empty.' });
  return problems;
}

/** Settings this engine may not honour, to show beside the controls. */
export function ignoredSettings(engine: EngineKind): Partial<Record<keyof SamplingParams, string>> {
  return SAMPLING_RULES[engine].mayIgnore;
}

export interface ContextBudget {
  contextLength: number;
  promptTokens: number;
  /** Tokens left for the answer; negative when the prompt alone does not fit. */
  room: number;
  promptFits: boolean;
  /** max tokens fits in what the prompt leaves. */
  answerFits: boolean;
}

export function contextBudget(contextLength: number, promptTokens: number, maxTokens: number): ContextBudget {
  const room = contextLength - promptTokens;
  return { contextLength, promptTokens, room, promptFits: room > 0, answerFits: maxTokens <= room };
}

export function describeBudget(budget: ContextBudget, maxTokens: number): string | null {
  if (!budget.promptFits) {
    return `The prompt (~${budget.promptTokens} tokens) does not fit in the model's context of ${budget.contextLength} tokens.`;
  }
  if (!budget.answerFits) {
    return `Max tokens (${maxTokens}) is more than the ${budget.room} tokens the context leaves after the prompt (~${budget.promptTokens} of ${budget.contextLength}); lower it or use a shorter excerpt.`;
  }
  return null;
}
