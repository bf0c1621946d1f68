import { z } from 'zod';
import type { FilterOutcome } from '../records/review';
import type { FinishReason } from '../types';
import { analyzeDialogue } from './analyzeDialogue';
import { runMindFilters, type FilterThresholds } from './filters';

const messageSchema = z.object({ role: z.string(), content: z.string() });
const shareGptSchema = z.object({ from: z.string(), value: z.string() });
const finishReasonSchema = z.enum(['stop', 'length', 'context', 'abort', 'error']);

const SHAREGPT_ROLES: Record<string, string> = { human: 'user', gpt: 'assistant' };

/**
 * The dialogue of a chat: a prompt (system and user messages) followed by one assistant answer is a generation, so
 * the dialogue is that answer; any other chat is itself the dialogue, one "role: content" turn per message.
 */
function dialogueOfChat(messages: { role: string; content: string }[]): string {
  const last = messages.at(-1);
  const isGeneration = last?.role === 'assistant' && messages.slice(0, -1).every((m) => m.role === 'system' || m.role === 'user');
  if (isGeneration && last) return last.content;
  return messages.map((m) => `${m.role}: ${m.content}`).join('\n\n');
}

interface DialogueOfLine {
  text: string;
  excerpt?: string;
  finishReason?: FinishReason;
  completionTokens?: number;
}

/** The dialogue a JSON line holds, or why it holds none. */
function dialogueOf(record: Record<string, unknown>): DialogueOfLine | string {
  let text: string;
  if (typeof record.text === 'string') text = record.text;
  else if (typeof record.dialogue === 'string') text = record.dialogue;
  else if (record.messages !== undefined) {
    const messages = z.array(messageSchema).min(1).safeParse(record.messages);
    if (!messages.success) return '"messages" must be a non-empty array of {"role", "content"} with string values';
    text = dialogueOfChat(messages.data);
  } else if (record.conversations !== undefined) {
    const turns = z.array(shareGptSchema).min(1).safeParse(record.conversations);
    if (!turns.success) return '"conversations" must be a non-empty array of {"from", "value"} with string values';
    text = dialogueOfChat(turns.data.map((t) => ({ role: SHAREGPT_ROLES[t.from] ?? t.from, content: t.value })));
  } else {
    return 'no dialogue: expected a string "text" (or "dialogue"), or "messages" (or ShareGPT "conversations")';
  }
  const excerpt = record.excerpt ?? record.context;
  if (excerpt !== undefined && typeof excerpt !== 'string') return `"${record.excerpt !== undefined ? 'excerpt' : 'context'}" must be a string`;
  const finishReason = finishReasonSchema.safeParse(record.finishReason);
  const tokens = record.completionTokens;
  return {
    text,
    ...(excerpt !== undefined ? { excerpt } : {}),
    ...(finishReason.success ? { finishReason: finishReason.data } : {}),
    ...(typeof tokens === 'number' && Number.isInteger(tokens) && tokens >= 0 ? { completionTokens: tokens } : {}),
  };
}

export type AnalyzedLine =
  | { kind: 'blank' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'analyzed'; line: string; filters: FilterOutcome };

/**
 * Reads one JSONL line holding a dialogue and returns the same line with `"filters"` added, and `"signals"` when the
 * line has its excerpt. The line's own text is kept byte for byte: the fields are spliced in before its closing
 * brace (a line that already has "filters" or "signals" is re-serialized with them replaced).
 */
export function analyzeDialogueLine(line: string, thresholds: Partial<FilterThresholds> = {}): AnalyzedLine {
  const trimmed = line.trim();
  if (!trimmed) return { kind: 'blank' };
  let record: unknown;
  try {
    record = JSON.parse(trimmed);
  } catch (error) {
    return { kind: 'rejected', reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { kind: 'rejected', reason: 'not a JSON object' };
  const fields = record as Record<string, unknown>;
  const dialogue = dialogueOf(fields);
  if (typeof dialogue === 'string') return { kind: 'rejected', reason: dialogue };
  const { excerpt, ...input } = dialogue;
  const added =
    excerpt === undefined ? { filters: runMindFilters(input, thresholds) } : analyzeDialogue({ excerpt, ...input }, thresholds);
  if ('filters' in fields || 'signals' in fields) {
    const { signals: _stale, ...rest } = fields;
    return { kind: 'analyzed', line: JSON.stringify({ ...rest, ...added }), filters: added.filters };
  }
  const suffix = JSON.stringify(added).slice(1);
  const body = trimmed.slice(0, -1).trimEnd();
  return { kind: 'analyzed', line: `${body},${suffix}`, filters: added.filters };
}
