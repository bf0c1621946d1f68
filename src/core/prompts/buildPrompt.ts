import { STYLES, type StyleId } from '../styles';
import type { ChatMessage } from '../types';

/** Where the raw context sits relative to the instruction (the paper: before; the public pipeline: after). */
export type ContextPlacement = 'before' | 'after';

export interface PromptOptions {
  style: StyleId;
  excerpt: string;
  placement?: ContextPlacement;
}

/** A simple zero-shot MIND prompt: our own wording of the paper's three asks (style, keep the math, stay faithful). */
export function buildInstruction(style: StyleId): string {
  const info = STYLES[style];
  const [first, second] = info.speakers;
  return [
    `Rewrite the context as a multi-turn conversation in which ${info.setting}.`,
    `Write each turn on its own line starting with the speaker name and a colon, alternating "${first}:" and "${second}:".`,
    'Keep every formula, number and reasoning step of the context, and explain the steps one at a time.',
    'Stay faithful to the context: add no facts that are not in it.',
  ].join('\n');
}

export function buildMessages({ style, excerpt, placement = 'before' }: PromptOptions): ChatMessage[] {
  const context = `Context:\n${excerpt.trim()}`;
  const instruction = buildInstruction(style);
  const content = placement === 'before' ? `${context}\n\n${instruction}` : `${instruction}\n\n${context}`;
  return [{ role: 'user', content }];
}
