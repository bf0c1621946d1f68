import { sha256Hex } from '../hash/sha256';
import type { Rubric } from '../review/rubric';
import { isItemEdited, type ExportItem } from './exportItem';
import { ratingSummaryOf } from './ratingSummary';

/** Where a row comes from and what was said about it: the same columns on every dialogue row of every format. */
export interface Provenance {
  id: string;
  source_url: string | null;
  /** The corpus document's id and content hash, when the lab still has the document. */
  document_id: string | null;
  document_hash: string | null;
  /** SHA-256 of the excerpt text exactly as the model was given it. */
  excerpt_sha256: string;
  style: string;
  template_version_id: string;
  template_hash: string;
  engine: string;
  model: string;
  temperature: number;
  top_p: number;
  max_tokens: number;
  seed: number;
  stop: string[];
  run_id: string | null;
  edited: boolean;
  ratings_submitted: number;
  keep_votes: number;
  reject_votes: number;
  verdict: string;
  /** Per scale question of the rubric, the mean of the counted answers. */
  rating_means: Record<string, number>;
  /** Null when the filters have not run on this dialogue. */
  filter_pass: boolean | null;
  /** The ids of the filters it failed. */
  filter_reasons: string[];
}

export function provenanceOf(item: ExportItem, rubric: Rubric): Provenance {
  const { dialogue, analysis } = item;
  const ratings = ratingSummaryOf(item.ratings, rubric);
  return {
    id: dialogue.id,
    source_url: dialogue.url ?? null,
    document_id: item.document?.id ?? null,
    document_hash: item.document?.hash ?? null,
    excerpt_sha256: sha256Hex(dialogue.excerptText),
    style: dialogue.style,
    template_version_id: dialogue.templateVersionId,
    template_hash: dialogue.templateHash,
    engine: dialogue.engine,
    model: dialogue.model,
    temperature: dialogue.params.temperature,
    top_p: dialogue.params.topP,
    max_tokens: dialogue.params.maxTokens,
    seed: dialogue.seed,
    stop: [...dialogue.params.stop],
    run_id: dialogue.runId ?? null,
    edited: isItemEdited(item),
    ratings_submitted: ratings.submitted,
    keep_votes: ratings.keepVotes,
    reject_votes: ratings.rejectVotes,
    verdict: ratings.verdict,
    rating_means: ratings.means,
    filter_pass: analysis ? analysis.filters.pass : null,
    filter_reasons: analysis ? analysis.filters.reasons.map((reason) => reason.filter) : [],
  };
}
