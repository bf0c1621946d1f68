import type { DialogueRecord } from '../records/dialogue';
import type { DialogueAnalysisRecord, RatingRecord, RatingStatus } from '../records/review';
import { DEFAULT_RUBRIC, type Answers } from '../review/rubric';
import type { DialogueTurn } from '../types';
import type { ExportItem } from './exportItem';

/** Test dialogues: what each test varies is a parameter, everything else a plausible constant. */
export interface ItemSpec {
  id: string;
  style?: string;
  model?: string;
  excerpt?: string;
  turns?: DialogueTurn[];
  editedTurns?: DialogueTurn[];
  /** [rater, keep answer, status (submitted unless said), faithfulness] */
  ratings?: [string, 'keep' | 'reject' | null, RatingStatus?, number?][];
  filterPass?: boolean | null;
  runId?: string;
  url?: string | null;
  document?: { id: string; hash: string } | null;
}

export const TURNS: DialogueTurn[] = [
  { speaker: 'Teacher', text: 'What is $2+2$?' },
  { speaker: 'Student', text: 'It is 4.' },
  { speaker: 'Teacher', text: 'Right: $2+2=4$.' },
];

export function rating(dialogueId: string, rater: string, keep: 'keep' | 'reject' | null, status: RatingStatus = 'submitted', faithfulness?: number): RatingRecord {
  const answers: Answers = { keep };
  if (faithfulness !== undefined) answers.faithfulness = faithfulness;
  return { id: `${dialogueId}-${rater}`, dialogueId, rater, rubricId: DEFAULT_RUBRIC.id, status, answers, createdAt: 1, updatedAt: 1 };
}

export function makeItem(spec: ItemSpec): ExportItem {
  const turns = spec.turns ?? TURNS;
  const model = spec.model ?? 'tiny';
  const dialogue: DialogueRecord = {
    id: spec.id,
    createdAt: 1_700_000_000_000,
    style: spec.style ?? 'TEACHER_STUDENT',
    templateVersionId: 'builtin-teacher-v1',
    templateHash: 'abc123',
    excerptText: spec.excerpt ?? 'Two plus two is four.',
    url: spec.url === undefined ? 'https://example.org/page' : spec.url,
    prompt: [{ role: 'user', content: 'Rewrite as a dialogue.' }],
    engine: 'wllama',
    model,
    modelKey: `wllama:${model}`,
    params: { temperature: 0.7, topP: 0.9, maxTokens: 512, seed: 7, stop: ['</s>'] },
    seed: 7,
    ...(spec.runId ? { runId: spec.runId } : {}),
    rawOutput: turns.map((t) => `${t.speaker}: ${t.text}`).join('\n\n'),
    turns,
    stats: { promptTokens: 10, completionTokens: 20, timeToFirstTokenMs: 5, decodeTokensPerSecond: 50, totalMs: 100, finishReason: 'stop' },
    checks: { pass: true, reasons: [], speakers: 2 },
    status: 'complete',
  };
  const filterPass = spec.filterPass === undefined ? true : spec.filterPass;
  const analysis: DialogueAnalysisRecord | null =
    filterPass === null
      ? null
      : {
          dialogueId: spec.id,
          createdAt: dialogue.createdAt,
          style: dialogue.style,
          runId: dialogue.runId ?? null,
          templateVersionId: dialogue.templateVersionId,
          modelKey: dialogue.modelKey,
          excerptKey: 'x',
          edited: spec.editedTurns !== undefined,
          thresholdsHash: 'h',
          filters: { pass: filterPass, reasons: filterPass ? [] : [{ filter: 'too-short', message: 'Too short.' }] },
          signals: {
            numbers: { source: 0, kept: [], introduced: [] },
            formulas: { source: 0, kept: [], introduced: [] },
            variables: { source: 0, kept: [], introduced: [] },
            terms: { source: 0, kept: [], introduced: [] },
            mathCoverage: 1,
            lengthRatio: 1,
            newNumberRate: 0,
          },
          computedAt: 1,
        };
  return {
    dialogue,
    edit: spec.editedTurns ? { dialogueId: spec.id, turns: spec.editedTurns, history: [], cursor: 0, updatedAt: 1 } : null,
    analysis,
    ratings: (spec.ratings ?? []).map(([rater, keep, status, faithfulness]) => rating(spec.id, rater, keep, status, faithfulness)),
    document: spec.document === undefined ? null : spec.document,
  };
}

/** Items in memory as pages of `size`, like a source reads them. */
export async function* pagesOf<T>(items: readonly T[], size = 2): AsyncGenerator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}
