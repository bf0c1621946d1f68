// What bench/suites/export.mjs measures, in one module for one module runner: the export core, and the dialogues
// it exports, built from the published MIND dialogues (as the review bench builds them).
import { parseTurns } from '../../src/core/dialogue/parseTurns';
import type { ExportItem } from '../../src/core/export';
import { DEFAULT_RUBRIC } from '../../src/core/review/rubric';
import { STYLE_IDS } from '../../src/core/styles';
import { benchDialogue } from './review.core';

export { countingTree, pagedSource, writeExport, zipTree } from '../../src/core/export';
export { DEFAULT_RUBRIC } from '../../src/core/review/rubric';

/** Dialogues per excerpt: the candidates of a preference pair. */
const PER_EXCERPT = 4;

/**
 * Export item `index`: a bench dialogue with a style and model by index, an excerpt shared by PER_EXCERPT
 * dialogues, one or two raters (keep or reject by index), an edit on every tenth, and its filter outcome.
 */
export function benchItem(real: readonly { context: string; dialogue: string }[], index: number): ExportItem {
  const { text } = benchDialogue(real, index);
  const group = Math.floor(index / PER_EXCERPT);
  const excerptText = `${real[group % real.length]!.context}\n\n(Excerpt ${group}.)`;
  const turns = parseTurns(text);
  const id = `bench-${String(index).padStart(6, '0')}`;
  const model = index % 3 === 0 ? 'llama3-70b-instruct' : 'qwen2.5-1.5b-instruct';
  const dialogue = {
    id,
    createdAt: 1_700_000_000_000 + index,
    style: STYLE_IDS[index % STYLE_IDS.length]!,
    templateVersionId: `builtin-${index % STYLE_IDS.length}`,
    templateHash: 'f'.repeat(64),
    excerptText,
    url: `https://example.org/math/${Math.floor(index / PER_EXCERPT)}`,
    prompt: [{ role: 'user' as const, content: 'Rewrite as a dialogue.' }],
    engine: 'openai' as const,
    model,
    modelKey: `openai:${model}`,
    params: { temperature: 0.7, topP: 0.95, maxTokens: 1024, seed: 42 + index, stop: [] },
    seed: 42 + index,
    rawOutput: text,
    turns,
    stats: { promptTokens: 400, completionTokens: 600, timeToFirstTokenMs: 100, decodeTokensPerSecond: 30, totalMs: 5000, finishReason: 'stop' as const },
    checks: { pass: true, reasons: [], speakers: 2 },
    status: 'complete' as const,
  };
  const edit = index % 10 === 0 ? { dialogueId: id, turns: turns.slice(0, -1), history: [], cursor: 0, updatedAt: 1 } : null;
  const raters = index % 5 === 0 ? ['ana', 'ben'] : ['ana'];
  const ratings = raters.map((rater, r) => ({
    id: `${id}-${rater}`,
    dialogueId: id,
    rater,
    rubricId: DEFAULT_RUBRIC.id,
    status: 'submitted' as const,
    answers: { keep: (index + r) % 3 === 0 ? 'reject' : 'keep', faithfulness: 1 + ((index + r) % 5), math: 1 + (index % 5), styleFit: 3 },
    createdAt: 1,
    updatedAt: 1,
  }));
  // The filters' outcome by index: the review bench measures the filters, this one the export.
  const pass = index % 4 !== 3;
  const none = { source: 0, kept: [], introduced: [] };
  const analysis = {
    dialogueId: id, createdAt: dialogue.createdAt, style: dialogue.style, runId: null, templateVersionId: dialogue.templateVersionId, modelKey: dialogue.modelKey,
    excerptKey: `text:${index >> 2}`, edited: edit !== null, thresholdsHash: 'bench',
    filters: { pass, reasons: pass ? [] : [{ filter: 'repetition' as const, message: 'The same line comes back 5 times.' }] },
    signals: { numbers: none, formulas: none, variables: none, terms: none, mathCoverage: 1, lengthRatio: 1, newNumberRate: 0 },
    computedAt: 1,
  };
  return { dialogue, edit, analysis, ratings, document: { id: String(Math.floor(index / PER_EXCERPT)), hash: 'd'.repeat(64) } };
}

/** Item `index` from a pool item: its own id, and its own excerpt (for pairs), the rest shared. */
export function copyOfItem(item: ExportItem, index: number): ExportItem {
  const id = `bench-${String(index).padStart(6, '0')}`;
  const excerptText = `${item.dialogue.excerptText}\n(Copy ${Math.floor(index / PER_EXCERPT)}.)`;
  return { ...item, dialogue: { ...item.dialogue, id, excerptText }, analysis: item.analysis && { ...item.analysis, dialogueId: id } };
}
