export interface CsvRecord {
  fields: string[];
  /** The 1-based line the record starts on (a quoted field may run over several lines). */
  line: number;
}

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

/**
 * Reads CSV as RFC 4180 writes it: comma-separated fields, records ended by CRLF (LF or a lone CR also), fields
 * in double quotes when they hold commas, quotes ("" inside) or line breaks. Lenient where nothing is ambiguous:
 * a leading byte-order mark is dropped, empty lines are skipped, and a quote inside an unquoted field is kept as
 * it is. Text after a closing quote, or a quote never closed, is an error with its line.
 */
export function readCsv(text: string): CsvRead {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  /** Whether the current record has anything (a character or a quoted empty field) beyond an empty line. */
  let started = false;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = () => {
    if (started) records.push({ fields: [...fields, field], line: recordLine });
    fields = [];
    field = '';
    started = false;
  };
  /** Steps over a line break at `position` (CRLF as one) and counts the line; returns it, or null when none is there. */
  const skipLineBreak = (): string | null => {
    const char = text[position];
    if (char !== '\n' && char !== '\r') return null;
    const lineBreak = char === '\r' && text[position + 1] === '\n' ? '\r\n' : char;
    position += lineBreak.length;
    line += 1;
    return lineBreak;
  };

  while (position < text.length) {
    if (!started) recordLine = line;
    const char = text[position]!;
    if (char === '"' && field === '') {
      started = true;
      const opened = line;
      position += 1;
      for (;;) {
        if (position >= text.length) return { ok: false, line: opened, message: `a quoted field opened on line ${opened} is never closed` };
        const inside = text[position]!;
        if (inside === '"') {
          if (text[position + 1] === '"') {
            field += '"';
            position += 2;
            continue;
          }
          position += 1;
          break;
        }
        const lineBreak = skipLineBreak();
        if (lineBreak !== null) field += lineBreak;
        else {
          field += inside;
          position += 1;
        }
      }
      const next = text[position];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return { ok: false, line, message: `text after a closing quote (${JSON.stringify(next)}): quote the whole field and double the quotes inside` };
      }
      continue;
    }
    if (char === ',') {
      started = true;
      fields.push(field);
      field = '';
      position += 1;
      continue;
    }
    if (skipLineBreak() !== null) {
      endRecord();
      continue;
    }
    started = true;
    field += char;
    position += 1;
  }
  endRecord();
  return { ok: true, records };
}
