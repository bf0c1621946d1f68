// What the CLI uses from src/core, in one module so that one module runner loads it all.
export { readCorpus } from '../src/core/corpus/readCorpus';
export { detectFormat } from '../src/core/corpus/readers/format';
export { contentHash, normalizeForDedup } from '../src/core/corpus/normalize';
export { chunkDocument, DEFAULT_CHUNK_OPTIONS } from '../src/core/chunking/chunk';
export { countTokenFeatures, TOKEN_WEIGHTS_MILLI } from '../src/core/chunking/estimateTokens';
export { readTemplateFile } from '../src/core/templates/templateFile';
export {
  builtInStyleSummaries,
  builtInBatchTemplate,
  templateFileBatchTemplate,
  withContextPlacement,
  renderExcerptLine,
} from '../src/core/generation/renderBatch';
export { MEASUREMENT_LEVELS, readRatersTable, summarizeAgreement } from '../src/core/agreement';
export { DEFAULT_FILTER_THRESHOLDS, filterThresholdsSchema, thresholdsHash } from '../src/core/review/filters';
export { analyzeDialogueLine } from '../src/core/review/analyzeDialogueLine';
export { batchLineKind, joinBatchResults, readRecipe, recipeRequestsForLine, ShardCutter, SHARD_LIMITS, shardName } from '../src/core/recipe';
export { errorFromResponse, parseRetryAfter, toApiRoot } from '../src/engines/openai/httpErrors';
export { DEFAULT_RUBRIC } from '../src/core/review/rubric';
export { backupExportSource, exportItemOfLine, exportOptionsSchema, pagedSource, writeExport } from '../src/core/export';
export { BACKUP_FORMAT, BackupRefused, readBackupLines } from '../src/core/backup';
// The lab's backup layout (table names and row schemas per database version): zod only, no Dexie.
export { backedUpTables, backupRules } from '../src/db/backupTables';
