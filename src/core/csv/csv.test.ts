import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvRead } from './readCsv';
import { writeCsv } from './writeCsv';

const fieldsOf = (read: CsvRead) => (read.ok ? read.records.map((record) => record.fields) : read);

describe('readCsv', () => {
  it('reads fields, quoted fields with commas, doubled quotes and line breaks', () => {
    const read = readCsv('rater,u1,u2\r\n"Smith, J.","say ""hi""","two\r\nlines"\r\nB,,3\r\n');
    expect(fieldsOf(read)).toEqual([
      ['rater', 'u1', 'u2'],
      ['Smith, J.', 'say "hi"', 'two\r\nlines'],
      ['B', '', '3'],
    ]);
    // The record after a two-line field starts on line 4.
    expect(read.ok && read.records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('accepts LF and lone CR line ends, a missing last line end, a BOM, and skips empty lines', () => {
    expect(fieldsOf(readCsv('\uFEFFa,b\n\n1,2\r3,4'))).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    const gap = readCsv('a\n\n\nb');
    expect(gap.ok && gap.records.map((record) => record.line)).toEqual([1, 4]);
    expect(fieldsOf(readCsv(''))).toEqual([]);
  });

  it('keeps a trailing empty field and a quoted empty field', () => {
    expect(fieldsOf(readCsv('a,\n""\n'))).toEqual([['a', ''], ['']]);
  });

  it('keeps a quote inside an unquoted field as it is', () => {
    expect(fieldsOf(readCsv('5" screen,x\n'))).toEqual([['5" screen', 'x']]);
  });

  it('refuses text after a closing quote and a quote never closed, naming the line', () => {
    expect(readCsv('a,b\n"x"y,z\n')).toMatchObject({ ok: false, line: 2 });
    const unclosed = readCsv('a\nb\n"open,\nstill open\n');
    expect(unclosed).toMatchObject({ ok: false, line: 3 });
    expect(!unclosed.ok && unclosed.message).toMatch(/never closed/);
  });
});

describe('writeCsv', () => {
  it('quotes only what needs it and ends every record with CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"'], [''], ['x', '']])).toBe('a,"b,c","say ""hi"""\r\n""\r\nx,\r\n');
  });
});

describe('CSV round trip', () => {
  const tricky = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '\uFEFF', 'é', '😀') });
  const rows = (field: fc.Arbitrary<string>) => fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

  it('reads back what it writes (tricky characters)', () => {
    fc.assert(fc.property(rows(tricky), (table) => {
      expect(fieldsOf(readCsv(writeCsv(table)))).toEqual(table);
    }));
  });

  it('reads back what it writes (any text)', () => {
    fc.assert(fc.property(rows(fc.string({ unit: 'binary' })), (table) => {
      expect(fieldsOf(readCsv(writeCsv(table)))).toEqual(table);
    }));
  });

  it('numbers every record with the line it starts on', () => {
    fc.assert(
      fc.property(rows(tricky), (table) => {
        const read = readCsv(writeCsv(table));
        if (!read.ok) throw new Error(read.message);
        let line = 1;
        read.records.forEach((record, index) => {
          expect(record.line).toBe(line);
          // Each record ends with one CRLF; its fields' own line breaks (CRLF counts once) add the rest.
          line += 1 + (table[index]!.join(',').match(/\r\n|\r|\n/g)?.length ?? 0);
        });
      }),
    );
  });
});
