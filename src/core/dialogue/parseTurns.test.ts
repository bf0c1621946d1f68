import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readPaperDialogues, readUnlabelledDialogue } from '../review/filters.realDialogues';
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

  it('takes a lowercase username for a speaker but not a lowercase phrase before a colon', () => {
    const turns = parseTurns('jgens: why odd numbers?\nCyosis: Pairs. Any\nof the 5 digits: 2, 3, 5.');
    expect(turns).toEqual([
      { speaker: 'jgens', text: 'why odd numbers?' },
      { speaker: 'Cyosis', text: 'Pairs. Any\nof the 5 digits: 2, 3, 5.' },
    ]);
  });

  it('finds no speaker in the unlabelled MIND figure dialogue and every speaker of the published ones', () => {
    expect(parseTurns(readUnlabelledDialogue().dialogue).filter((t) => t.speaker)).toEqual([]);
    const speakers = readPaperDialogues().map((d) => [...new Set(parseTurns(d.dialogue).map((t) => t.speaker).filter(Boolean))]);
    expect(speakers).toEqual([
      ['Professor 1', 'Professor 2'],
      ['Student', 'Teacher'],
      ['Alex', 'Ben'],
      ['Layman', 'Me'],
      ['jgens', 'Cyosis', 'Manchot', 'gabrielh'],
      ['Subject Matter Expert', 'Interviewer'],
      ['User', 'AI Assistant'],
      ['Professor 1', 'Professor 2'],
    ]);
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
