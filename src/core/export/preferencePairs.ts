import { excerptKeyOf } from '../generation/plan';
import type { PreferenceRecord } from '../records/review';
import type { Rubric } from '../review/rubric';
import { dialogueText, type TextOptions } from './dialogueText';
import { currentTurns, type ExportItem } from './exportItem';
import { provenanceOf, type Provenance } from './provenance';
import { ratingSummaryOf } from './ratingSummary';

/**
 * Preference pairs (DPO's {"prompt", "chosen", "rejected"}) come from two places:
 * - pairwise choices: every rater's choice between two dialogues of the same excerpt; the side more raters chose
 *   wins, ties (a "tie" answer, or as many votes each way) give no pair;
 * - ratings: of two dialogues of the same excerpt, one kept and one rejected by review (see ratingSummary.ts), the
 *   kept one is chosen. Every kept × rejected pair of an excerpt is made, unless a pairwise choice covers it.
 * The prompt is the excerpt (the one thing both sides share: they may differ in style, template and model).
 */
export interface PairPlan {
  chosen: string;
  rejected: string;
  source: 'pairwise' | 'ratings';
  /** Raters (pairwise) or keep votes (ratings) for the chosen side, and for the other one. */
  votesFor: number;
  votesAgainst: number;
}

export interface PreferenceRow {
  prompt: string;
  chosen: string;
  rejected: string;
  source: PairPlan['source'];
  votes_for: number;
  votes_against: number;
  excerpt_sha256: string;
  source_url: string | null;
  chosen_id: string;
  rejected_id: string;
  chosen_provenance: Provenance;
  rejected_provenance: Provenance;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** What one pass over the selection keeps for planning: ids and decided verdicts by excerpt, never text. */
export class PairCandidates {
  readonly members = new Set<string>();
  readonly byExcerpt = new Map<string, { kept: { id: string; votes: number }[]; rejected: { id: string; votes: number }[] }>();

  constructor(private readonly rubric: Rubric) {}

  add(item: ExportItem): void {
    this.members.add(item.dialogue.id);
    const summary = ratingSummaryOf(item.ratings, this.rubric);
    if (summary.verdict === 'undecided') return;
    const key = excerptKeyOf({ text: item.dialogue.excerptText });
    let group = this.byExcerpt.get(key);
    if (!group) this.byExcerpt.set(key, (group = { kept: [], rejected: [] }));
    if (summary.verdict === 'kept') group.kept.push({ id: item.dialogue.id, votes: summary.keepVotes });
    else group.rejected.push({ id: item.dialogue.id, votes: summary.keepVotes });
  }
}

/** The pairs, pairwise ones first (in id order), then rating ones by excerpt. Both sides must be candidates. */
export function planPairs(candidates: PairCandidates, preferences: readonly PreferenceRecord[]): PairPlan[] {
  const votes = new Map<string, { first: string; second: string; forFirst: number; forSecond: number }>();
  for (const preference of preferences) {
    if (!candidates.members.has(preference.first) || !candidates.members.has(preference.second)) continue;
    const key = pairKey(preference.first, preference.second);
    let tally = votes.get(key);
    if (!tally) votes.set(key, (tally = { first: preference.first, second: preference.second, forFirst: 0, forSecond: 0 }));
    if (preference.choice === 'first') tally.forFirst++;
    else if (preference.choice === 'second') tally.forSecond++;
  }
  const plans: PairPlan[] = [];
  for (const key of [...votes.keys()].sort()) {
    const { first, second, forFirst, forSecond } = votes.get(key)!;
    if (forFirst === forSecond) continue;
    plans.push(forFirst > forSecond
      ? { chosen: first, rejected: second, source: 'pairwise', votesFor: forFirst, votesAgainst: forSecond }
      : { chosen: second, rejected: first, source: 'pairwise', votesFor: forSecond, votesAgainst: forFirst });
  }
  for (const { kept, rejected } of candidates.byExcerpt.values()) {
    for (const good of kept) {
      for (const bad of rejected) {
        if (votes.has(pairKey(good.id, bad.id))) continue;
        plans.push({ chosen: good.id, rejected: bad.id, source: 'ratings', votesFor: good.votes, votesAgainst: bad.votes });
      }
    }
  }
  return plans;
}

/** What a pair needs of one dialogue; kept only for dialogues that are in a pair. */
export interface PairSide {
  excerptText: string;
  text: string;
  provenance: Provenance;
}

export const pairSideOf = (item: ExportItem, rubric: Rubric, labels: TextOptions['speakerLabels']): PairSide => ({
  excerptText: item.dialogue.excerptText,
  text: dialogueText(currentTurns(item), labels),
  provenance: provenanceOf(item, rubric),
});

export function preferenceRow(plan: PairPlan, chosen: PairSide, rejected: PairSide): PreferenceRow {
  return {
    prompt: chosen.excerptText,
    chosen: chosen.text,
    rejected: rejected.text,
    source: plan.source,
    votes_for: plan.votesFor,
    votes_against: plan.votesAgainst,
    excerpt_sha256: chosen.provenance.excerpt_sha256,
    source_url: chosen.provenance.source_url,
    chosen_id: plan.chosen,
    rejected_id: plan.rejected,
    chosen_provenance: chosen.provenance,
    rejected_provenance: rejected.provenance,
  };
}
