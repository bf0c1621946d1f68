import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excerptKeyOf, workItemId } from '../src/core/generation/plan';
import { STYLE_IDS } from '../src/core/styles';
import {
  builtInFor,
  contextPlacement,
  createTemplate,
  exportTemplate,
  hashTemplateContent,
  moveLabel,
  renderTemplate,
  saveVersion,
  type TemplateContent,
} from '../src/core/templates';
import legacyPrompts from '../src/core/templates/legacyPrompts.fixture.json';
import { DEFAULT_SAMPLING, type ChatMessage } from '../src/core/types';
import { repo, runCli } from './testing/runCli';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


interface StyleSummary {
  id: string;
  name: string;
  description: string;
  system: string;
  template: string;
  placement: 'before' | 'after';
  variables: Record<string, string>;
  knowledgeGap: boolean;
  versionId: string;
  templateHash: string;
}

interface Excerpt {
  documentId: string;
  url: string | null;
  index: number;
  text: string;
}

interface BatchLine {
  custom_id: string;
  messages: ChatMessage[];
  style: string;
  templateHash: string;
  templateVersionId: string;
  placement: 'before' | 'after';
  excerptId?: string;
  documentId?: string;
  url?: string | null;
  index?: number;
}

const readJsonl = <T>(text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);

/** The id core plans for an excerpt with no run, no model, default sampling and sample 0. */
const expectedCustomId = (excerptId: string | undefined, text: string, templateHash: string) =>
  workItemId({ runId: null, excerptKey: excerptKeyOf({ excerptId, text }), templateHash, modelKey: '', params: DEFAULT_SAMPLING, sampleIndex: 0 });

const contentOf = (style: StyleSummary): TemplateContent => ({ style: style.id, system: style.system, user: style.template, variables: style.variables });

describe('mind-lab styles', () => {
  it('prints the seven built-in styles, each rendering exactly the prompt the lab sends', async () => {
    const { code, stdout } = await runCli(['styles']);
    expect(code).toBe(0);
    const styles = JSON.parse(stdout) as StyleSummary[];
    expect(styles.map((style) => style.id)).toEqual([...STYLE_IDS]);
    for (const style of styles) {
      expect(Object.keys(style)).toEqual(['id', 'name', 'description', 'system', 'template', 'placement', 'variables', 'knowledgeGap', 'versionId', 'templateHash']);
      expect(style.template).toContain('{{context}}');
      expect(style.template).toContain('{{speakerA}}');
      expect(Object.keys(style.variables).sort()).toEqual(['speakerA', 'speakerB']);
      expect(style.placement).toBe(contextPlacement(style.template));
      expect(hashTemplateContent(contentOf(style))).toBe(style.templateHash);
      const legacy = legacyPrompts.find((prompt) => prompt.style === style.id);
      if (!legacy) throw new Error(`no recorded lab prompt for ${style.id}`);
      // The prompt stored by the lab before templates existed, and the one the Generate page renders today.
      expect(renderTemplate(contentOf(style), legacy.excerpt)).toEqual(legacy.prompt);
      expect(renderTemplate(contentOf(style), legacy.excerpt)).toEqual(renderTemplate(builtInFor(style.id as (typeof STYLE_IDS)[number]).version.content, legacy.excerpt));
    }
    expect(styles.find((style) => style.id === 'TEACHER_STUDENT')?.variables).toEqual({ speakerA: 'Teacher', speakerB: 'Student' });

    const one = await runCli(['styles', '--style', 'debate']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual(styles.find((style) => style.id === 'DEBATE'));
  });
});

describe('mind-lab render', () => {
  const excerptsPath = join(work, 'excerpts.jsonl');
  let excerpts: Excerpt[] = [];

  beforeAll(async () => {
    const { code } = await runCli(['chunk', join(repo, '../shared/data/owm_sample.jsonl'), '-o', excerptsPath]);
    expect(code).toBe(0);
    excerpts = readJsonl<Excerpt>(readFileSync(excerptsPath, 'utf8'));
  }, 20_000);

  it('renders every chunked excerpt with a built-in style under stable, distinct custom_ids', async () => {
    const first = join(work, 'first.jsonl');
    const second = join(work, 'second.jsonl');
    const [a, b] = await Promise.all([
      runCli(['render', '--style', 'TEACHER_STUDENT', excerptsPath, '-o', first]),
      runCli(['render', '--style', 'TEACHER_STUDENT', excerptsPath, '-o', second]),
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stderr).toMatch(new RegExp(`^${excerpts.length} excerpts rendered with builtin:TEACHER_STUDENT@v1`, 'm'));
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));

    const lines = readJsonl<BatchLine>(readFileSync(first, 'utf8'));
    expect(lines).toHaveLength(excerpts.length);
    expect(new Set(lines.map((line) => line.custom_id)).size).toBe(excerpts.length);
    const builtIn = builtInFor('TEACHER_STUDENT').version;
    lines.forEach((line, i) => {
      const excerpt = excerpts[i]!;
      expect(Object.keys(line)).toEqual(['custom_id', 'messages', 'style', 'templateHash', 'templateVersionId', 'placement', 'documentId', 'url', 'index']);
      expect(line.custom_id).toBe(expectedCustomId(`${excerpt.documentId}:${excerpt.index}`, excerpt.text, builtIn.hash));
      expect(line).toMatchObject({ style: 'TEACHER_STUDENT', templateHash: builtIn.hash, templateVersionId: builtIn.id, placement: 'before' });
      expect(line).toMatchObject({ documentId: excerpt.documentId, url: excerpt.url, index: excerpt.index });
      expect(line.messages).toEqual(renderTemplate(builtIn.content, excerpt.text));
    });
  });

  it('moves the context after the instruction with --placement after, under a new hash and new ids', async () => {
    const out = join(work, 'after.jsonl');
    const { code } = await runCli(['render', '--style', 'TEACHER_STUDENT', '--placement', 'after', excerptsPath, '-o', out]);
    expect(code).toBe(0);
    const lines = readJsonl<BatchLine>(readFileSync(out, 'utf8'));
    const builtIn = builtInFor('TEACHER_STUDENT').version;
    const line = lines[0]!;
    const excerpt = excerpts[0]!;
    expect(line.placement).toBe('after');
    expect(line.templateHash).not.toBe(builtIn.hash);
    expect(line.templateVersionId).toBe(builtIn.id);
    const user = line.messages[0]!.content;
    expect(user.startsWith('Rewrite the context as a multi-turn conversation')).toBe(true);
    expect(user.endsWith(`Context:\n${excerpt.text.trim()}`)).toBe(true);
    expect(line.custom_id).toBe(expectedCustomId(`${excerpt.documentId}:${excerpt.index}`, excerpt.text, line.templateHash));
    expect(line.custom_id).not.toBe(expectedCustomId(`${excerpt.documentId}:${excerpt.index}`, excerpt.text, builtIn.hash));
  });

  it('renders a template file exported by the lab: latest by default, or the version picked by --version or --label', async () => {
    const first = createTemplate({
      id: 'qa-baseline',
      name: 'Q&A baseline',
      content: { style: 'QA', system: 'You write study notes.', user: 'Turn the context into questions and answers for {{audience}}.\n\n{{context}}', variables: { audience: 'students' } },
      now: 1,
    });
    const second = saveVersion(first.template, first.version, { ...first.version.content, variables: { audience: 'teachers' } }, 'For teachers.', 2);
    const approved = moveLabel(second.template, 'approved', first.version, 3);
    const file = join(work, 'qa.template.json');
    writeFileSync(file, JSON.stringify(exportTemplate(approved, [first.version, second.version])));
    const input = join(work, 'plain.jsonl');
    writeFileSync(input, `${JSON.stringify({ excerptId: 'e-1', text: 'Since $2+2=4$, four is even.' })}\n`);

    const runs = await Promise.all(
      [[], ['--version', '1'], ['--label', 'approved']].map((pick, i) => runCli(['render', '--template', file, ...pick, input, '-o', join(work, `qa-${i}.jsonl`)])),
    );
    const [latest, byNumber, byLabel] = runs.map((run, i) => {
      expect(run.code).toBe(0);
      return readJsonl<BatchLine>(readFileSync(join(work, `qa-${i}.jsonl`), 'utf8'))[0]!;
    });
    expect(latest).toMatchObject({ style: 'QA', templateVersionId: second.version.id, templateHash: second.version.hash, excerptId: 'e-1', placement: 'after' });
    expect(latest!.messages).toEqual([
      { role: 'system', content: 'You write study notes.' },
      { role: 'user', content: 'Turn the context into questions and answers for teachers.\n\nSince $2+2=4$, four is even.' },
    ]);
    expect(latest!.custom_id).toBe(expectedCustomId('e-1', 'Since $2+2=4$, four is even.', second.version.hash));
    for (const older of [byNumber, byLabel]) {
      expect(older).toMatchObject({ templateVersionId: first.version.id, templateHash: first.version.hash });
      expect(older!.messages[1]!.content).toContain('for students.');
    }

    const edited = join(work, 'edited.template.json');
    writeFileSync(edited, readFileSync(file, 'utf8').replace('for {{audience}}', 'to {{audience}}'));
    const [tampered, missingVersion] = await Promise.all([
      runCli(['render', '--template', edited, input, '-o', join(work, 'never.jsonl')]),
      runCli(['render', '--template', file, '--version', '7', input, '-o', join(work, 'never.jsonl')]),
    ]);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain(`${edited}: version qa-baseline@v1 does not match its hash`);
    expect(missingVersion.code).toBe(2);
    expect(missingVersion.stderr).toContain('has no version 7; it has 1, 2');
    expect(existsSync(join(work, 'never.jsonl'))).toBe(false);
  });

  it('reports bad lines as FILE:LINE: reason, keeps the good ones, and exits 1 when nothing renders', async () => {
    const input = join(work, 'mixed.jsonl');
    const good = { documentId: 'doc', url: null, index: 3, text: 'A prime has exactly two divisors.' };
    writeFileSync(
      input,
      [JSON.stringify(good), '{"text": "unclosed', JSON.stringify({ url: 'https://example.org' }), '', JSON.stringify({ text: '   ' }), JSON.stringify({ id: 9, text: 'Every even square is divisible by 4.' }), JSON.stringify(good)].join('\n'),
    );
    const out = join(work, 'mixed.out.jsonl');
    const onlyBad = join(work, 'bad.jsonl');
    writeFileSync(onlyBad, '[1, 2]\n{"text": 5}\n');
    const [mixed, none] = await Promise.all([
      runCli(['render', '--style', 'TWO_STUDENTS', input, '-o', out]),
      runCli(['render', '--style', 'TWO_STUDENTS', onlyBad, '-o', join(work, 'bad.out.jsonl')]),
    ]);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toContain(`${input}:2: invalid JSON`);
    expect(mixed.stderr).toContain(`${input}:3: text: missing`);
    expect(mixed.stderr).toContain(`${input}:5: text: must not be empty`);
    expect(mixed.stderr).toContain(`${input}:7: same excerpt as ${input}:1, skipped`);
    expect(mixed.stderr).not.toContain(`${input}:4:`);
    expect(readJsonl<BatchLine>(readFileSync(out, 'utf8')).map((line) => line.excerptId ?? line.documentId)).toEqual(['doc', '9']);

    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`${onlyBad}:1: not a JSON object`);
    expect(none.stderr).toContain(`${onlyBad}:2: text: must be a string`);
    expect(existsSync(join(work, 'bad.out.jsonl'))).toBe(false);
  });

  it('refuses an unknown style with exit code 2 and lists the valid ones; writes to stdout with -o -', async () => {
    const input = join(work, 'one.jsonl');
    writeFileSync(input, `${JSON.stringify({ text: 'The sum of two odd numbers is even.' })}\n`);
    const [unknown, both, toStdout] = await Promise.all([
      runCli(['render', '--style', 'THREE_STUDENTS', input, '-o', join(work, 'none.jsonl')]),
      runCli(['render', '--style', 'DEBATE', '--template', 'x.json', input, '-o', '-']),
      runCli(['render', '--style', 'INTERVIEW', input, '-o', '-']),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`unknown style "THREE_STUDENTS"; valid styles: ${STYLE_IDS.join(', ')}`);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give exactly one of --style ID or --template FILE');
    expect(toStdout.code).toBe(0);
    const [line] = readJsonl<BatchLine>(toStdout.stdout);
    expect(line?.custom_id).toBe(expectedCustomId(undefined, 'The sum of two odd numbers is even.', builtInFor('INTERVIEW').version.hash));
  });
});
