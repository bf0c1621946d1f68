// What bench/suites/review-desk.mjs seeds, in one module for one module runner: the published MIND dialogues, each
// made as it would come from several models and template versions, with the analysis the app itself would store.
import { parseTurns } from '../../src/core/dialogue/parseTurns';
import { dialogueRecordSchema, type DialogueRecord } from '../../src/core/records/dialogue';
import { dialogueAnalysisRecordSchema, type DialogueAnalysisRecord } from '../../src/core/records/review';
import { analysisRecordFor } from '../../src/core/review/analysisRecord';
import { DEFAULT_FILTER_THRESHOLDS, thresholdsHash } from '../../src/core/review/filters';
import { STYLE_IDS, STYLES, type StyleId } from '../../src/core/styles';
import { builtInFor } from '../../src/core/templates/builtins';
import { templateRecordSchema, templateVersionRecordSchema, type TemplateRecord, type TemplateVersionRecord } from '../../src/core/templates/schema';
import { hashTemplateContent, renderTemplate } from '../../src/core/templates/variables';

export { dialogueRecordSchema, dialogueAnalysisRecordSchema, thresholdsHash, DEFAULT_FILTER_THRESHOLDS };

interface PaperDialogue {
  style: string;
  context: string;
  dialogue: string;
}

const MODELS = [
  { engine: 'openai', model: 'llama3-70b-instruct', tokensPerSecond: 28 },
  { engine: 'webllm', model: 'Llama-3.2-3B-Instruct-q4f16_1-MLC', tokensPerSecond: 41 },
  { engine: 'wllama', model: 'qwen2.5-1.5b-instruct-q4_k_m.gguf', tokensPerSecond: 12 },
] as const;

const FORKED_AT = Date.UTC(2026, 0, 15);

/** A user's fork of each built-in template that also asks for LaTeX: the second template version of every style. */
function latexFork(style: StyleId): { template: TemplateRecord; version: TemplateVersionRecord } {
  const parent = builtInFor(style).version;
  const content = { ...parent.content, user: `${parent.content.user}\nWrite every formula in LaTeX between dollar signs.` };
  const templateId = `bench-latex-${style.toLowerCase()}`;
  const version = templateVersionRecordSchema.parse({
    id: `${templateId}@v1`,
    templateId,
    number: 1,
    hash: hashTemplateContent(content),
    parentId: parent.id,
    note: 'Asks for LaTeX.',
    createdAt: FORKED_AT,
    content,
  });
  const template = templateRecordSchema.parse({
    id: templateId,
    name: `${STYLES[style].label}, LaTeX`,
    description: 'Forked to ask for LaTeX formulas.',
    builtIn: false,
    labels: { latest: version.id },
    forkedFrom: parent.id,
    createdAt: FORKED_AT,
    updatedAt: FORKED_AT,
  });
  return { template, version };
}

/** How a model's output can differ from the published text: as is, other numbers, cut off at max tokens, meta talk. */
const TEXT_VARIANTS = [
  { name: 'as published', apply: (text: string) => ({ text, finishReason: 'stop' as const }) },
  { name: 'numbers changed', apply: (text: string) => ({ text: text.replace(/\d+/g, (digits) => String(Number(digits) + 3)), finishReason: 'stop' as const }) },
  { name: 'cut off', apply: (text: string) => ({ text: text.slice(0, Math.floor(text.length * 0.6)), finishReason: 'length' as const }) },
  { name: 'meta talk', apply: (text: string) => ({ text: `Sure! Here is the conversation based on the context:\n\n${text}`, finishReason: 'stop' as const }) },
];

export interface SeedPrototype {
  /** A dialogue without its id, creation time and seed, which each copy gets its own. */
  dialogue: Omit<DialogueRecord, 'id' | 'createdAt' | 'seed'>;
  /** Its analysis without the dialogue's id and creation time. */
  analysis: Omit<DialogueAnalysisRecord, 'dialogueId' | 'createdAt'>;
}

/**
 * Every (dialogue, model, template version, text variant) once, each a valid dialogue record with the analysis the app
 * would compute for it (the real analysisRecordFor with the default thresholds). Copies differ only in id, time and
 * seed, which the analysis does not read, so the seeder reuses one analysis per prototype.
 */
export function seedPrototypes(papers: readonly PaperDialogue[]): { prototypes: SeedPrototype[]; templates: TemplateRecord[]; versions: TemplateVersionRecord[] } {
  const forks = new Map(STYLE_IDS.map((style) => [style, latexFork(style)]));
  const prototypes: SeedPrototype[] = [];
  for (const [paperIndex, paper] of papers.entries()) {
    const style = paper.style as StyleId;
    if (!STYLE_IDS.includes(style)) throw new Error(`Unknown style ${paper.style}`);
    const versions = [builtInFor(style).version, forks.get(style)!.version];
    for (const [modelIndex, model] of MODELS.entries())
      for (const version of versions)
        for (const variant of TEXT_VARIANTS) {
          const { text, finishReason } = variant.apply(paper.dialogue);
          const completionTokens = Math.round(text.split(/\s+/).filter(Boolean).length * 1.3);
          const turns = parseTurns(text);
          const dialogue = dialogueRecordSchema.parse({
            id: 'prototype',
            createdAt: 0,
            style,
            templateVersionId: version.id,
            templateHash: version.hash,
            excerptText: paper.context,
            url: null,
            prompt: renderTemplate(version.content, paper.context),
            engine: model.engine,
            model: model.model,
            modelKey: `${model.engine}:${model.model}`,
            params: { temperature: [0.7, 1, 0.3][(paperIndex + modelIndex) % 3], topP: 0.95, maxTokens: finishReason === 'length' ? completionTokens : 1024, seed: 0, stop: [] },
            seed: 0,
            rawOutput: text,
            turns,
            stats: {
              promptTokens: 300 + Math.round(paper.context.length / 4),
              completionTokens,
              timeToFirstTokenMs: 150 + 40 * modelIndex,
              decodeTokensPerSecond: model.tokensPerSecond,
              totalMs: Math.round((completionTokens / model.tokensPerSecond) * 1000),
              finishReason,
            },
            checks: { pass: finishReason === 'stop', reasons: finishReason === 'stop' ? [] : ['The model stopped at max tokens.'], speakers: new Set(turns.map((t) => t.speaker).filter(Boolean)).size },
            status: finishReason === 'stop' ? 'complete' : 'truncated',
          });
          const { id: _id, createdAt: _createdAt, seed: _seed, ...rest } = dialogue;
          const { dialogueId: _dialogueId, createdAt: _analysisCreatedAt, ...analysis } = dialogueAnalysisRecordSchema.parse(
            analysisRecordFor(dialogue, null, DEFAULT_FILTER_THRESHOLDS, FORKED_AT),
          );
          prototypes.push({ dialogue: rest, analysis });
        }
  }
  return { prototypes, templates: [...forks.values()].map((f) => f.template), versions: [...forks.values()].map((f) => f.version) };
}
