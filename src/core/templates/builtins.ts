import { STYLE_IDS, STYLES, type StyleId } from '../styles';
import { hashTemplateContent } from './variables';
import { LATEST, type TemplateContent, type TemplateRecord, type TemplateVersionRecord } from './schema';

/**
 * The seven MIND styles in the lab's own words: the paper's three asks (the conversation style, keep every step of
 * the math, stay faithful) with the context first, as in the paper. Speaker labels are fixed ("Name: text" on its
 * own line) so parseTurns can split the answer.
 *
 * Version 1 of each reproduces, character for character, the prompt of dialogues stored before templates existed;
 * the database upgrade points those dialogues at it. Never edit a published built-in version: add a new one.
 */
function builtInContent(style: StyleId): TemplateContent {
  const info = STYLES[style];
  return {
    style,
    system: '',
    user: [
      'Context:\n{{context}}',
      '',
      `Rewrite the context as a multi-turn conversation in which ${info.setting}.`,
      'Write each turn on its own line starting with the speaker name and a colon, alternating "{{speakerA}}:" and "{{speakerB}}:".',
      'Keep every formula, number and reasoning step of the context, and explain the steps one at a time.',
      'Stay faithful to the context: add no facts that are not in it.',
    ].join('\n'),
    variables: { speakerA: info.speakers[0], speakerB: info.speakers[1] },
  };
}

/** Built-in templates are created at one fixed time so every browser and the CLI agree on their records. */
const BUILT_IN_CREATED_AT = Date.UTC(2026, 0, 1);

export const builtInTemplateId = (style: StyleId) => `builtin:${style}`;
export const builtInVersionId = (style: StyleId) => `${builtInTemplateId(style)}@v1`;

export interface BuiltInTemplate {
  template: TemplateRecord;
  version: TemplateVersionRecord;
}

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = STYLE_IDS.map((style) => {
  const content = builtInContent(style);
  const info = STYLES[style];
  const version: TemplateVersionRecord = {
    id: builtInVersionId(style),
    templateId: builtInTemplateId(style),
    number: 1,
    hash: hashTemplateContent(content),
    parentId: null,
    note: 'Built in.',
    createdAt: BUILT_IN_CREATED_AT,
    content,
  };
  const template: TemplateRecord = {
    id: builtInTemplateId(style),
    name: info.label,
    description: `${info.setting[0]?.toUpperCase()}${info.setting.slice(1)}.${info.knowledgeGap ? ' The speakers differ in knowledge, which MIND found helps most.' : ''}`,
    builtIn: true,
    labels: { [LATEST]: version.id },
    forkedFrom: null,
    createdAt: BUILT_IN_CREATED_AT,
    updatedAt: BUILT_IN_CREATED_AT,
  };
  return { template, version };
});

export function builtInFor(style: StyleId): BuiltInTemplate {
  const found = BUILT_IN_TEMPLATES.find((t) => t.version.content.style === style);
  if (!found) throw new Error(`No built-in template for style ${style}.`);
  return found;
}
