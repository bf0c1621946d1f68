import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dialogueEditRecordSchema } from '../records/review';
import type { DialogueTurn } from '../types';
import {
  canRedo,
  canUndo,
  diffAgainstOriginal,
  insert,
  isEdited,
  merge,
  move,
  nextSpeaker,
  recordEdit,
  redo,
  remove,
  revertToOriginal,
  setSpeaker,
  setText,
  split,
  startHistory,
  TurnEditError,
  turnsToText,
  undo,
  type EditState,
} from './editTurns';
import { parseTurns } from './parseTurns';

const T = (speaker: string, text: string): DialogueTurn => ({ speaker, text });
const lesson = [T('Teacher', 'What is $x^2$ when $x=3$?'), T('Student', 'It is 6.'), T('Teacher', 'Check again.')];

function deepFreeze(turns: DialogueTurn[]): readonly DialogueTurn[] {
  turns.forEach((t) => Object.freeze(t));
  return Object.freeze(turns);
}

// Anything parseTurns would read as a speaker label, on a line of its own.
const isLabelLine = (line: string) => (parseTurns(line)[0]?.speaker ?? '') !== '';

/** Speakers that parseTurns reads back as themselves. */
const speakerArb = fc
  .oneof(
    fc.constantFrom('Teacher', 'Student', 'Student A', 'Dr. Lee', 'Ana-María', "O'Neil", 'Élève', '老师'),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .'-]{0,24}$/),
  )
  .filter((s) => parseTurns(`${s}: x`)[0]?.speaker === s);

/**
 * Texts without a line that starts like a label (else parseTurns rightly reads a new turn there), trimmed, and with
 * no spaces ending the first line (parseTurns trims the text on a label's line).
 */
const textArb = (minLines: number) =>
  fc
    .array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('$\\frac{a}{b}$', '', '  indented', 'http: not a speaker')), { minLength: minLines, maxLength: 4 })
    .map((lines) => lines.join('\n').trim().replace(/^[^\n]*/, (first) => first.trimEnd()))
    .filter((text) => !/[\r\u2028\u2029]/.test(text) && !text.split('\n').some(isLabelLine));

/** Turns parseTurns can give back: an unnamed turn only first and only with text, as parseTurns makes them. */
const wellFormedTurnsArb = fc
  .tuple(
    fc.option(textArb(1).filter((t) => t !== ''), { nil: undefined }),
    fc.array(fc.record({ speaker: speakerArb, text: textArb(0) }), { maxLength: 6 }),
  )
  .map(([lead, named]) => (lead === undefined ? named : [T('', lead), ...named]));

/** Any turns, for the operations that do not go through text. */
const turnsArb = (minLength = 0) => fc.array(fc.record({ speaker: fc.string({ maxLength: 12 }), text: fc.string({ maxLength: 40 }) }), { minLength, maxLength: 8 });

const trimmedNonEmpty = fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.trim()).filter((s) => s !== '');

describe('turn operations', () => {
  it('change one turn and copy the rest', () => {
    expect(setText(lesson, 1, 'It is 9.')).toEqual([lesson[0], T('Student', 'It is 9.'), lesson[2]]);
    expect(setSpeaker(lesson, 2, 'Tutor')).toEqual([lesson[0], lesson[1], T('Tutor', 'Check again.')]);
    expect(insert(lesson, 1, T('Student', 'Hmm.')).map((t) => t.text)).toEqual(['What is $x^2$ when $x=3$?', 'Hmm.', 'It is 6.', 'Check again.']);
    expect(insert(lesson, 3, T('Student', '9!')).at(-1)).toEqual(T('Student', '9!'));
    expect(remove(lesson, 0)).toEqual([lesson[1], lesson[2]]);
    expect(move(lesson, 0, 2)).toEqual([lesson[1], lesson[2], lesson[0]]);
    expect(move(lesson, 2, 0)).toEqual([lesson[2], lesson[0], lesson[1]]);
  });

  it('split at a character offset into two turns of the same speaker, dropping the whitespace at the cut', () => {
    const turns = [T('Teacher', 'First point. Second point.')];
    expect(split(turns, 0, 12)).toEqual([T('Teacher', 'First point.'), T('Teacher', 'Second point.')]);
    expect(split(turns, 0, 13)).toEqual([T('Teacher', 'First point.'), T('Teacher', 'Second point.')]);
    expect(split(turns, 0, 3)).toEqual([T('Teacher', 'Fir'), T('Teacher', 'st point. Second point.')]);
  });

  it('refuse a split that would leave an empty turn', () => {
    const turns = [T('Teacher', '  Hello  ')];
    for (const at of [0, 1, 2, 7, 8, 9]) expect(() => split(turns, 0, at)).toThrow(/empty turn/);
    expect(() => split(turns, 0, 10)).toThrow(/9 characters/);
    expect(() => split(turns, 0, -1)).toThrow(TurnEditError);
    expect(() => split(turns, 0, 1.5)).toThrow(TurnEditError);
  });

  it('merge a turn with the next under the first speaker, on separate lines', () => {
    expect(merge(lesson, 1)).toEqual([lesson[0], T('Student', 'It is 6.\nCheck again.')]);
    expect(merge([T('A', ''), T('B', 'b')], 0)).toEqual([T('A', 'b')]);
  });

  it('throw a readable TurnEditError for turns that do not exist', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => setText(lesson, 3, 'x'), /There is no turn 4: there are 3 turns\./],
      [() => setSpeaker(lesson, -1, 'x'), /There is no turn 0/],
      [() => split(lesson, 5, 1), /no turn 6/],
      [() => merge(lesson, 2), /Turn 3 is the last turn/],
      [() => merge([], 0), /there are no turns/],
      [() => insert(lesson, 4, T('A', 'a')), /Cannot insert a turn as turn 5: there are 3 turns/],
      [() => insert(lesson, -1, T('A', 'a')), /Cannot insert/],
      [() => remove([T('A', 'a')], 1), /there is 1 turn\./],
      [() => move(lesson, 0, 3), /Cannot move turn 1 to place 4/],
      [() => move(lesson, 3, 0), /no turn 4/],
      [() => setText(lesson, 0.5, 'x'), /no turn 0\.5/],
    ];
    for (const [edit, message] of cases) {
      expect(edit).toThrow(TurnEditError);
      expect(edit).toThrow(message);
    }
  });

  it('never change the turns they are given', () => {
    fc.assert(
      fc.property(turnsArb(2), fc.nat(), fc.nat(), (raw, a, b) => {
        const before = structuredClone(raw);
        const turns = deepFreeze(raw);
        const i = a % turns.length;
        const j = b % turns.length;
        const ops = [
          () => setText(turns, i, 'x'),
          () => setSpeaker(turns, i, 'x'),
          () => merge(turns, Math.min(i, turns.length - 2)),
          () => insert(turns, i, T('x', 'y')),
          () => remove(turns, i),
          () => move(turns, i, j),
        ];
        for (const op of ops) expect(op()).not.toBe(turns);
        // A returned turn is never one of the input's objects, so editing the result cannot reach back either.
        for (const op of ops) for (const t of op()) expect(turns).not.toContain(t);
        expect(turns).toEqual(before);
      }),
    );
  });

  it('move there and back is the identity', () => {
    fc.assert(
      fc.property(turnsArb(1), fc.nat(), fc.nat(), (turns, a, b) => {
        const from = a % turns.length;
        const to = b % turns.length;
        expect(move(move(turns, from, to), to, from)).toEqual(turns);
      }),
    );
  });

  it('split after merge gives back two turns of one speaker', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ speaker: fc.string({ maxLength: 10 }), text: trimmedNonEmpty }), { minLength: 2, maxLength: 6 }), fc.nat(), (raw, n) => {
        const i = n % (raw.length - 1);
        const turns = raw.map((t, j) => (j === i + 1 ? { ...t, speaker: raw[i]!.speaker } : t));
        expect(split(merge(turns, i), i, turns[i]!.text.length)).toEqual(turns);
      }),
    );
  });

  it('merge after a split at a line break is the identity', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), trimmedNonEmpty, trimmedNonEmpty, turnsArb(), (speaker, head, tail, rest) => {
        const turns = [T(speaker, `${head}\n${tail}`), ...rest];
        for (const at of [head.length, head.length + 1]) expect(merge(split(turns, 0, at), 0)).toEqual(turns);
      }),
    );
  });

  it('suggest the other speaker for a new turn', () => {
    expect(nextSpeaker(lesson, 0)).toBe('Student');
    expect(nextSpeaker(lesson, 1)).toBe('Teacher');
    expect(nextSpeaker([T('A', 'a')], 0)).toBe('A');
    expect(nextSpeaker([], -1)).toBe('');
    expect(nextSpeaker(lesson, -1)).toBe('Teacher');
  });
});

describe('turnsToText', () => {
  it('writes Speaker: text blocks separated by a blank line', () => {
    expect(turnsToText([T('', 'Intro'), ...lesson.slice(0, 2)])).toBe('Intro\n\nTeacher: What is $x^2$ when $x=3$?\n\nStudent: It is 6.');
    expect(turnsToText([])).toBe('');
  });

  it('is read back by parseTurns for well-formed turns', () => {
    fc.assert(
      fc.property(wellFormedTurnsArb, (turns) => {
        expect(parseTurns(turnsToText(turns))).toEqual(turns);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps multi-line texts and empty texts', () => {
    const turns = [T('Teacher', 'Line one\n\nLine three\n  $$x$$'), T('Student', ''), T('Teacher', 'Done.')];
    expect(parseTurns(turnsToText(turns))).toEqual(turns);
  });
});

describe('edit history', () => {
  const rater = 'ana';

  it('starts from the model output, which is never lost', () => {
    const start = startHistory(lesson, rater, 1);
    expect(start).toEqual({ turns: lesson, cursor: 0, history: [{ turns: lesson, label: 'Model output', rater, at: 1 }] });
    const edited = recordEdit(start.history, start.cursor, setText(lesson, 1, 'It is 9.'), 'Edit text of turn 2', 'bo', 2);
    expect(edited.cursor).toBe(1);
    expect(edited.history[1]).toEqual({ turns: edited.turns, label: 'Edit text of turn 2', rater: 'bo', at: 2 });
    expect(edited.history[0]!.turns).toEqual(lesson);
    expect(dialogueEditRecordSchema.safeParse({ dialogueId: 'd1', updatedAt: 2, ...edited }).success).toBe(true);
  });

  it('adds nothing for an edit that changes nothing', () => {
    const start = startHistory(lesson, rater, 1);
    const same = recordEdit(start.history, 0, setText(lesson, 0, lesson[0]!.text), 'Edit text of turn 1', rater, 2);
    expect(same).toEqual(start);
  });

  it('undoes and redoes, and a new edit drops the steps that were undone', () => {
    let s: EditState = startHistory(lesson, rater, 0);
    s = recordEdit(s.history, s.cursor, remove(s.turns, 2), 'Delete turn 3', rater, 1);
    s = recordEdit(s.history, s.cursor, setText(s.turns, 0, 'Q?'), 'Edit text of turn 1', rater, 2);
    expect([canUndo(s.history, s.cursor), canRedo(s.history, s.cursor)]).toEqual([true, false]);
    s = undo(s.history, s.cursor);
    s = undo(s.history, s.cursor);
    expect(s.turns).toEqual(lesson);
    expect([canUndo(s.history, s.cursor), canRedo(s.history, s.cursor)]).toEqual([false, true]);
    expect(undo(s.history, s.cursor)).toEqual(s);
    s = redo(s.history, s.cursor);
    expect(s.turns).toEqual(remove(lesson, 2));
    s = recordEdit(s.history, s.cursor, setSpeaker(s.turns, 1, 'Pupil'), 'Change speaker of turn 2', rater, 3);
    expect(s.history.map((h) => h.label)).toEqual(['Model output', 'Delete turn 3', 'Change speaker of turn 2']);
    expect(redo(s.history, s.cursor)).toEqual(s);
  });

  it('reverts as a new step, keeping every step before it', () => {
    let s: EditState = startHistory(lesson, rater, 0);
    s = recordEdit(s.history, s.cursor, move(s.turns, 0, 1), 'Move turn 1 down', rater, 1);
    const reverted = revertToOriginal(lesson, s.history, s.cursor, 'bo', 2);
    expect(reverted.turns).toEqual(lesson);
    expect(reverted.history.slice(0, 2)).toEqual(s.history);
    expect(reverted.history[2]).toMatchObject({ label: 'Revert to original', rater: 'bo', at: 2 });
    expect(isEdited(lesson, reverted.turns)).toBe(false);
    expect(undo(reverted.history, reverted.cursor).turns).toEqual(move(lesson, 0, 1));
  });

  it('refuses a cursor outside the history', () => {
    const { history } = startHistory(lesson, rater, 0);
    expect(() => undo(history, 1)).toThrow(TurnEditError);
    expect(() => redo(history, -1)).toThrow(/has 1 steps/);
    expect(() => recordEdit([], 0, lesson, 'x', rater, 0)).toThrow(TurnEditError);
  });

  it('tells edited turns from the original', () => {
    expect(isEdited(lesson, structuredClone(lesson))).toBe(false);
    expect(isEdited(lesson, setSpeaker(lesson, 0, 'teacher'))).toBe(true);
    expect(isEdited(lesson, lesson.slice(0, 2))).toBe(true);
  });

  type Command = { kind: 'edit'; text: string; at: number } | { kind: 'undo' } | { kind: 'redo' } | { kind: 'revert' };
  const commandArb: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), text: fc.constantFrom('a', 'b', 'c'), at: fc.nat(5) }),
    fc.constant({ kind: 'undo' as const }),
    fc.constant({ kind: 'redo' as const }),
    fc.constant({ kind: 'revert' as const }),
  );

  it('keeps its invariants over any run of edits, undos, redos and reverts; undo after an edit is the identity', () => {
    fc.assert(
      fc.property(turnsArb(1), fc.array(commandArb, { maxLength: 25 }), (original, commands) => {
        let s = startHistory(original, rater, 0);
        commands.forEach((c, n) => {
          const before = s;
          if (c.kind === 'edit') {
            const i = c.at % before.turns.length || 0;
            const turns = before.turns.length ? setText(before.turns, i, c.text) : insert(before.turns, 0, T('A', c.text));
            s = recordEdit(before.history, before.cursor, turns, `edit ${n}`, rater, n);
            expect(s.turns).toEqual(turns);
            expect(s.history.slice(0, before.cursor + 1)).toEqual(before.history.slice(0, before.cursor + 1));
            if (isEdited(before.turns, turns)) {
              expect(s.cursor).toBe(before.cursor + 1);
              expect(s.history).toHaveLength(before.cursor + 2);
              expect(undo(s.history, s.cursor).turns).toEqual(before.turns);
              expect(redo(undo(s.history, s.cursor).history, before.cursor)).toEqual(s);
            } else {
              expect(s).toEqual(before);
            }
          } else if (c.kind === 'undo') {
            s = undo(before.history, before.cursor);
            if (canUndo(before.history, before.cursor)) expect(redo(s.history, s.cursor)).toEqual(before);
          } else if (c.kind === 'redo') {
            s = redo(before.history, before.cursor);
            if (canRedo(before.history, before.cursor)) expect(undo(s.history, s.cursor)).toEqual(before);
          } else {
            s = revertToOriginal(original, before.history, before.cursor, rater, n);
            expect(s.turns).toEqual(original);
            expect(s.history.length).toBeGreaterThanOrEqual(before.cursor + 1);
          }
          expect(s.history[0]!.turns).toEqual(original);
          expect(s.cursor).toBeGreaterThanOrEqual(0);
          expect(s.cursor).toBeLessThan(s.history.length);
          expect(s.turns).toEqual(s.history[s.cursor]!.turns);
        });
      }),
    );
  });
});

describe('diffAgainstOriginal', () => {
  const side = (parts: ReturnType<typeof diffAgainstOriginal>, skip: 'added' | 'removed') =>
    parts.filter((p) => p.kind !== skip).map((p) => p.text).join('');

  it('marks the changed words of an edited turn, and whole turns that were inserted', () => {
    const edited = insert(setText(lesson, 1, 'It is 9.'), 2, T('Student', 'Sorry.'));
    const parts = diffAgainstOriginal(lesson, edited);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['6']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['9', 'Student: Sorry.']);
  });

  it('shows a rewritten turn as a block removed and a block added, not interleaved words', () => {
    const parts = diffAgainstOriginal(lesson, setText(lesson, 1, 'Nine, because three times three is nine.'));
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'Student: It is 6.\n' },
      { kind: 'added', text: 'Student: Nine, because three times three is nine.\n' },
    ]);
  });

  it('is all the same for unedited turns', () => {
    expect(diffAgainstOriginal(lesson, lesson).every((p) => p.kind === 'same')).toBe(true);
  });

  it('rebuilds both texts from its parts', () => {
    fc.assert(
      fc.property(turnsArb(), turnsArb(), (original, edited) => {
        const parts = diffAgainstOriginal(original, edited);
        expect(side(parts, 'added')).toBe(`${turnsToText(original)}\n`);
        expect(side(parts, 'removed')).toBe(`${turnsToText(edited)}\n`);
        expect(parts.every((p) => p.text !== '')).toBe(true);
      }),
    );
  });
});
