import { describe, expect, it } from 'vitest';
import { STYLE_IDS, STYLES } from '../styles';
import { buildInstruction, buildMessages } from './buildPrompt';

describe('buildMessages', () => {
  it('puts the context before the instruction by default, as the paper does', () => {
    const [message] = buildMessages({ style: 'TWO_STUDENTS', excerpt: '  $a^2+b^2=c^2$  ' });
    expect(message?.role).toBe('user');
    expect(message?.content.startsWith('Context:\n$a^2+b^2=c^2$\n\n')).toBe(true);
  });

  it('can place the context after the instruction, as the released pipeline does', () => {
    const [message] = buildMessages({ style: 'DEBATE', excerpt: 'x', placement: 'after' });
    expect(message?.content.endsWith('Context:\nx')).toBe(true);
  });

  it.each(STYLE_IDS)('names both speakers of %s and asks to keep the math and stay faithful', (style) => {
    const instruction = buildInstruction(style);
    for (const speaker of STYLES[style].speakers) expect(instruction).toContain(`"${speaker}:"`);
    expect(instruction).toMatch(/Keep every formula/);
    expect(instruction).toMatch(/add no facts/);
  });
});
