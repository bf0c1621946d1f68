import { describe, expect, it } from 'vitest';
import { choiceForKey, takesTypedText } from './pairKeys';

describe('choiceForKey', () => {
  it('maps 1, 2, = and 0 to left, right and tie', () => {
    expect(choiceForKey('1')).toBe('left');
    expect(choiceForKey('2')).toBe('right');
    expect(choiceForKey('=')).toBe('tie');
    expect(choiceForKey('0')).toBe('tie');
  });
  it('ignores every other key', () => {
    for (const key of ['3', '+', '-', 'Enter', ' ', 'a', 'ArrowLeft', '']) expect(choiceForKey(key)).toBeNull();
  });
});

describe('takesTypedText', () => {
  it('is true for text fields, text areas, selects and editable content', () => {
    expect(takesTypedText({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(takesTypedText({ tagName: 'input', type: 'number' })).toBe(true);
    expect(takesTypedText({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(takesTypedText({ tagName: 'INPUT' })).toBe(true);
    expect(takesTypedText({ tagName: 'TEXTAREA' })).toBe(true);
    expect(takesTypedText({ tagName: 'SELECT' })).toBe(true);
    expect(takesTypedText({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });
  it('is false for buttons, check boxes, plain elements and no focus', () => {
    expect(takesTypedText({ tagName: 'BUTTON' })).toBe(false);
    expect(takesTypedText({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(takesTypedText({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(takesTypedText({ tagName: 'BODY', isContentEditable: false })).toBe(false);
    expect(takesTypedText(null)).toBe(false);
  });
});
