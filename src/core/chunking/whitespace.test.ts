import { describe, expect, it } from 'vitest';
import { isWhitespaceCode } from './whitespace';

describe('isWhitespaceCode', () => {
  it('agrees with the regex \\s on every UTF-16 code unit', () => {
    const disagreements: number[] = [];
    for (let code = 0; code < 0x10000; code += 1) {
      if (isWhitespaceCode(code) !== /\s/.test(String.fromCharCode(code))) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });
});
