import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, type TemplateContent } from '../../core/templates';
import { checkFields, countableText, exportFileName, formatVariableRows, parseVariableRows, renderPreview, tokenBudgetLine } from './preview';

const content: TemplateContent = {
  style: 'qa',
  system: 'You write {{kind}} questions.',
  user: 'Context:\n{{context}}\n\nAsk and answer three questions.',
  variables: { kind: 'short' },
};
const excerpt = 'The sum of the first $n$ odd numbers is $n^2$.';

describe('renderPreview', () => {
  it('gives the plain-text prompt when no model is chosen or the model has no chat template', () => {
    for (const hasChatTemplate of [undefined, false] as const) {
      const rendered = renderPreview(content, excerpt, hasChatTemplate);
      expect(rendered.kind).toBe('plain');
      if (rendered.kind !== 'plain') return;
      expect(rendered.prompt).toBe(
        `### System:\nYou write short questions.\n\n### Instruction:\nContext:\n${excerpt}\n\nAsk and answer three questions.\n\n### Response:\n`,
      );
      expect(countableText(rendered)).toBe(rendered.prompt);
    }
  });

  it('gives chat messages for a model with its own template, and says who applies it', () => {
    const own = renderPreview(content, excerpt, true);
    expect(own).toMatchObject({ kind: 'chat', via: 'model-template' });
    expect(own.messages).toEqual([
      { role: 'system', content: 'You write short questions.' },
      { role: 'user', content: `Context:\n${excerpt}\n\nAsk and answer three questions.` },
    ]);
    expect(countableText(own)).toBe(`You write short questions.\nContext:\n${excerpt}\n\nAsk and answer three questions.`);
    expect(renderPreview(content, excerpt, null)).toMatchObject({ kind: 'chat', via: 'server' });
  });
});

describe('tokenBudgetLine', () => {
  const plain = renderPreview(BUILT_IN_TEMPLATES[0]!.version.content, excerpt, false);

  it('states the prompt size, the context and the room left for the answer', () => {
    const line = tokenBudgetLine(plain, 2048, 512);
    expect(line.promptTokens).toBeGreaterThan(20);
    expect(line.summary).toBe(`Prompt ~${line.promptTokens} tokens of 2048; ${2048 - line.promptTokens} left for the answer.`);
    expect(line.problem).toBeNull();
  });

  it('flags max tokens beyond the room left, and a prompt that does not fit', () => {
    const line = tokenBudgetLine(plain, 256, 250);
    expect(line.problem).toMatch(/^Max tokens \(250\) is more than the \d+ tokens the context leaves/);
    const tooSmall = tokenBudgetLine(plain, 10, 1);
    expect(tooSmall.summary).toBe(`Prompt ~${tooSmall.promptTokens} tokens of 10; 0 left for the answer.`);
    expect(tooSmall.problem).toMatch(/does not fit.*context of 10 tokens/);
  });

  it('counts chat markers for chat models and says when the context is unknown', () => {
    const chat = renderPreview(content, excerpt, true);
    expect(tokenBudgetLine(chat, 2048, 10).promptTokens).not.toBe(tokenBudgetLine(renderPreview(content, excerpt, false), 2048, 10).promptTokens);
    expect(tokenBudgetLine(chat, null, 10)).toMatchObject({ summary: expect.stringMatching(/context length is unknown/), problem: null });
  });
});

describe('variable rows', () => {
  it('reads name=value lines, keeping "=" inside values and skipping blank lines', () => {
    expect(parseVariableRows('speakerA = Teacher\n\nformula=a=b\n')).toEqual({ variables: { speakerA: 'Teacher', formula: 'a=b' }, problems: [] });
  });

  it('reports lines without a name, invalid names and repeated names', () => {
    const { problems } = parseVariableRows('just text\n1st=x\nname=a\nname=b');
    expect(problems).toEqual([
      'Variables line 1 ("just text") is not name=value.',
      '"1st" is not a valid variable name (letters, digits and _, not starting with a digit).',
      'Variable "name" is given twice (line 4).',
    ]);
  });

  it('round-trips through the text form', () => {
    const variables = { speakerA: 'Student', speakerB: 'Teacher' };
    expect(parseVariableRows(formatVariableRows(variables)).variables).toEqual(variables);
  });
});

it('exportFileName makes a safe file name', () => {
  expect(exportFileName('My Q&A / baseline!')).toBe('my-q-a-baseline.mind-template.json');
  expect(exportFileName('???')).toBe('template.mind-template.json');
});

describe('checkFields', () => {
  it('turns the fields into content that can be saved', () => {
    expect(checkFields({ style: ' qa ', system: '', user: '{{context}}\n\nAsk {{who}}.', variablesText: 'who=a student' })).toEqual({
      content: { style: 'qa', system: '', user: '{{context}}\n\nAsk {{who}}.', variables: { who: 'a student' } },
      problems: [],
    });
  });

  it('lists why a template without {{context}}, with an unknown variable or a bad variables line cannot be saved', () => {
    const { problems } = checkFields({ style: '', system: 'Hi {{nobody}}', user: 'Rewrite it.', variablesText: 'oops' });
    expect(problems).toEqual([
      'Give the style a name.',
      'The user message must contain {{context}}: that is where the excerpt goes.',
      'Unknown variable {{nobody}}: define it under Variables or remove it.',
      'Variables line 1 ("oops") is not name=value.',
    ]);
  });
});
