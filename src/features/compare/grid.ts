import { planWorkItems, excerptKeyOf, type ExcerptInput, type PlannedItem, type SamplingPreset } from '../../core/generation/plan';
import type { BasicChecks } from '../../core/records/dialogue';
import type { EngineKind } from '../../core/engine/types';
import type { GenerationStats } from '../../core/types';

/** promptfoo's matrix stays readable at this size; more belongs in a run. */
export const MAX_ROWS = 20;
export const MAX_PRESETS = 3;

/** Blank lines separate pasted excerpts. */
export function parsePastedExcerpts(text: string): ExcerptInput[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => ({ text: part }));
}

export function rowsProblem(count: number): string | null {
  if (count === 0) return 'No excerpts yet: paste some (separated by blank lines), pick a working set or draw a sample.';
  if (count > MAX_ROWS) return `The grid takes ${MAX_ROWS} excerpts at most (got ${count}). Use a smaller set, or a run for the whole working set.`;
  return null;
}

export interface ColumnVersion {
  id: string;
  hash: string;
  templateName: string;
  number: number;
}

export interface ColumnModel {
  key: string;
  modelName: string;
  engine: EngineKind;
}

/** One column: a template version × a model × a sampling preset. */
export interface GridColumn {
  key: string;
  version: ColumnVersion;
  model: ColumnModel;
  preset: SamplingPreset;
}

export interface GridRow {
  key: string;
  /** 1-based, as shown. */
  number: number;
  excerpt: ExcerptInput;
}

export interface PlannedGrid {
  id: string;
  rows: GridRow[];
  columns: GridColumn[];
  /** The work item behind each cell: cellItems[rowKey][columnKey]. */
  cellItems: Record<string, Record<string, string>>;
  items: PlannedItem[];
}

export const columnKeyOf = (versionId: string, modelKey: string, presetId: string) => JSON.stringify([versionId, modelKey, presetId]);

export const columnLabel = (column: GridColumn) => `${column.version.templateName} v${column.version.number} · ${column.model.modelName} · ${column.preset.label}`;

export interface GridInput {
  id: string;
  excerpts: readonly ExcerptInput[];
  versions: readonly ColumnVersion[];
  models: readonly ColumnModel[];
  presets: readonly SamplingPreset[];
}

const sameParams = (a: SamplingPreset['params'], b: SamplingPreset['params']) =>
  a.temperature === b.temperature && a.topP === b.topP && a.maxTokens === b.maxTokens && a.seed === b.seed && a.stop.join('\u0000') === b.stop.join('\u0000');

/** Why the grid cannot be planned as asked, or null. Columns that would plan the very same items are refused. */
export function gridProblem(input: Omit<GridInput, 'id'>): string | null {
  const rows = rowsProblem(new Set(input.excerpts.map(excerptKeyOf)).size);
  if (rows) return rows;
  if (input.versions.length === 0) return 'Choose at least one template.';
  if (input.models.length === 0) return 'Load a model on the Models tab and tick it under Models.';
  if (input.presets.length === 0) return 'Add at least one sampling preset.';
  if (input.presets.length > MAX_PRESETS) return `Use ${MAX_PRESETS} sampling presets at most.`;
  const labels = input.presets.map((p) => p.label.trim());
  if (labels.some((l) => !l)) return 'Give every preset a label.';
  if (new Set(labels).size !== labels.length) return 'Give every preset a different label.';
  for (let i = 0; i < input.presets.length; i++) {
    for (let j = i + 1; j < input.presets.length; j++) {
      if (sameParams(input.presets[i]!.params, input.presets[j]!.params)) {
        return `Presets "${labels[i]}" and "${labels[j]}" have the same settings, so their columns would be the same. Change one.`;
      }
    }
  }
  const byHash = new Map<string, ColumnVersion>();
  for (const version of input.versions) {
    const twin = byHash.get(version.hash);
    if (twin) return `${twin.templateName} v${twin.number} and ${version.templateName} v${version.number} have the same text, so their columns would be the same. Keep one.`;
    byHash.set(version.hash, version);
  }
  return null;
}

/**
 * Plans the grid: rows (excerpts, duplicates merged) × columns (template version × model × preset, in that order),
 * every cell one work item from core's planner, so the seed and the item ids match what a run would plan.
 */
export function planGrid(input: GridInput): PlannedGrid {
  const problem = gridProblem(input);
  if (problem) throw new RangeError(problem);
  const items = planWorkItems({
    runId: input.id,
    excerpts: input.excerpts,
    templateVersions: input.versions.map((v) => ({ id: v.id, hash: v.hash })),
    modelKeys: input.models.map((m) => m.key),
    presets: input.presets,
    samplesPerExcerpt: 1,
  });
  const rows: GridRow[] = [];
  for (const excerpt of input.excerpts) {
    const key = excerptKeyOf(excerpt);
    if (!rows.some((r) => r.key === key)) rows.push({ key, number: rows.length + 1, excerpt });
  }
  const columns: GridColumn[] = [];
  for (const version of input.versions) {
    for (const model of input.models) {
      for (const preset of input.presets) columns.push({ key: columnKeyOf(version.id, model.key, preset.id), version, model, preset });
    }
  }
  const cellItems: Record<string, Record<string, string>> = {};
  for (const item of items) {
    (cellItems[item.excerptKey] ??= {})[columnKeyOf(item.templateVersionId, item.modelKey, item.presetId)] = item.id;
  }
  return { id: input.id, rows, columns, cellItems, items };
}

export interface FinishedCell {
  stats: Pick<GenerationStats, 'promptTokens' | 'completionTokens' | 'decodeTokensPerSecond'>;
  checks: Pick<BasicChecks, 'pass'>;
}

export interface ColumnAggregates {
  finished: number;
  meanCompletionTokens: number | null;
  /** Mean over cells of completion ÷ prompt tokens (cells with a 0-token prompt are left out). */
  meanOutputInputRatio: number | null;
  /** Mean over cells that report a decode speed. */
  meanTokensPerSecond: number | null;
  passing: number;
  /** passing ÷ finished. */
  passShare: number | null;
}

const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

/** A column header's figures, over its finished cells only (running, failed and stopped cells do not count). */
export function columnAggregates(cells: readonly FinishedCell[]): ColumnAggregates {
  const passing = cells.filter((c) => c.checks.pass).length;
  return {
    finished: cells.length,
    meanCompletionTokens: mean(cells.map((c) => c.stats.completionTokens)),
    meanOutputInputRatio: mean(cells.filter((c) => c.stats.promptTokens > 0).map((c) => c.stats.completionTokens / c.stats.promptTokens)),
    meanTokensPerSecond: mean(cells.flatMap((c) => (c.stats.decodeTokensPerSecond === null ? [] : [c.stats.decodeTokensPerSecond]))),
    passing,
    passShare: cells.length === 0 ? null : passing / cells.length,
  };
}

/** Whitespace differences (trailing newlines, wrapped lines) are not a different output. */
const normalizeOutput = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * The "Different" filter: a row differs when at least two of its cells have finished and their outputs are not all
 * the same. null marks a cell that has not finished; one finished cell has nothing to differ from.
 */
export function rowDiffers(finishedOutputs: readonly (string | null)[]): boolean {
  const outputs = finishedOutputs.filter((o): o is string => o !== null).map(normalizeOutput);
  return outputs.length >= 2 && new Set(outputs).size > 1;
}
