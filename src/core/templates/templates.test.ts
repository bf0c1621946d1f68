import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STYLE_IDS, STYLES } from '../styles';
import legacy from './legacyPrompts.fixture.json';
import {
  BUILT_IN_TEMPLATES,
  builtInFor,
  contextPlacement,
  createTemplate,
  diffVersions,
  exportTemplate,
  flipContextPlacement,
  hashTemplateContent,
  LATEST,
  moveLabel,
  readTemplateFile,
  renderTemplate,
  revertTo,
  saveVersion,
  TemplateRefused,
  templateProblems,
  type TemplateContent,
} from '.';

const content = (user: string, variables: Record<string, string> = {}): TemplateContent => ({ style: 'REPHRASE', system: '', user, variables });

describe('built-in templates', () => {
  it('reproduce, character for character, the prompts of dialogues stored before templates existed', () => {
    expect(legacy).toHaveLength(STYLE_IDS.length);
    for (const { style, excerpt, prompt } of legacy) {
      expect(renderTemplate(builtInFor(style as (typeof STYLE_IDS)[number]).version.content, excerpt)).toEqual(prompt);
    }
  });

  it.each(STYLE_IDS)('%s names both speakers, asks to keep the math and stay faithful, and is valid', (style) => {
    const { version, template } = builtInFor(style);
    const [message] = renderTemplate(version.content, 'x');
    for (const speaker of STYLES[style].speakers) expect(message?.content).toContain(`"${speaker}:"`);
    expect(message?.content).toMatch(/Keep every formula/);
    expect(message?.content).toMatch(/add no facts/);
    expect(templateProblems(version.content)).toEqual([]);
    expect(version.hash).toBe(hashTemplateContent(version.content));
    expect(template.builtIn).toBe(true);
    expect(contextPlacement(version.content.user)).toBe('before');
  });

  it('are refused a new version: they are forked instead', () => {
    const { template, version } = BUILT_IN_TEMPLATES[0]!;
    expect(() => saveVersion(template, version, version.content, 'edit', 1)).toThrow(/fork it/);
  });
});

describe('template checks', () => {
  it('require {{context}} once, in the user message, and only known variables', () => {
    expect(templateProblems(content('Rephrase this.'))[0]?.message).toMatch(/must contain \{\{context\}\}/);
    expect(templateProblems(content('{{context}} {{ context }}'))[0]?.message).toMatch(/more than once/);
    expect(templateProblems(content('{{context}} as {{persona}}'))[0]?.message).toMatch(/Unknown variable \{\{persona\}\}/);
    expect(templateProblems(content('{{context}} as {{persona}}', { persona: 'a poet' }))).toEqual([]);
    expect(templateProblems({ ...content('{{context}}'), system: 'Use {{context}}' })[0]?.field).toBe('system');
    expect(templateProblems(content('{{context}} {{2x}}'))[0]?.message).toMatch(/not a valid variable name/);
    expect(templateProblems(content('{{context}} {{oops'))[0]?.message).toMatch(/never closed/);
  });

  it('render in one pass: braces inside the excerpt stay as written', () => {
    const messages = renderTemplate({ ...content('Q: {{context}}\nBy {{who}}', { who: '{{context}}' }), system: ' Be {{who}}. ' }, ' a {{who}} b ');
    expect(messages).toEqual([
      { role: 'system', content: 'Be {{context}}.' },
      { role: 'user', content: 'Q: a {{who}} b\nBy {{context}}' },
    ]);
  });

  it('flip the context between before and after the instruction, and back', () => {
    const before = 'Context:\n{{context}}\n\nRewrite it as a dialogue.\nKeep the math.';
    const after = flipContextPlacement(before);
    expect(after).toBe('Rewrite it as a dialogue.\nKeep the math.\n\nContext:\n{{context}}');
    expect(contextPlacement(after)).toBe('after');
    expect(flipContextPlacement(after)).toBe(before);
  });

  it('render any excerpt verbatim (trimmed) exactly once', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (excerpt) => {
        const [message] = renderTemplate(content('<<{{context}}>>'), excerpt);
        expect(message?.content).toBe(`<<${excerpt.trim()}>>`);
      }),
    );
  });
});

describe('versions', () => {
  const first = createTemplate({ id: 't1', name: 'Rephrase', content: content('Rephrase:\n{{context}}'), note: 'first', now: 10 });

  it('save immutable versions whose parent is the previous latest, and move latest', () => {
    const second = saveVersion(first.template, first.version, content('Rephrase plainly:\n{{context}}'), 'plainer', 20);
    expect(second.version).toMatchObject({ id: 't1@v2', number: 2, parentId: 't1@v1', note: 'plainer' });
    expect(second.template.labels[LATEST]).toBe('t1@v2');
    expect(second.version.hash).not.toBe(first.version.hash);
    const reverted = revertTo(second.template, second.version, first.version, 30);
    expect(reverted.version).toMatchObject({ number: 3, parentId: 't1@v2', hash: first.version.hash, note: 'Revert to v1.' });
  });

  it('refuse to save a template that cannot render, saying why', () => {
    try {
      saveVersion(first.template, first.version, content('No context here'), '', 20);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateRefused);
      expect((error as TemplateRefused).problems[0]?.field).toBe('user');
    }
  });

  it('move labels only to versions of the same template', () => {
    const approved = moveLabel(first.template, 'approved', first.version, 15);
    expect(approved.labels).toEqual({ latest: 't1@v1', approved: 't1@v1' });
    expect(() => moveLabel(first.template, 'approved', BUILT_IN_TEMPLATES[0]!.version, 15)).toThrow(/another template/);
  });

  it('diff two versions line by line, field by field', () => {
    const diff = diffVersions(first.version.content, content('Rephrase plainly:\n{{context}}'));
    const user = diff.find((d) => d.field === 'user')!;
    expect(user.changed).toBe(true);
    expect(user.parts.filter((p) => p.removed).map((p) => p.value)).toEqual(['Rephrase:\n']);
    expect(user.parts.filter((p) => p.added).map((p) => p.value)).toEqual(['Rephrase plainly:\n']);
    expect(diff.find((d) => d.field === 'system')?.changed).toBe(false);
  });

  it('export and import as JSON, refusing a file whose content no longer matches its hash', () => {
    const file = exportTemplate(first.template, [first.version]);
    const text = JSON.stringify(file);
    expect(readTemplateFile('t.json', text)).toEqual({ ok: true, file });
    const tampered = JSON.parse(text);
    tampered.versions[0].content.user = 'Other:\n{{context}}';
    expect(readTemplateFile('t.json', JSON.stringify(tampered))).toMatchObject({ ok: false, message: expect.stringMatching(/does not match its hash/) });
    expect(readTemplateFile('t.json', '{nope')).toMatchObject({ ok: false, message: expect.stringMatching(/^t\.json is not JSON/) });
    expect(readTemplateFile('t.json', '{"format":"x"}')).toMatchObject({ ok: false, message: expect.stringMatching(/not a MIND Lab template file/) });
  });
});
