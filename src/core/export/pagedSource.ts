import type { PreferenceRecord } from '../records/review';
import type { FilterThresholds } from '../review/filters';
import type { Rubric } from '../review/rubric';
import { itemFacets, type ExportItem } from './exportItem';
import { selectDialogues, type Selection } from './selection';
import type { ExportSource } from './writeExport';

/**
 * A source over a stream of pages that can be read again from the start (a file read anew, pages of a table):
 * every pass filters it with the selection a page at a time, so nothing but a page is held.
 */
export function pagedSource(input: {
  rubric: Rubric;
  thresholds: FilterThresholds | null;
  readPages: () => AsyncIterable<ExportItem[]>;
  preferences?: readonly PreferenceRecord[];
}): ExportSource {
  const pages = (selection: Selection) => selectDialogues(input.readPages(), selection, (item) => itemFacets(item, input.rubric));
  return {
    rubric: input.rubric,
    thresholds: input.thresholds,
    pages,
    async count(selection) {
      let count = 0;
      for await (const page of pages(selection)) count += page.length;
      return count;
    },
    async preferences() {
      return [...(input.preferences ?? [])];
    },
  };
}
