import { z } from 'zod';
import { dialogueRecordSchema, type DialogueRecord } from '../records/dialogue';
import { dialogueEditRecordSchema, ratingRecordSchema, type DialogueEditRecord, type RatingRecord } from '../records/review';
import { answerProblems, rubricSchema, type Rubric } from './rubric';

/**
 * Files raters pass to one another with no server: a ratings file (one rater's ratings, to merge into a lead's lab)
 * and a dialogue pack (dialogues to review, with their edits). JSON lines: a header line naming the format, then one
 * record per line, so every problem can name its line.
 */
export const RATINGS_FORMAT = 'mind-lab-ratings';
export const DIALOGUES_FORMAT = 'mind-lab-dialogues';

const ratingsHeaderSchema = z.object({
  format: z.literal(RATINGS_FORMAT),
  version: z.literal(1),
  rater: z.string().min(1),
  exportedAt: z.number(),
  rubric: rubricSchema,
});
const dialoguesHeaderSchema = z.object({ format: z.literal(DIALOGUES_FORMAT), version: z.literal(1), exportedAt: z.number(), count: z.number().int().nonnegative() });
const packLineSchema = z.object({ dialogue: dialogueRecordSchema, edit: dialogueEditRecordSchema.nullable() });

export interface LineProblem {
  line: number;
  message: string;
}

export class ExchangeFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: LineProblem[],
  ) {
    super(`${fileName}: ${problems.slice(0, 3).map((p) => `line ${p.line}: ${p.message}`).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
    this.name = 'ExchangeFileError';
  }
}

export interface Numbered<T> {
  line: number;
  record: T;
}

export function writeRatingsFile(rater: string, rubric: Rubric, ratings: readonly RatingRecord[], now = Date.now()): string {
  const header = { format: RATINGS_FORMAT, version: 1, rater, exportedAt: now, rubric };
  return [header, ...ratings].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

export function writeDialoguePack(entries: readonly { dialogue: DialogueRecord; edit: DialogueEditRecord | null }[], now = Date.now()): string {
  const header = { format: DIALOGUES_FORMAT, version: 1, exportedAt: now, count: entries.length };
  return [header, ...entries].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'invalid';
}

/** Parses every line; any unreadable line refuses the whole file (nothing is merged from half a file). */
function parseLines<H, T>(fileName: string, text: string, header: z.ZodType<H>, line: z.ZodType<T>, kind: string): { header: H; records: Numbered<T>[] } {
  const lines = text.split(/\r?\n/);
  const problems: LineProblem[] = [];
  const parsedLines: { line: number; value: unknown }[] = [];
  lines.forEach((raw, index) => {
    if (!raw.trim()) return;
    try {
      parsedLines.push({ line: index + 1, value: JSON.parse(raw) });
    } catch {
      problems.push({ line: index + 1, message: 'not valid JSON' });
    }
  });
  if (problems.length) throw new ExchangeFileError(fileName, problems);
  const first = parsedLines[0];
  const parsedHeader = header.safeParse(first?.value);
  if (!first || !parsedHeader.success) {
    throw new ExchangeFileError(fileName, [{ line: first?.line ?? 1, message: `not a ${kind} (its first line must be the header a MIND Lab export writes${parsedHeader.error ? `; ${issueText(parsedHeader.error)}` : ''})` }]);
  }
  const records: Numbered<T>[] = [];
  for (const { line: number, value } of parsedLines.slice(1)) {
    const parsed = line.safeParse(value);
    if (parsed.success) records.push({ line: number, record: parsed.data });
    else problems.push({ line: number, message: issueText(parsed.error) });
  }
  if (problems.length) throw new ExchangeFileError(fileName, problems);
  return { header: parsedHeader.data, records };
}

/** A ratings file, checked line by line; answers must fit the rubric they will be merged under. */
export function readRatingsFile(fileName: string, text: string, rubric: Rubric) {
  const parsed = parseLines(fileName, text, ratingsHeaderSchema, ratingRecordSchema, 'MIND Lab ratings file');
  const problems: LineProblem[] = [];
  for (const { line, record } of parsed.records) {
    if (record.rubricId !== rubric.id) problems.push({ line, message: `rated with the rubric "${record.rubricId}", but this lab reviews with "${rubric.id}"` });
    else for (const message of answerProblems(rubric, record.answers)) problems.push({ line, message });
  }
  if (problems.length) throw new ExchangeFileError(fileName, problems);
  return parsed;
}

export function readDialoguePack(fileName: string, text: string) {
  const parsed = parseLines(fileName, text, dialoguesHeaderSchema, packLineSchema, 'MIND Lab dialogue pack');
  if (parsed.records.length !== parsed.header.count) {
    throw new ExchangeFileError(fileName, [{ line: parsed.records.at(-1)?.line ?? 1, message: `the header promises ${parsed.header.count} dialogues but the file has ${parsed.records.length}: it was cut off or edited` }]);
  }
  return parsed;
}
