import { describe, expect, it } from 'vitest';
import { builtInFor, renderTemplate } from '../templates';
import { formatPlainTextPrompt, PLAIN_TEXT_STOP } from './plainTextFormat';

describe('formatPlainTextPrompt', () => {
  it('puts a single user message under Instruction and leaves an open Response section', () => {
    const { prompt, stop } = formatPlainTextPrompt([{ role: 'user', content: '  What is 2 + 2?\n' }]);
    expect(prompt).toBe('### Instruction:\nWhat is 2 + 2?\n\n### Response:\n');
    expect(stop).toEqual([PLAIN_TEXT_STOP]);
  });

  it('keeps system, user and earlier assistant turns in order', () => {
    const { prompt } = formatPlainTextPrompt([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'user', content: 'Again' },
    ]);
    expect(prompt).toBe(
      '### System:\nBe brief.\n\n### Instruction:\nHi\n\n### Response:\nHello.\n\n### Instruction:\nAgain\n\n### Response:\n',
    );
  });

  it('stops before the model writes the next instruction but not inside speaker lines', () => {
    const continuation = 'Teacher: x = 2.\nStudent: Why?\n### Instruction:\nmore';
    const cut = continuation.indexOf(PLAIN_TEXT_STOP);
    expect(continuation.slice(0, cut)).toBe('Teacher: x = 2.\nStudent: Why?');
    expect('Teacher: a ### b'.includes(PLAIN_TEXT_STOP)).toBe(false);
  });

  it('carries the whole MIND prompt, excerpt included', () => {
    const messages = renderTemplate(builtInFor('TWO_STUDENTS').version.content, 'Let $x^2 = 4$.');
    const { prompt } = formatPlainTextPrompt(messages);
    expect(prompt).toContain('Let $x^2 = 4$.');
    expect(prompt.endsWith('### Response:\n')).toBe(true);
  });
});
