import type { DashboardDialogue } from '../../../core/review/dashboard';
import type { DialogueAnalysisRecord } from '../../../core/records/review';

/** What the dashboard reads of a dialogue's analysis: its facets, whether it passed the filters, two signals. */
export function dashboardDialogue(analysis: DialogueAnalysisRecord): DashboardDialogue {
  return {
    dialogueId: analysis.dialogueId,
    style: analysis.style,
    templateVersionId: analysis.templateVersionId,
    modelKey: analysis.modelKey,
    filterPass: analysis.filters.pass,
    lengthRatio: analysis.signals.lengthRatio,
    newNumberRate: analysis.signals.newNumberRate,
  };
}
