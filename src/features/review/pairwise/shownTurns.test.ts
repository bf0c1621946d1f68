import { describe, expect, it } from 'vitest';
import { shownTurns } from './shownTurns';

const original = [{ speaker: 'Teacher', text: 'What is $x$?' }];
const edited = [{ speaker: 'Teacher', text: 'What is $x^2$?' }];

describe('shownTurns', () => {
  it('shows the edited turns when the edit moved past the original', () => {
    expect(shownTurns({ turns: original }, { turns: edited, cursor: 2 })).toBe(edited);
  });
  it('shows the model\'s turns without an edit, or when the edit is undone back to the start', () => {
    expect(shownTurns({ turns: original }, null)).toBe(original);
    expect(shownTurns({ turns: original }, { turns: original, cursor: 0 })).toBe(original);
  });
});
