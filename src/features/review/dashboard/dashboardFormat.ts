import type { DashboardGroup, QuestionMean } from '../../../core/review/dashboard';
import type { QuestionAgreement } from '../../../core/review/dashboardAgreement';
import type { ShareInterval } from '../../../core/review/dashboardIntervals';

/** What a table cell shows, and the sentence its tooltip gives: how it was computed, or why it is missing. */
export interface Cell {
  text: string;
  title: string;
}

export const MISSING = '—';

/** A share as a percentage: whole percents, one decimal below 10% where small differences matter. */
export function formatShare(share: number): string {
  const percent = share * 100;
  const digits = percent > 0 && percent < 10 && !Number.isInteger(percent) ? 1 : 0;
  return `${percent.toFixed(digits)}%`;
}

const scaleValue = (value: number) => value.toFixed(2);

export function meanCell(mean: QuestionMean): Cell {
  if (mean.mean === null) return { text: MISSING, title: `No submitted answers to "${mean.title}" in this group.` };
  const answers = `${mean.ratings} answer${mean.ratings === 1 ? '' : 's'}`;
  if (mean.low === null || mean.high === null) return { text: scaleValue(mean.mean), title: `One rated dialogue (${answers}): an interval needs two.` };
  return {
    text: `${scaleValue(mean.mean)} [${scaleValue(mean.low)}–${scaleValue(mean.high)}]`,
    title: `Mean over ${mean.n} dialogues (${answers}), each dialogue the mean of its raters; 95% t interval ${scaleValue(mean.low)} to ${scaleValue(mean.high)}.`,
  };
}

export function keepCell(keep: ShareInterval | null, hasKeepQuestion: boolean): Cell {
  if (!hasKeepQuestion) return { text: MISSING, title: 'The rubric has no keep/reject question.' };
  if (!keep) return { text: MISSING, title: 'No submitted keep/reject answers in this group.' };
  return {
    text: `${formatShare(keep.share)} [${formatShare(keep.low)}–${formatShare(keep.high)}]`,
    title: `${keep.successes} of ${keep.n} ratings keep; 95% Wilson interval ${formatShare(keep.low)} to ${formatShare(keep.high)}.`,
  };
}

export function alphaCell(agreement: QuestionAgreement): Cell {
  const units = `${agreement.units} unit${agreement.units === 1 ? '' : 's'}`;
  if (agreement.alpha === null) {
    const why = agreement.units === 0 ? 'α needs two raters on the same dialogue: no dialogue in this group has two submitted answers to this question.' : (agreement.reason ?? 'α is undefined here.');
    return { text: MISSING, title: why };
  }
  return {
    text: `${agreement.alpha.toFixed(2)} (${units})`,
    title: `Krippendorff's α (${agreement.level}) over ${units}: dialogues with answers from two or more raters (${agreement.pairs} answers).`,
  };
}

export function dialoguesCell(group: DashboardGroup): Cell {
  return { text: String(group.dialogues), title: `${group.ratedDialogues} rated, ${group.ratings} submitted rating${group.ratings === 1 ? '' : 's'} counted.` };
}

export function passRateCell(group: DashboardGroup): Cell {
  const passed = Math.round(group.filterPassRate * group.dialogues);
  return { text: formatShare(group.filterPassRate), title: `${passed} of ${group.dialogues} dialogues pass MIND's filters.` };
}

export function lengthRatioCell(group: DashboardGroup): Cell {
  return { text: `${group.meanLengthRatio.toFixed(2)}×`, title: 'Mean of dialogue words ÷ excerpt words.' };
}

export function newNumberCell(group: DashboardGroup): Cell {
  return { text: formatShare(group.meanNewNumberRate), title: 'Mean share of the numbers in a dialogue that its excerpt lacks (candidates for hallucination).' };
}
