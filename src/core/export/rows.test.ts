import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTurns } from '../dialogue/parseTurns';
import { sha256Hex } from '../hash/sha256';
import { DEFAULT_RUBRIC } from '../review/rubric';
import { dialogueText, pretrainingText, textOptionsSchema } from './dialogueText';
import { makeItem, TURNS } from './exportFixtures';
import { chatMessages, DEFAULT_ROLE_MAP, roleMapSchema, roleOfEach, shareGptConversation } from './roles';
import { chatRow, nemotronRow, pretrainingRow, shareGptRow, type RowOptions } from './rows';

const options: RowOptions = { text: textOptionsSchema.parse({}), roles: DEFAULT_ROLE_MAP, rubric: DEFAULT_RUBRIC };

const speaker = fc.stringMatching(/^[A-Z][a-z]{1,8}$/);
const text = fc.array(fc.stringMatching(/^[a-z0-9$+=.,?]{1,8}$/), { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));
const turns = fc.array(fc.record({ speaker, text }), { minLength: 1, maxLength: 10 });

describe('pretraining text', () => {
  it('parses back into the same turns, with plain or bold labels', () => {
    fc.assert(
      fc.property(turns, fc.constantFrom('plain', 'bold' as const), (given, labels) => {
        expect(parseTurns(dialogueText(given, labels))).toEqual(given);
      }),
    );
  });

  it('writes labels as "Name: text" or "**Name:** text"', () => {
    expect(dialogueText(TURNS.slice(0, 2), 'plain')).toBe('Teacher: What is $2+2$?\n\nStudent: It is 4.');
    expect(dialogueText(TURNS.slice(0, 2), 'bold')).toBe('**Teacher:** What is $2+2$?\n\n**Student:** It is 4.');
  });

  it('puts the raw excerpt before the dialogue in MIND\'s second layout', () => {
    const text = pretrainingText('  Two plus two.\n', TURNS.slice(0, 1), { layout: 'excerpt-then-dialogue', speakerLabels: 'plain' });
    expect(text).toBe('Two plus two.\n\nTeacher: What is $2+2$?');
  });
});

describe('speaker → role map', () => {
  const three = [
    { speaker: 'A', text: '1' },
    { speaker: 'B', text: '2' },
    { speaker: 'C', text: '3' },
    { speaker: 'A', text: '4' },
  ];

  it('maps the first speaker to user, the second to assistant and later ones to user by default', () => {
    expect(roleOfEach(three, DEFAULT_ROLE_MAP)).toEqual(['user', 'assistant', 'user', 'user']);
  });

  it('takes other roles for later speakers and named speakers when asked', () => {
    expect(roleOfEach(three, roleMapSchema.parse({ others: 'system', bySpeaker: { A: 'assistant' } }))).toEqual(['assistant', 'assistant', 'system', 'assistant']);
  });

  it('maps speakers named like Object.prototype members by their order', () => {
    expect(roleOfEach([{ speaker: 'toString', text: '' }, { speaker: 'constructor', text: '' }], DEFAULT_ROLE_MAP)).toEqual(['user', 'assistant']);
  });

  it('keeps every turn as one message, in order, with ShareGPT naming the same roles', () => {
    fc.assert(
      fc.property(turns, (given) => {
        const messages = chatMessages(given, DEFAULT_ROLE_MAP);
        expect(messages.map((m) => m.content)).toEqual(given.map((t) => t.text));
        const names = { user: 'human', assistant: 'gpt', system: 'system' };
        expect(shareGptConversation(given, DEFAULT_ROLE_MAP)).toEqual(messages.map((m) => ({ from: names[m.role], value: m.content })));
      }),
    );
  });
});

describe('rows', () => {
  const edited = [{ speaker: 'Teacher', text: 'Edited.' }, { speaker: 'Student', text: 'Fine.' }];
  const item = makeItem({ id: 'd1', editedTurns: edited, ratings: [['ann', 'keep', 'submitted', 4], ['bob', 'reject', 'submitted', 2], ['cy', 'keep']], document: { id: '12', hash: 'doc-hash' } });

  it('use the edited turns of an edited dialogue', () => {
    expect(pretrainingRow(item, options).text).toBe('Teacher: Edited.\n\nStudent: Fine.');
    expect(chatRow(item, options).messages).toEqual([{ role: 'user', content: 'Edited.' }, { role: 'assistant', content: 'Fine.' }]);
    expect(shareGptRow(item, options).conversations[1]).toEqual({ from: 'gpt', value: 'Fine.' });
  });

  it('carry the provenance of the dialogue', () => {
    expect(pretrainingRow(item, options)).toMatchObject({
      id: 'd1',
      source_url: 'https://example.org/page',
      document_id: '12',
      document_hash: 'doc-hash',
      excerpt_sha256: sha256Hex('Two plus two is four.'),
      style: 'TEACHER_STUDENT',
      template_version_id: 'builtin-teacher-v1',
      template_hash: 'abc123',
      engine: 'wllama',
      model: 'tiny',
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 512,
      seed: 7,
      stop: ['</s>'],
      run_id: null,
      edited: true,
      ratings_submitted: 3,
      keep_votes: 2,
      reject_votes: 1,
      verdict: 'kept',
      rating_means: { faithfulness: 3 },
      filter_pass: true,
      filter_reasons: [],
    });
  });

  it('are not edited when the edit went back to the model\'s turns', () => {
    const reverted = makeItem({ id: 'd2', editedTurns: TURNS });
    expect(pretrainingRow(reverted, options).edited).toBe(false);
  });

  it('name the document, or the excerpt hash, in the Nemotron-MIND columns', () => {
    expect(nemotronRow(item, options)).toMatchObject({ 'Conversational Style': 'TEACHER_STUDENT', 'Document ID': '12', Text: 'Teacher: Edited.\n\nStudent: Fine.' });
    const loose = makeItem({ id: 'd3' });
    expect(nemotronRow(loose, options)['Document ID']).toBe(sha256Hex('Two plus two is four.'));
  });
});
