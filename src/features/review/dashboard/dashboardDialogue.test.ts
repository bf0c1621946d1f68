import { describe, expect, it } from 'vitest';
import type { DialogueAnalysisRecord } from '../../../core/records/review';
import { dashboardDialogue } from './dashboardDialogue';

const kept = { source: 0, kept: [], introduced: [] };

describe('dashboardDialogue', () => {
  it('takes the facets, the filter outcome and the two signals of an analysis', () => {
    const analysis: DialogueAnalysisRecord = {
      dialogueId: 'd1',
      createdAt: 1,
      style: 'DEBATE',
      runId: null,
      templateVersionId: 'debate@v2',
      modelKey: 'wllama:tiny',
      excerptKey: 'x',
      edited: false,
      thresholdsHash: 'h',
      filters: { pass: false, reasons: [{ filter: 'too-short', message: 'Too short.' }] },
      signals: { numbers: kept, formulas: kept, variables: kept, terms: kept, mathCoverage: 1, lengthRatio: 1.75, newNumberRate: 0.25 },
      computedAt: 2,
    };
    expect(dashboardDialogue(analysis)).toEqual({
      dialogueId: 'd1',
      style: 'DEBATE',
      templateVersionId: 'debate@v2',
      modelKey: 'wllama:tiny',
      filterPass: false,
      lengthRatio: 1.75,
      newNumberRate: 0.25,
    });
  });
});
