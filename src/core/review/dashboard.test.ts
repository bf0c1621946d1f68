import { describe, expect, it } from 'vitest';
import type { RatingRecord } from '../records/review';
import { dashboardGroups, type DashboardDialogue } from './dashboard';
import { agreementByQuestion, answerValue, countedRatings } from './dashboardAgreement';
import { DEFAULT_RUBRIC, type Answers, type ScaleQuestion } from './rubric';

const T_975_2DF = 4.302653; // t table: 0.975 quantile with 2 degrees of freedom

let nextId = 0;
function rating(dialogueId: string, rater: string, answers: Answers, status: RatingRecord['status'] = 'submitted', updatedAt = 1, rubricId = DEFAULT_RUBRIC.id): RatingRecord {
  nextId += 1;
  return { id: `r${nextId}`, dialogueId, rater, rubricId, status, answers, createdAt: 0, updatedAt };
}

function dialogue(dialogueId: string, style: string, modelKey: string, filterPass: boolean, lengthRatio: number, newNumberRate: number): DashboardDialogue {
  return { dialogueId, style, templateVersionId: `${style}@1`, modelKey, filterPass, lengthRatio, newNumberRate };
}

const dialogues = [
  dialogue('d1', 'TWO_STUDENTS', 'wllama:a', true, 1.5, 0),
  dialogue('d2', 'TWO_STUDENTS', 'wllama:a', true, 2.5, 0.2),
  dialogue('d3', 'TWO_STUDENTS', 'openai:b', false, 2, 0.1),
  dialogue('d4', 'DEBATE', 'openai:b', false, 0.5, 0.5),
];

const ratings = [
  rating('d1', 'ann', { faithfulness: 4, keep: 'keep' }),
  rating('d1', 'bob', { faithfulness: 5, keep: 'keep' }),
  rating('d1', 'cy', { faithfulness: 1, keep: 'reject' }, 'draft'),
  // bob changed his mind on d2: only the later submission counts.
  rating('d2', 'bob', { faithfulness: 5, keep: 'keep' }, 'submitted', 1),
  rating('d2', 'bob', { faithfulness: 2, keep: 'keep' }, 'submitted', 2),
  rating('d2', 'ann', { faithfulness: 2, keep: 'reject' }),
  rating('d3', 'ann', { faithfulness: 3, keep: 'keep' }),
  rating('d4', 'ann', { faithfulness: 1, keep: 'reject' }),
  rating('d4', 'bob', { faithfulness: 5, keep: 'keep' }, 'discarded'),
  // Another rubric's answers and a dialogue outside the rows.
  rating('d4', 'cy', { faithfulness: 5, keep: 'keep' }, 'submitted', 1, 'other-rubric'),
  rating('d9', 'ann', { faithfulness: 5, keep: 'keep' }),
  rating('d9', 'bob', { faithfulness: 5, keep: 'keep' }),
];

describe('countedRatings', () => {
  it('keeps submitted ratings of this rubric, the latest per rater and dialogue', () => {
    const counted = countedRatings(ratings, DEFAULT_RUBRIC);
    expect(counted).toHaveLength(8);
    expect(counted.find((r) => r.dialogueId === 'd2' && r.rater === 'bob')?.answers.faithfulness).toBe(2);
  });
});

describe('answerValue', () => {
  const faithfulness = DEFAULT_RUBRIC.questions[0] as ScaleQuestion;
  it('takes whole numbers in the scale and choice options, nothing else', () => {
    expect(answerValue(faithfulness, 3)).toBe(3);
    expect(answerValue(faithfulness, 9)).toBeNull();
    expect(answerValue(faithfulness, 2.5)).toBeNull();
    expect(answerValue(faithfulness, '3')).toBeNull();
    expect(answerValue(faithfulness, undefined)).toBeNull();
  });
});

describe('dashboardGroups by style', () => {
  const [debate, twoStudents] = dashboardGroups(dialogues, ratings, DEFAULT_RUBRIC, 'style');

  it('groups dialogues sorted by key, with counts, filter pass rate and mean signals', () => {
    expect(twoStudents).toMatchObject({ key: 'TWO_STUDENTS', dialogues: 3, ratedDialogues: 3, ratings: 5, filterPassRate: 2 / 3, meanLengthRatio: 2 });
    expect(twoStudents!.meanNewNumberRate).toBeCloseTo(0.1, 12);
    expect(debate).toMatchObject({ key: 'DEBATE', dialogues: 1, ratedDialogues: 1, ratings: 1, filterPassRate: 0, meanLengthRatio: 0.5, meanNewNumberRate: 0.5 });
  });

  it('means a scale question over dialogues (each the mean of its raters) with a t interval', () => {
    // Dialogue means 4.5, 2, 3: mean 19/6, s² = 19/12, half-width t(0.975, 2) · √(s²/3).
    const faithfulness = twoStudents!.means.find((m) => m.questionId === 'faithfulness')!;
    const half = T_975_2DF * Math.sqrt(19 / 12 / 3);
    expect(faithfulness).toMatchObject({ n: 3, ratings: 5 });
    expect(faithfulness.mean).toBeCloseTo(19 / 6, 12);
    // 19/6 ± 3.13 reaches past the 1–5 scale on both sides: the interval stops at its ends.
    expect(19 / 6 - half).toBeLessThan(1);
    expect(19 / 6 + half).toBeGreaterThan(5);
    expect(faithfulness.low).toBe(1);
    expect(faithfulness.high).toBe(5);
    // A question nobody answered is listed with no mean; choice questions have no mean.
    expect(twoStudents!.means.map((m) => m.questionId)).toEqual(['faithfulness', 'math', 'styleFit']);
    expect(twoStudents!.means[1]).toMatchObject({ mean: null, low: null, high: null, n: 0, ratings: 0 });
    expect(debate!.means[0]).toMatchObject({ mean: 1, low: null, high: null, n: 1 });
  });

  it('gives the keep rate over ratings with a Wilson interval', () => {
    // keep, keep, reject (ann on d2), keep (bob's later d2), keep (d3): 4 of 5.
    expect(twoStudents!.keepRate).toMatchObject({ successes: 4, n: 5, share: 0.8 });
    expect(twoStudents!.keepRate!.low).toBeCloseTo(0.3755, 4);
    expect(twoStudents!.keepRate!.high).toBeCloseTo(0.9638, 4);
    expect(debate!.keepRate).toMatchObject({ successes: 0, n: 1 });
  });

  it("gives Krippendorff's α per question within the group, at the question's level", () => {
    const faithfulness = twoStudents!.agreement.find((a) => a.questionId === 'faithfulness')!;
    // Pairable units d1 (4, 5) and d2 (2, 2); d3 has one rating. Ordinal over the values seen (n_2 = 2, n_4 = 1,
    // n_5 = 1): δ²(4,5) = (2 − 1)² = 1, δ²(2,4) = (3 − 1.5)² = 2.25, δ²(2,5) = (4 − 1.5)² = 6.25.
    // D_o = 2 · 1 / 4 = 0.5; D_e = 2 (1 · 1 · 1 + 2 · 1 · 2.25 + 2 · 1 · 6.25) / (4 · 3) = 3 → α = 5/6.
    expect(faithfulness).toMatchObject({ level: 'ordinal', units: 2, pairs: 4 });
    expect(faithfulness.alpha).toBeCloseTo(5 / 6, 12);
    // keep (nominal): d1 agrees, d2 splits; n_keep = 3, n_reject = 1 → D_o = 2/4, D_e = 2 · 3 / 12 → α = 0.
    const keep = twoStudents!.agreement.find((a) => a.questionId === 'keep')!;
    expect(keep.level).toBe('nominal');
    expect(keep.alpha).toBeCloseTo(0, 12);
    expect(debate!.agreement.find((a) => a.questionId === 'faithfulness')).toMatchObject({ alpha: null, units: 0 });
  });
});

describe('dashboardGroups by model and template version', () => {
  it('groups by the chosen key', () => {
    expect(dashboardGroups(dialogues, ratings, DEFAULT_RUBRIC, 'modelKey').map((g) => [g.key, g.dialogues, g.ratings])).toEqual([
      ['openai:b', 2, 2],
      ['wllama:a', 2, 4],
    ]);
    expect(dashboardGroups(dialogues, ratings, DEFAULT_RUBRIC, 'templateVersionId').map((g) => g.key)).toEqual(['DEBATE@1', 'TWO_STUDENTS@1']);
  });

  it('has no keep rate without a keep question', () => {
    const [group] = dashboardGroups(dialogues.slice(0, 1), ratings, { ...DEFAULT_RUBRIC, keepQuestionId: null }, 'style');
    expect(group!.keepRate).toBeNull();
  });

  it('is empty without dialogues', () => {
    expect(dashboardGroups([], ratings, DEFAULT_RUBRIC, 'style')).toEqual([]);
  });
});

describe('agreementByQuestion', () => {
  it('covers every rated dialogue, in rubric order, for scale and choice questions only', () => {
    const agreement = agreementByQuestion(ratings, DEFAULT_RUBRIC);
    expect(agreement.map((a) => [a.questionId, a.level])).toEqual([
      ['faithfulness', 'ordinal'],
      ['math', 'ordinal'],
      ['knowledgeGap', 'nominal'],
      ['styleFit', 'ordinal'],
      ['keep', 'nominal'],
    ]);
    // d1, d2 and d9 have two counted ratings each.
    expect(agreement[0]).toMatchObject({ units: 3, pairs: 6 });
    expect(agreement[1]).toMatchObject({ alpha: null, units: 0 });
    expect(agreement[1]!.reason).toMatch(/no pair/);
  });
});
