import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { BackupLineWriter, BackupRefused, readBackupLines, splitLines, type BackupTableRules } from './index';

const itemSchema = z.object({ id: z.string().min(1), n: z.number() });
const rules: BackupTableRules = {
  currentSchemaVersion: 2,
  tablesOf: (version) =>
    version === 2 ? new Map<string, z.ZodType | null>([['items', itemSchema], ['notes', null]]) : version === 1 ? new Map([['items', null]]) : null,
};

function backupText(tables: Record<string, Record<string, unknown>[]>, schemaVersion = 2): string {
  const writer = BackupLineWriter.create({ schemaVersion, createdAt: 1, tables: Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length])) });
  let text = writer.headerLine();
  for (const [table, rows] of Object.entries(tables)) for (const row of rows) text += writer.rowLine(table, row);
  return text + writer.endLine();
}

/** The text cut into pieces at the given offsets, as a stream would deliver it. */
function pieces(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let start = 0;
  for (const point of points) {
    out.push(text.slice(start, point));
    start = point;
  }
  out.push(text.slice(start));
  return out;
}

const read = (text: string) => readBackupLines(splitLines([text]), rules);

async function refusal(text: string): Promise<BackupRefused> {
  const error = await read(text).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BackupRefused);
  return error as BackupRefused;
}

const itemArb = fc.record({ id: fc.string({ minLength: 1 }), n: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)) });
const noteArb = fc.record({ key: fc.string(), value: fc.jsonValue() });

describe('backup lines', () => {
  it('read back exactly what was written, however the text arrives in chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { maxLength: 20 }), fc.array(noteArb, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 8 }), async (items, notes, cuts) => {
        const text = backupText({ items, notes });
        const { header, rows } = await readBackupLines(splitLines(pieces(text, cuts)), rules);
        expect(header.tables).toEqual({ items: items.length, notes: notes.length });
        expect(rows.get('items')).toEqual(items);
        expect(JSON.stringify(rows.get('notes'))).toBe(JSON.stringify(notes));
      }),
    );
  });

  it('refuse a file cut anywhere, naming a line', async () => {
    const text = backupText({ items: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }], notes: [{ key: 'k', value: 'v' }] });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: text.length - 2 }), async (cut) => {
        const error = await refusal(text.slice(0, cut));
        if (cut > 0) expect(error.message).toMatch(/^Line \d+: |^The file is empty/);
      }),
    );
  });

  it('refuse a file with any one character changed', async () => {
    const text = backupText({ items: [{ id: 'abc', n: 12 }, { id: 'def', n: 34 }] });
    const lastRow = text.lastIndexOf('{"table"');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: lastRow + 20 }), fc.constantFrom('x', '7', ' ', '"'), async (at, replacement) => {
        fc.pre(text[at] !== replacement && text[at] !== '\n');
        await refusal(text.slice(0, at) + replacement + text.slice(at + 1));
      }),
    );
  });

  it('name the line and the field of an invalid row', async () => {
    const error = await refusal(backupText({ items: [{ id: 'a', n: 1 }, { id: '', n: 2 }] }));
    expect(error.line).toBe(3);
    expect(error.message).toBe('Line 3: a row of items is invalid (id: Too small: expected string to have >=1 characters).');
  });

  it('refuse foreign, empty, newer and unknown files', async () => {
    expect((await refusal('')).message).toBe('The file is empty: it is not a MIND Lab backup.');
    expect((await refusal('{"text": "an OWM record"}\n')).message).toMatch(/^Line 1: this is not a MIND Lab backup/);
    expect((await refusal('PK\u0003\u0004 zip bytes')).message).toMatch(/^Line 1: not JSON/);
    expect((await refusal(backupText({ items: [] }, 3))).message).toMatch(/newer lab \(database version 3; this one is at 2\)/);
    const newerFormat = backupText({ items: [] }).replace('"version":1', '"version":2');
    expect((await refusal(newerFormat)).message).toMatch(/backup format is version 2/);
    expect((await refusal(backupText({ notes: [] }, 1))).message).toMatch(/tables a version-1 lab does not have: notes/);
  });

  it('refuse counts that disagree with the rows, rows out of table order, and text after the end', async () => {
    const text = backupText({ items: [{ id: 'a', n: 1 }], notes: [{ key: 'k', value: 1 }] });
    const lines = text.trimEnd().split('\n');
    expect((await refusal([lines[0]!.replace('"items":1', '"items":2'), ...lines.slice(1)].join('\n'))).message).toMatch(/Line 4: the header counts 2 rows of items, the file holds 1/);
    expect((await refusal([lines[0], lines[2], lines[1], lines[3]].join('\n'))).message).toMatch(/Line 3: rows of table items appear again after other tables/);
    expect((await refusal(`${text}{"table":"items","row":{"id":"z","n":0}}\n`)).message).toMatch(/Line 5: there is text after the end line/);
    expect((await refusal([lines[0], lines[1], lines[1], lines[2], lines[3]].join('\n'))).message).toMatch(/Line 3: more rows of items than the header's 1/);
  });

  it('keep rows the writing lab marked unreadable, without checking them', async () => {
    const writer = BackupLineWriter.create({ schemaVersion: 2, createdAt: 1, tables: { items: 2 } });
    const broken = { id: '', n: 'x' };
    const text = writer.headerLine() + writer.rowLine('items', { id: 'a', n: 1 }) + writer.rowLine('items', broken, 'id: too small') + writer.endLine();
    const { rows, unreadable } = await read(text);
    expect(rows.get('items')).toEqual([{ id: 'a', n: 1 }, broken]);
    expect([...unreadable.get('items')!]).toEqual([broken]);
  });

  it('accept an older schema version, leaving its rows to be checked after migration', async () => {
    const { header, rows } = await read(backupText({ items: [{ id: 1, old: true }] }, 1));
    expect(header.schemaVersion).toBe(1);
    expect(rows.get('items')).toEqual([{ id: 1, old: true }]);
  });

  it('refuse to finish a backup whose tables changed while they were read', () => {
    const writer = BackupLineWriter.create({ schemaVersion: 2, createdAt: 1, tables: { items: 2 } });
    writer.headerLine();
    writer.rowLine('items', { id: 'a', n: 1 });
    expect(() => writer.endLine()).toThrow('The lab changed while it was backed up (items: 2 rows counted, 1 read). Back it up again.');
  });
});
