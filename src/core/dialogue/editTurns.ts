import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';
import type { DialogueEditRecord } from '../records/review';
import type { DialogueTurn } from '../types';

/** An edit that cannot apply to these turns, with a sentence a person can read. */
export class TurnEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TurnEditError';
  }
}

export type EditStep = DialogueEditRecord['history'][number];
/** What an edit record keeps of its edits: the current turns equal `history[cursor].turns`. */
export type EditState = Pick<DialogueEditRecord, 'turns' | 'history' | 'cursor'>;

type Turns = readonly DialogueTurn[];

// Turn numbers in messages count from 1, as the editor shows them.
const ordinal = (i: number) => (Number.isInteger(i) ? String(i + 1) : String(i));
const countOf = (turns: Turns) => (turns.length === 0 ? 'there are no turns' : `there ${turns.length === 1 ? 'is 1 turn' : `are ${turns.length} turns`}`);
const isIndexOf = (turns: Turns, i: number) => Number.isInteger(i) && i >= 0 && i < turns.length;

function checkIndex(turns: Turns, i: number): void {
  if (!isIndexOf(turns, i)) throw new TurnEditError(`There is no turn ${ordinal(i)}: ${countOf(turns)}.`);
}

const replaceAt = (turns: Turns, i: number, turn: DialogueTurn): DialogueTurn[] => turns.map((t, j) => (j === i ? turn : { ...t }));
const copy = (turns: Turns): DialogueTurn[] => turns.map((t) => ({ ...t }));

export function setText(turns: Turns, i: number, text: string): DialogueTurn[] {
  checkIndex(turns, i);
  return replaceAt(turns, i, { speaker: turns[i]!.speaker, text });
}

export function setSpeaker(turns: Turns, i: number, speaker: string): DialogueTurn[] {
  checkIndex(turns, i);
  return replaceAt(turns, i, { speaker, text: turns[i]!.text });
}

/**
 * Cuts turn i at a character offset of its text into two turns of the same speaker. Whitespace at the cut goes, so
 * splitting where a merge joined gives the two turns back; a cut with nothing but whitespace on one side is refused.
 */
export function split(turns: Turns, i: number, at: number): DialogueTurn[] {
  checkIndex(turns, i);
  const { speaker, text } = turns[i]!;
  if (!Number.isInteger(at) || at < 0 || at > text.length) {
    throw new TurnEditError(`Turn ${i + 1} has ${text.length} characters: cannot split it at ${at}.`);
  }
  const head = text.slice(0, at).trimEnd();
  const tail = text.slice(at).trimStart();
  if (!head || !tail) {
    throw new TurnEditError(`Splitting turn ${i + 1} there would leave an empty turn: put the cursor inside its text.`);
  }
  const out = copy(turns);
  out.splice(i, 1, { speaker, text: head }, { speaker, text: tail });
  return out;
}

/** Joins turn i and the next into one turn of turn i's speaker, their texts on separate lines. */
export function merge(turns: Turns, i: number): DialogueTurn[] {
  checkIndex(turns, i);
  if (i === turns.length - 1) throw new TurnEditError(`Turn ${i + 1} is the last turn: there is no next turn to merge it with.`);
  const [first, second] = [turns[i]!, turns[i + 1]!];
  const text = [first.text, second.text].filter((t) => t !== '').join('\n');
  const out = copy(turns);
  out.splice(i, 2, { speaker: first.speaker, text });
  return out;
}

/** Inserts a turn so that it becomes turn i (i may be the length: append). */
export function insert(turns: Turns, i: number, turn: DialogueTurn): DialogueTurn[] {
  if (!Number.isInteger(i) || i < 0 || i > turns.length) {
    throw new TurnEditError(`Cannot insert a turn as turn ${ordinal(i)}: ${countOf(turns)}.`);
  }
  const out = copy(turns);
  out.splice(i, 0, { ...turn });
  return out;
}

export function remove(turns: Turns, i: number): DialogueTurn[] {
  checkIndex(turns, i);
  return copy(turns).filter((_, j) => j !== i);
}

/** Moves turn `from` so that it becomes turn `to`. */
export function move(turns: Turns, from: number, to: number): DialogueTurn[] {
  checkIndex(turns, from);
  if (!isIndexOf(turns, to)) throw new TurnEditError(`Cannot move turn ${from + 1} to place ${ordinal(to)}: ${countOf(turns)}.`);
  const out = copy(turns);
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved!);
  return out;
}

/** The speaker a new turn after turn i most likely has: the last other speaker before it, else the next one. */
export function nextSpeaker(turns: Turns, i: number): string {
  const own = turns[i]?.speaker ?? '';
  const before = turns.slice(0, Math.max(i, 0)).reverse().find((t) => t.speaker !== own);
  const after = turns.slice(i + 1).find((t) => t.speaker !== own);
  return (before ?? after)?.speaker ?? own;
}

export const sameTurns = (a: Turns, b: Turns): boolean =>
  a.length === b.length && a.every((t, i) => t.speaker === b[i]!.speaker && t.text === b[i]!.text);

export const isEdited = (original: Turns, turns: Turns): boolean => !sameTurns(original, turns);

export const ORIGINAL_LABEL = 'Model output';
export const REVERT_LABEL = 'Revert to original';

/** A history whose only step is the model's output. */
export function startHistory(original: Turns, rater: string, now: number): EditState {
  return { turns: copy(original), history: [{ turns: copy(original), label: ORIGINAL_LABEL, rater, at: now }], cursor: 0 };
}

function checkCursor(history: readonly EditStep[], cursor: number): void {
  if (!Number.isInteger(cursor) || cursor < 0 || cursor >= history.length) {
    throw new TurnEditError(`The edit history has ${history.length} steps: step ${cursor + 1} does not exist.`);
  }
}

const stateAt = (history: readonly EditStep[], cursor: number): EditState => ({ turns: copy(history[cursor]!.turns), history: [...history], cursor });

/**
 * Adds `turns` as the step after the cursor. Steps that were undone are dropped, as in any editor; turns equal to
 * the current ones add nothing.
 */
export function recordEdit(history: readonly EditStep[], cursor: number, turns: Turns, label: string, rater: string, now: number): EditState {
  checkCursor(history, cursor);
  if (sameTurns(history[cursor]!.turns, turns)) return stateAt(history, cursor);
  const kept = history.slice(0, cursor + 1);
  return { turns: copy(turns), history: [...kept, { turns: copy(turns), label, rater, at: now }], cursor: kept.length };
}

export const canUndo = (_history: readonly EditStep[], cursor: number): boolean => cursor > 0;
export const canRedo = (history: readonly EditStep[], cursor: number): boolean => cursor < history.length - 1;

/** One step back; at the first step nothing changes. */
export function undo(history: readonly EditStep[], cursor: number): EditState {
  checkCursor(history, cursor);
  return stateAt(history, canUndo(history, cursor) ? cursor - 1 : cursor);
}

/** One step forward again; with nothing undone nothing changes. */
export function redo(history: readonly EditStep[], cursor: number): EditState {
  checkCursor(history, cursor);
  return stateAt(history, canRedo(history, cursor) ? cursor + 1 : cursor);
}

/** The model's turns again, as a new step: the steps that led away from them stay in the history. */
export function revertToOriginal(original: Turns, history: readonly EditStep[], cursor: number, rater: string, now: number): EditState {
  return recordEdit(history, cursor, original, REVERT_LABEL, rater, now);
}

/** Turns as "Speaker: text" blocks separated by a blank line, the form parseTurns reads back. */
export const turnsToText = (turns: Turns): string => turns.map((t) => (t.speaker ? `${t.speaker}: ${t.text}` : t.text)).join('\n\n');

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const partOf = (change: ChangeObject<string>): DiffPart => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value });

// Below this share of unchanged characters a word diff interleaves two unrelated texts: show them as blocks.
const WORD_DIFF_MIN_KEPT = 0.5;

function refine(removed: ChangeObject<string>, added: ChangeObject<string>): DiffPart[] {
  const words = diffWordsWithSpace(removed.value, added.value);
  const kept = words.reduce((sum, w) => sum + (w.added || w.removed ? 0 : w.value.length), 0);
  return kept >= WORD_DIFF_MIN_KEPT * Math.max(removed.value.length, added.value.length) ? words.map(partOf) : [partOf(removed), partOf(added)];
}

/**
 * The edited turns against the model's, as text: lines first, so whole turns that moved or were inserted read as
 * blocks, then words within each changed run of lines that stayed mostly the same, so a fixed number shows as that
 * number and not its paragraph.
 */
export function diffAgainstOriginal(original: Turns, edited: Turns): DiffPart[] {
  const lines = diffLines(`${turnsToText(original)}\n`, `${turnsToText(edited)}\n`);
  const parts: DiffPart[] = [];
  for (let i = 0; i < lines.length; i++) {
    const change = lines[i]!;
    const next = lines[i + 1];
    if (change.removed && next?.added) {
      parts.push(...refine(change, next));
      i++;
    } else {
      parts.push(partOf(change));
    }
  }
  return parts;
}
