import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filterOutcomeSchema, faithfulnessSignalsSchema } from '../records/review';
import { analyzeDialogueLine } from './analyzeDialogueLine';
import { readPaperDialogues } from './filters.realDialogues';
import { runMindFilters } from './filters';
import { faithfulnessSignals } from './signals';

const [real] = readPaperDialogues();
const dialogue = real?.dialogue ?? '';
const excerpt = real?.context ?? '';

const analyzed = (line: string) => {
  const result = analyzeDialogueLine(line);
  if (result.kind !== 'analyzed') throw new Error(`expected an analyzed line, got ${JSON.stringify(result)}`);
  return { ...result, record: JSON.parse(result.line) as Record<string, unknown> };
};

describe('analyzeDialogueLine', () => {
  it('adds filters, and signals when the line has its excerpt, keeping the line as it was', () => {
    const line = `{ "id": 7,  "text": ${JSON.stringify(dialogue)}, "excerpt": ${JSON.stringify(excerpt)}, "score": 1.0 }`;
    const { line: out, record } = analyzed(line);
    expect(out.startsWith(line.slice(0, line.lastIndexOf('}')).trimEnd())).toBe(true);
    expect(record.filters).toEqual(runMindFilters({ text: dialogue }));
    expect(record.signals).toEqual(faithfulnessSignals(excerpt, dialogue));
    expect(Object.keys(analyzed(JSON.stringify({ text: dialogue })).record)).toEqual(['text', 'filters']);
  });

  it('reads the data set form {"dialogue", "context"} too', () => {
    const { record } = analyzed(JSON.stringify(real));
    expect(record.signals).toEqual(faithfulnessSignals(excerpt, dialogue));
  });

  it('takes the assistant answer of a prompt and answer, and every message of any other chat', () => {
    const generation = { messages: [{ role: 'system', content: 'Write a dialogue.' }, { role: 'user', content: excerpt }, { role: 'assistant', content: dialogue }] };
    expect(analyzed(JSON.stringify(generation)).filters).toEqual(runMindFilters({ text: dialogue }));
    const chat = { messages: [{ role: 'Teacher', content: 'What is 1 + 100?' }, { role: 'Student', content: '101.' }] };
    expect(analyzed(JSON.stringify(chat)).filters).toEqual(runMindFilters({ text: 'Teacher: What is 1 + 100?\n\nStudent: 101.' }));
    const shareGpt = { conversations: [{ from: 'human', value: excerpt }, { from: 'gpt', value: dialogue }] };
    expect(analyzed(JSON.stringify(shareGpt)).filters).toEqual(runMindFilters({ text: dialogue }));
  });

  it('uses the finish reason and token count a line carries', () => {
    const { record } = analyzed(JSON.stringify({ text: dialogue, finishReason: 'length', completionTokens: 12 }));
    expect((record.filters as { reasons: { filter: string }[] }).reasons.map((r) => r.filter)).toEqual(['too-short', 'truncated']);
  });

  it('replaces stale filters and signals instead of adding a second key', () => {
    const { record } = analyzed(JSON.stringify({ filters: { pass: false, reasons: [] }, text: dialogue, signals: { old: true } }));
    expect(Object.keys(record)).toEqual(['filters', 'text']);
    expect(record.filters).toEqual(runMindFilters({ text: dialogue }));
  });

  it.each([
    ['{"text": 3}', 'no dialogue'],
    ['[1, 2]', 'not a JSON object'],
    ['{"text": "a"', 'not JSON'],
    ['{"messages": [{"role": "user"}]}', '"messages" must be'],
    ['{"conversations": []}', '"conversations" must be'],
    ['{"text": "A: hi", "excerpt": 5}', '"excerpt" must be a string'],
  ])('rejects %s', (line, reason) => {
    const result = analyzeDialogueLine(line);
    expect(result.kind).toBe('rejected');
    expect(result.kind === 'rejected' && result.reason).toContain(reason);
  });

  it('skips blank lines', () => {
    expect(analyzeDialogueLine('  \t')).toEqual({ kind: 'blank' });
  });

  it('any object with a text comes back with the same fields plus valid filters (and signals with an excerpt)', () => {
    const extra = fc.dictionary(fc.string().filter((key) => !['text', 'dialogue', 'messages', 'conversations', 'excerpt', 'context', 'filters', 'signals', 'finishReason', 'completionTokens', '__proto__'].includes(key)), fc.jsonValue(), { maxKeys: 4 });
    fc.assert(
      fc.property(extra, fc.string({ maxLength: 200 }), fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), (fields, text, source) => {
        const input = { ...fields, text, ...(source === undefined ? {} : { excerpt: source }) };
        const { record } = analyzed(JSON.stringify(input, null, 1).replace(/\n/g, ' '));
        const { filters, signals, ...rest } = record;
        expect(rest).toEqual(JSON.parse(JSON.stringify(input)));
        filterOutcomeSchema.parse(filters);
        if (source === undefined) expect(signals).toBeUndefined();
        else faithfulnessSignalsSchema.parse(signals);
      }),
    );
  });
});
