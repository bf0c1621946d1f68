import { describe, expect, it } from 'vitest';
import { readPaperDialogues } from './filters.realDialogues';
import { analyzeDialogue } from './analyzeDialogue';
import { runMindFilters } from './filters';
import { faithfulnessSignals } from './signals';

describe('analyzeDialogue', () => {
  it('is the filters of the dialogue and the signals against its excerpt', () => {
    for (const { context, dialogue } of readPaperDialogues()) {
      const analysis = analyzeDialogue({ excerpt: context, text: dialogue, finishReason: 'stop' });
      expect(analysis).toEqual({ filters: runMindFilters({ text: dialogue }), signals: faithfulnessSignals(context, dialogue) });
      expect(analysis.filters.pass).toBe(true);
    }
  });

  it('passes turns, finish reason, token count and thresholds on to the filters', () => {
    const [first] = readPaperDialogues();
    const input = { excerpt: first?.context ?? '', text: first?.dialogue ?? '' };
    expect(analyzeDialogue({ ...input, finishReason: 'length' }).filters.reasons.map((r) => r.filter)).toEqual(['truncated']);
    expect(analyzeDialogue({ ...input, completionTokens: 40 }).filters.reasons.map((r) => r.filter)).toEqual(['too-short']);
    expect(analyzeDialogue({ ...input, completionTokens: 40 }, { minTokens: 40 }).filters.pass).toBe(true);
    expect(analyzeDialogue({ ...input, turns: [{ speaker: 'A', text: input.text }] }).filters.reasons.map((r) => r.filter)).toEqual(['speakers', 'turns']);
  });
});
