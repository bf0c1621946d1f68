import type { PairChoice } from '../api';

/** 1 picks the left dialogue, 2 the right, = (or 0, beside 1 and 2 on the keyboard) a tie. */
export function choiceForKey(key: string): PairChoice | null {
  if (key === '1') return 'left';
  if (key === '2') return 'right';
  if (key === '=' || key === '0') return 'tie';
  return null;
}

/** Input types that take no typed text: a digit typed while one has focus is not meant for it. */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** Whether a key typed with this element focused belongs to the element (typing text), not to the panel's shortcuts. */
export function takesTypedText(element: { tagName: string; type?: string; isContentEditable?: boolean } | null): boolean {
  if (!element) return false;
  if (element.isContentEditable) return true;
  const tag = element.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NON_TEXT_INPUTS.has((element.type ?? 'text').toLowerCase());
}
