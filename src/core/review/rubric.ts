import { z } from 'zod';

/**
 * A rubric: the questions a reviewer answers about one dialogue. Scale questions take integers in [min, max] (keys
 * 1–9 pick them); choice questions take one label (keys pick them in order); tags take any of a list; text is free.
 * Agreement is computed per question: scales are ordinal or interval, choices nominal.
 */
const questionBase = {
  id: z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,39}$/, 'a short id: a letter, then letters, digits, - or _'),
  title: z.string().min(1).max(120),
  help: z.string().max(500).default(''),
  required: z.boolean().default(false),
};

export const scaleQuestionSchema = z.object({
  ...questionBase,
  kind: z.literal('scale'),
  min: z.number().int().min(0).max(9),
  max: z.number().int().min(1).max(9),
  /** How agreement treats the numbers. */
  level: z.enum(['ordinal', 'interval']).default('ordinal'),
});

export const choiceQuestionSchema = z.object({
  ...questionBase,
  kind: z.literal('choice'),
  options: z.array(z.string().min(1).max(40)).min(2).max(9),
});

export const tagsQuestionSchema = z.object({
  ...questionBase,
  kind: z.literal('tags'),
  options: z.array(z.string().min(1).max(40)).min(1).max(30),
});

export const textQuestionSchema = z.object({ ...questionBase, kind: z.literal('text') });

export const rubricQuestionSchema = z.discriminatedUnion('kind', [scaleQuestionSchema, choiceQuestionSchema, tagsQuestionSchema, textQuestionSchema]);

export const rubricSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1).max(80),
    questions: z.array(rubricQuestionSchema).min(1).max(20),
    /** The choice question whose first option means "keep" (MIND's keep/reject decision); null when none. */
    keepQuestionId: z.string().nullable(),
  })
  .superRefine((rubric, ctx) => {
    const ids = new Set<string>();
    rubric.questions.forEach((q, index) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `Question id "${q.id}" is used twice.` });
      ids.add(q.id);
      if (q.kind === 'scale' && q.min >= q.max) ctx.addIssue({ code: 'custom', path: ['questions', index, 'max'], message: 'max must be above min.' });
    });
    if (rubric.keepQuestionId !== null) {
      const keep = rubric.questions.find((q) => q.id === rubric.keepQuestionId);
      if (!keep || keep.kind !== 'choice') ctx.addIssue({ code: 'custom', path: ['keepQuestionId'], message: 'The keep question must be a choice question of this rubric.' });
    }
  });

export type ScaleQuestion = z.infer<typeof scaleQuestionSchema>;
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
export type RubricQuestion = z.infer<typeof rubricQuestionSchema>;
export type Rubric = z.infer<typeof rubricSchema>;

/** An answer: a scale's integer, a choice's label, tags, or text; null when left unanswered. */
export const answerSchema = z.union([z.number().int(), z.string().max(5_000), z.array(z.string().max(40)).max(30), z.null()]);
export type Answer = z.infer<typeof answerSchema>;
export type Answers = Record<string, Answer>;

export const KEEP = 'keep';
export const REJECT = 'reject';

/** The default rubric: what MIND's quality hinges on (faithfulness, correct math, a knowledge gap) plus keep/reject. */
export const DEFAULT_RUBRIC: Rubric = rubricSchema.parse({
  id: 'mind-default',
  name: 'MIND review',
  keepQuestionId: 'keep',
  questions: [
    { id: 'faithfulness', kind: 'scale', min: 1, max: 5, title: 'Faithful to the source', help: 'Does every fact, number and formula come from the excerpt (or follow from it)?' },
    { id: 'math', kind: 'scale', min: 1, max: 5, title: 'Math correctness', help: 'Are the steps, results and formulas right?' },
    { id: 'knowledgeGap', kind: 'choice', options: ['yes', 'no'], title: 'Knowledge gap between speakers', help: 'Does one speaker explain to another who knows less?' },
    { id: 'styleFit', kind: 'scale', min: 1, max: 5, title: 'Fits its style', help: 'Does it read like the style it was asked for?' },
    { id: 'keep', kind: 'choice', options: [KEEP, REJECT], title: 'Keep or reject', help: 'Would this dialogue go into the training data?', required: true },
    { id: 'tags', kind: 'tags', options: ['hallucination', 'math error', 'off topic', 'repetitive', 'meta talk', 'great example'], title: 'Tags' },
    { id: 'note', kind: 'text', title: 'Note' },
  ],
});

/** A message per answer that does not fit its question (null when all fit); unknown question ids are refused too. */
export function answerProblems(rubric: Rubric, answers: Answers): string[] {
  const problems: string[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const question = rubric.questions.find((q) => q.id === id);
    if (!question) {
      problems.push(`"${id}" is not a question of the rubric "${rubric.name}".`);
      continue;
    }
    if (value === null) continue;
    switch (question.kind) {
      case 'scale':
        if (typeof value !== 'number' || value < question.min || value > question.max) problems.push(`${question.title}: ${JSON.stringify(value)} is not a whole number from ${question.min} to ${question.max}.`);
        break;
      case 'choice':
        if (typeof value !== 'string' || !question.options.includes(value)) problems.push(`${question.title}: ${JSON.stringify(value)} is not one of ${question.options.join(', ')}.`);
        break;
      case 'tags':
        if (!Array.isArray(value) || value.some((tag) => !question.options.includes(tag))) problems.push(`${question.title}: only ${question.options.join(', ')}.`);
        break;
      case 'text':
        if (typeof value !== 'string') problems.push(`${question.title}: text expected.`);
        break;
    }
  }
  return problems;
}

/** Required questions still unanswered, by title: a submission needs none. */
export function missingRequired(rubric: Rubric, answers: Answers): string[] {
  return rubric.questions.filter((q) => q.required && (answers[q.id] === undefined || answers[q.id] === null || answers[q.id] === '')).map((q) => q.title);
}
