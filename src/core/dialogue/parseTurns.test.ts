import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTurns } from './parseTurns';

describe('parseTurns', () => {
  it('splits alternating speakers and keeps continuation lines', () => {
    const turns = parseTurns('Teacher: What is $x^2$ when $x=3$?\nStudent: It is 6.\nWait, no: 9.\nTeacher: Right.');
    expect(turns).toEqual([
      { speaker: 'Teacher', text: 'What is $x^2$ when $x=3$?' },
      { speaker: 'Student', text: 'It is 6.\nWait, no: 9.' },
      { speaker: 'Teacher', text: 'Right.' },
    ]);
  });

  it('keeps text before the first label as an unnamed turn', () => {
    expect(parseTurns('Here is the dialogue.\nA: hi')).toEqual([
      { speaker: '', text: 'Here is the dialogue.' },
      { speaker: 'A', text: 'hi' },
    ]);
  });

  it('accepts markdown-bold labels', () => {
    expect(parseTurns('**Student A:** hello')).toEqual([{ speaker: 'Student A', text: 'hello' }]);
  });

  it('does not take a URL scheme for a speaker', () => {
    expect(parseTurns('A: see\nhttps://example.org')[0]?.text).toBe('see\nhttps://example.org');
  });

  it('loses no non-space character of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('Teacher: ', 'Student: ', '\n')), { maxLength: 30 }), (parts) => {
        const raw = parts.join('');
        const turns = parseTurns(raw);
        const rebuilt = turns.map((t) => `${t.speaker}${t.text}`).join('');
        const strip = (s: string) => s.replace(/[\s:*]/g, '');
        expect(strip(rebuilt)).toBe(strip(raw));
      }),
    );
  });
});
