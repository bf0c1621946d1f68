export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface SamplingParams {
  temperature: number;
  topP: number;
  maxTokens: number;
  seed: number;
  stop: string[];
}

export const DEFAULT_SAMPLING: SamplingParams = {
  temperature: 0.7,
  topP: 0.95,
  maxTokens: 512,
  seed: 42,
  stop: [],
};

/** context: the model's context filled up before max tokens (a 'length' stop short of max tokens). */
export type FinishReason = 'stop' | 'length' | 'context' | 'abort' | 'error';

export interface GenerationStats {
  promptTokens: number;
  completionTokens: number;
  /** Milliseconds from the request to the first streamed text. */
  timeToFirstTokenMs: number | null;
  /** Completion tokens per second after the first token. */
  decodeTokensPerSecond: number | null;
  totalMs: number;
  finishReason: FinishReason;
}

export interface DialogueTurn {
  speaker: string;
  text: string;
}
