import type { ChatMessage } from '../types';

/**
 * The lab's prompt format for models without a chat template (both tiny test models): Alpaca-style sections.
 *
 *   ### System:        (only when there is a system message)
 *   <system text>
 *
 *   ### Instruction:
 *   <user text>
 *
 *   ### Response:
 *   <assistant text, for earlier turns>
 *
 * The prompt always ends with an open "### Response:" section. Generation stops at the next section heading, so a
 * model does not go on to write the next instruction itself. Speaker lines inside a dialogue ("Teacher: …") never
 * start with "###", so the stop sequence does not cut a dialogue short.
 */
export const PLAIN_TEXT_STOP = '\n### ';

const HEADINGS: Record<ChatMessage['role'], string> = {
  system: '### System:',
  user: '### Instruction:',
  assistant: '### Response:',
};

export interface PlainTextPrompt {
  prompt: string;
  /** Stop sequences to pass to the engine together with the caller's own. */
  stop: string[];
}

export function formatPlainTextPrompt(messages: readonly ChatMessage[]): PlainTextPrompt {
  const sections = messages.map((message) => `${HEADINGS[message.role]}\n${message.content.trim()}`);
  sections.push(`${HEADINGS.assistant}\n`);
  return { prompt: sections.join('\n\n'), stop: [PLAIN_TEXT_STOP] };
}
