import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startHistory, type EditState } from '../../../core/dialogue/editTurns';
import type { DialogueTurn } from '../../../core/types';
import { applyCommand, commitDraft, describeChange, keyCommand, type Draft, type EditCommand } from './commands';

const T = (speaker: string, text: string): DialogueTurn => ({ speaker, text });
const original = [T('Teacher', 'What is 3 squared?'), T('Student', 'It is 6.'), T('Teacher', 'Check again.')];
const rater = 'ana';
const start = startHistory(original, rater, 0);
const apply = (state: EditState, command: EditCommand, draft: Draft | null = null, now = 1) => applyCommand({ original, state, draft, rater, now }, command);

describe('commitDraft', () => {
  it('records typed text as one step, exactly as typed', () => {
    const s = commitDraft({ state: start, draft: { index: 1, field: 'text', value: 'It is 9. ' }, rater, now: 5 });
    expect(s.turns[1]).toEqual(T('Student', 'It is 9. '));
    expect(s.history.at(-1)).toMatchObject({ label: 'Edit text of turn 2', rater, at: 5 });
  });

  it('trims a typed speaker', () => {
    const s = commitDraft({ state: start, draft: { index: 0, field: 'speaker', value: '  Tutor ' }, rater, now: 5 });
    expect(s.turns[0]!.speaker).toBe('Tutor');
    expect(s.history.at(-1)!.label).toBe('Change speaker of turn 1');
  });

  it('adds nothing for no draft, an unchanged one, or one whose turn is gone', () => {
    expect(commitDraft({ state: start, draft: null, rater, now: 5 })).toBe(start);
    expect(commitDraft({ state: start, draft: { index: 0, field: 'speaker', value: 'Teacher ' }, rater, now: 5 }).history).toHaveLength(1);
    expect(commitDraft({ state: start, draft: { index: 3, field: 'text', value: 'x' }, rater, now: 5 })).toBe(start);
  });
});

describe('applyCommand', () => {
  it('labels each step after what it did, with turn numbers from 1', () => {
    const cases: [EditCommand, string, DialogueTurn[]][] = [
      [{ kind: 'split', index: 0, at: 8 }, 'Split turn 1', [T('Teacher', 'What is'), T('Teacher', '3 squared?'), ...original.slice(1)]],
      [{ kind: 'merge', index: 1 }, 'Merge turns 2 and 3', [original[0]!, T('Student', 'It is 6.\nCheck again.')]],
      [{ kind: 'insertAfter', index: 0 }, 'Insert turn 2', [original[0]!, T('Student', ''), ...original.slice(1)]],
      [{ kind: 'insertAfter', index: -1 }, 'Insert turn 1', [T('Teacher', ''), ...original]],
      [{ kind: 'remove', index: 2 }, 'Delete turn 3', original.slice(0, 2)],
      [{ kind: 'move', index: 1, by: -1 }, 'Move turn 2 up', [original[1]!, original[0]!, original[2]!]],
      [{ kind: 'move', index: 1, by: 1 }, 'Move turn 2 down', [original[0]!, original[2]!, original[1]!]],
    ];
    for (const [command, label, turns] of cases) {
      const s = apply(start, command);
      expect(s.turns).toEqual(turns);
      expect(s.history.at(-1)!.label).toBe(label);
      expect(describeChange(start, s, command)).toBe(label);
    }
  });

  it('commits the typing first, so undo right after typing takes the typing back and redo brings it again', () => {
    const draft: Draft = { index: 1, field: 'text', value: 'It is 9.' };
    const undone = apply(start, { kind: 'undo' }, draft);
    expect(undone.turns).toEqual(original);
    expect(describeChange(start, undone, { kind: 'undo' })).toBe('Undone: Edit text of turn 2');
    const redone = apply(undone, { kind: 'redo' });
    expect(redone.turns[1]!.text).toBe('It is 9.');
    expect(describeChange(undone, redone, { kind: 'redo' })).toBe('Redone: Edit text of turn 2');
  });

  it('splits the typed text at an offset into what was typed', () => {
    const s = apply(start, { kind: 'split', index: 1, at: 6 }, { index: 1, field: 'text', value: 'It is nine.' });
    expect(s.turns.slice(1, 3)).toEqual([T('Student', 'It is'), T('Student', 'nine.')]);
    expect(s.history.map((h) => h.label)).toEqual(['Model output', 'Edit text of turn 2', 'Split turn 2']);
  });

  it('reverts to the model output as a step of its own', () => {
    const edited = apply(start, { kind: 'remove', index: 0 });
    const reverted = apply(edited, { kind: 'revert' });
    expect(reverted.turns).toEqual(original);
    expect(reverted.history.map((h) => h.label)).toEqual(['Model output', 'Delete turn 1', 'Revert to original']);
  });

  it('says nothing when nothing changed', () => {
    expect(describeChange(start, apply(start, { kind: 'commit' }), { kind: 'commit' })).toBe('');
  });

  it('keeps the model output as the first step over any run of commands', () => {
    const commandArb: fc.Arbitrary<EditCommand> = fc.oneof(
      fc.constantFrom<EditCommand>({ kind: 'undo' }, { kind: 'redo' }, { kind: 'revert' }, { kind: 'commit' }),
      fc.record({ kind: fc.constant('split' as const), index: fc.nat(4), at: fc.nat(20) }),
      fc.record({ kind: fc.constantFrom('merge' as const, 'remove' as const, 'insertAfter' as const), index: fc.nat(4) }),
      fc.record({ kind: fc.constant('move' as const), index: fc.nat(4), by: fc.constantFrom(-1 as const, 1 as const) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(commandArb, fc.option(fc.string({ maxLength: 12 }))), { maxLength: 20 }), (steps) => {
        let s = start;
        for (const [command, typed] of steps) {
          const draft: Draft | null = typed === null || s.turns.length === 0 ? null : { index: 0, field: 'text', value: typed };
          try {
            s = apply(s, command, draft);
          } catch (error) {
            expect((error as Error).name).toBe('TurnEditError');
          }
          expect(s.history[0]!.turns).toEqual(original);
          expect(s.turns).toEqual(s.history[s.cursor]!.turns);
        }
      }),
    );
  });
});

describe('keyCommand', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
    keyCommand({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  it('maps the editor shortcuts', () => {
    expect(key('z', { ctrlKey: true })).toBe('undo');
    expect(key('z', { metaKey: true })).toBe('undo');
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(key('Z', { metaKey: true, shiftKey: true })).toBe('redo');
    expect(key('y', { ctrlKey: true })).toBe('redo');
    expect(key('ArrowUp', { altKey: true })).toBe('moveUp');
    expect(key('ArrowDown', { altKey: true })).toBe('moveDown');
  });

  it('leaves other keys to the browser', () => {
    expect(key('z')).toBeNull();
    expect(key('y', { metaKey: true })).toBeNull();
    expect(key('z', { ctrlKey: true, altKey: true })).toBeNull();
    expect(key('ArrowUp')).toBeNull();
    expect(key('ArrowUp', { altKey: true, shiftKey: true })).toBeNull();
    expect(key('ArrowDown', { altKey: true, ctrlKey: true })).toBeNull();
  });
});
