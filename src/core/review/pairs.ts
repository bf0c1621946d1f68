import type { DialogueAnalysisRecord, PreferenceRecord } from '../records/review';

/** A cheap, well-mixed 32-bit hash: sides only need to look random, and 100k dialogues make hundreds of thousands of pairs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface PairToJudge {
  excerptKey: string;
  left: string;
  right: string;
}

/**
 * The pairs a rater has still to judge: every two dialogues of the same excerpt, in a stable order. Which one shows
 * on the left is decided by a hash of the pair, so neither position favours a style, template or model.
 */
export function pairsToJudge(rows: readonly DialogueAnalysisRecord[], preferences: readonly PreferenceRecord[], rater: string): PairToJudge[] {
  const judged = new Set(preferences.filter((p) => p.rater === rater).map((p) => `${p.first}|${p.second}`));
  const byExcerpt = new Map<string, string[]>();
  for (const row of rows) {
    const ids = byExcerpt.get(row.excerptKey);
    if (ids) ids.push(row.dialogueId);
    else byExcerpt.set(row.excerptKey, [row.dialogueId]);
  }
  const pairs: PairToJudge[] = [];
  for (const excerptKey of [...byExcerpt.keys()].sort()) {
    const ids = byExcerpt.get(excerptKey)!.sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [first, second] = [ids[i]!, ids[j]!];
        if (judged.has(`${first}|${second}`)) continue;
        const flip = (fnv1a(first) ^ fnv1a(second)) % 2 === 1;
        pairs.push({ excerptKey, left: flip ? second : first, right: flip ? first : second });
      }
    }
  }
  return pairs;
}
