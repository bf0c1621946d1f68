import { estimateTokens } from '../chunking/estimateTokens';
import { formatPlainTextPrompt } from '../prompts/plainTextFormat';
import type { ChatMessage } from '../types';

/** Chat templates add a few marker tokens around each message (ChatML: <|im_start|>role\n … <|im_end|>\n). */
const CHAT_TEMPLATE_TOKENS_PER_MESSAGE = 6;

/**
 * The prompt's size as the model will see it, estimated with the lab's Llama-calibrated counter: through the plain
 * format for models without a chat template, with the template's markers otherwise.
 */
export function estimatePromptTokens(messages: readonly ChatMessage[], hasChatTemplate: boolean | null): number {
  if (hasChatTemplate === false) return estimateTokens(formatPlainTextPrompt(messages).prompt) + 1;
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + CHAT_TEMPLATE_TOKENS_PER_MESSAGE, 0) + 3;
}
