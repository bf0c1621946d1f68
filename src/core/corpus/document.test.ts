import { describe, expect, it } from 'vitest';
import { owmRecordSchema, parseRecord } from './document';

describe('owmRecordSchema', () => {
  it('parses the OWM metadata JSON string into an object', () => {
    const record = { url: 'https://x.org', text: 'T', date: '2024-01-01', metadata: '{"site": "x.org", "score": 3}' };
    expect(owmRecordSchema.parse(record)).toEqual({ url: 'https://x.org', text: 'T', date: '2024-01-01', metadata: { site: 'x.org', score: 3 } });
  });

  it('accepts text alone, metadata objects, numeric dates, and keeps non-JSON metadata strings raw', () => {
    expect(owmRecordSchema.parse({ text: 'T' })).toEqual({ url: null, date: null, text: 'T', metadata: null });
    expect(owmRecordSchema.parse({ text: 'T', metadata: { a: 1 }, date: 2024 })).toMatchObject({ metadata: { a: 1 }, date: '2024' });
    expect(owmRecordSchema.parse({ text: 'T', metadata: 'plain note' })).toMatchObject({ metadata: { raw: 'plain note' } });
  });
});

describe('parseRecord', () => {
  it('names what is wrong', () => {
    expect(parseRecord({ url: 'u' })).toEqual({ ok: false, reason: 'missing text field "text"' });
    expect(parseRecord({ text: ['a'] })).toEqual({ ok: false, reason: 'field "text" must be a string, got an array' });
    expect(parseRecord({ text: null })).toEqual({ ok: false, reason: 'field "text" must be a string, got null' });
    expect(parseRecord({ text: 'T', url: 5 })).toEqual({ ok: false, reason: 'field "url" must be a string' });
    expect(parseRecord({ text: 'T', metadata: 5 })).toEqual({ ok: false, reason: 'field "metadata" must be an object or a JSON string' });
    expect(parseRecord(7)).toEqual({ ok: false, reason: 'expected a JSON object, got number' });
    expect(parseRecord({ body: ' \n ' }, 'body')).toEqual({ ok: false, reason: 'field "body" is empty' });
  });

  it('reads the text from a chosen field', () => {
    expect(parseRecord({ body: 'B', url: 'u' }, 'body')).toEqual({ ok: true, document: { url: 'u', date: null, text: 'B', metadata: null } });
  });
});
