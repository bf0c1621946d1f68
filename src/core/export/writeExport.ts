import { z } from 'zod';
import type { PreferenceRecord } from '../records/review';
import type { FilterThresholds } from '../review/filters';
import type { Rubric } from '../review/rubric';
import { datasetCard, type WrittenFile } from './datasetCard';
import { textOptionsSchema } from './dialogueText';
import type { ExportItem } from './exportItem';
import type { ByteSink, FileTree } from './fileTree';
import { ParquetStream } from './parquetStream';
import { PairCandidates, pairSideOf, planPairs, preferenceRow, type PairSide, type PreferenceRow } from './preferencePairs';
import { roleMapSchema } from './roles';
import { chatRow, dialogueTableRow, nemotronRow, pretrainingRow, shareGptRow, type RowOptions } from './rows';
import { selectionSchema, withoutReview, type Selection } from './selection';
import { SummaryTally, type ExportSummary } from './summary';
import { DIALOGUE_TABLE, PREFERENCE_TABLE } from './tables';

export const EXPORT_FORMATS = ['jsonl', 'chat', 'sharegpt', 'dpo', 'parquet', 'nemotron'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportOptionsSchema = z.object({
  formats: z.array(exportFormatSchema).min(1, 'Choose at least one format.'),
  selection: selectionSchema.default(selectionSchema.parse({})),
  text: textOptionsSchema.default(textOptionsSchema.parse({})),
  roles: roleMapSchema.default(roleMapSchema.parse({})),
  /** Write README.md, the Hub dataset card. */
  card: z.boolean().default(true),
  prettyName: z.string().min(1).max(120).default('MIND Lab dialogues'),
  sourceDatasets: z.array(z.string()).default(['open-web-math/open-web-math']),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

/** Where the dialogues come from: the lab's database, a backup, a dialogue pack or a batch output file. */
export interface ExportSource {
  rubric: Rubric;
  /** The thresholds the stored filter outcomes were computed with; null when unknown. */
  thresholds: FilterThresholds | null;
  /** The dialogues the selection takes, a page at a time, in a stable order; called once per file written. */
  pages(selection: Selection): AsyncIterable<ExportItem[]>;
  count(selection: Selection): Promise<number>;
  preferences(): Promise<PreferenceRecord[]>;
}

/** Dialogue rows written over every file so far, against every file's share of the selection. */
export interface ExportProgress {
  file: string;
  rowsWritten: number;
  totalRows: number;
}

export interface ExportResult {
  files: WrittenFile[];
  /** The card's figures; null when nothing written needed them (preference pairs alone, without the card). */
  summary: ExportSummary | null;
}

/** The file names of the bundle (docs/export.md shows the layout). */
export const EXPORT_PATHS = {
  jsonl: 'pretraining.jsonl',
  chat: 'chat.jsonl',
  sharegpt: 'sharegpt.jsonl',
  parquet: 'data/train-00000-of-00001.parquet',
  dpo: 'preferences.jsonl',
  dpoParquet: 'data/preferences-00000-of-00001.parquet',
  card: 'README.md',
  nemotron: (folder: string) => `nemotron/${folder}/part-00000.jsonl`,
} as const;

/** A style as a folder name: letters, digits, '-', '_' and '.' stay; anything else becomes '_'. */
export const styleFolder = (style: string) => style.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';

const encoder = new TextEncoder();
const jsonLines = (rows: readonly object[]) => encoder.encode(rows.map((row) => JSON.stringify(row)).join('\n') + '\n');

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The export was cancelled.', 'AbortError');
}

/**
 * Writes the chosen formats and the dataset card into `tree`, one file after another, each streamed from the
 * source a page at a time: memory holds a page (and a Parquet row group), never the selection.
 */
export async function writeExport(
  source: ExportSource,
  input: ExportOptions,
  tree: FileTree,
  control: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void } = {},
): Promise<ExportResult> {
  const options = exportOptionsSchema.parse(input);
  const { selection } = options;
  const formats = new Set(options.formats);
  const rowOptions: RowOptions = { text: options.text, roles: options.roles, rubric: source.rubric };
  const dialogueFiles = (['jsonl', 'chat', 'sharegpt', 'parquet', 'nemotron'] as const).filter((format) => formats.has(format));
  const selected = await source.count(selection);
  const progress: ExportProgress = { file: '', rowsWritten: 0, totalRows: selected * dialogueFiles.length };
  const files: WrittenFile[] = [];
  let summary: ExportSummary | null = null;

  /** One pass over the selection; the first one also tallies the card's summary. */
  async function eachPage(pass: Selection, onPage: (page: ExportItem[]) => Promise<void>): Promise<void> {
    const tally = summary ? null : new SummaryTally(source.rubric);
    for await (const page of source.pages(pass)) {
      throwIfAborted(control.signal);
      if (tally && pass === selection) for (const item of page) tally.add(item);
      await onPage(page);
    }
    if (tally && pass === selection) summary = tally.result();
  }

  async function writeFile(path: string, compress: boolean, config: string | null, body: (sink: ByteSink, count: (rows: number) => void) => Promise<void>): Promise<void> {
    progress.file = path;
    control.onProgress?.({ ...progress });
    const sink = await tree.open(path, { compress });
    let rows = 0;
    await body(sink, (n) => (rows += n));
    await sink.close();
    files.push({ path, rows, config });
  }

  async function jsonlFile(path: string, config: string | null, pass: Selection, toRow: (item: ExportItem) => object, countsAsDialogueRows = true): Promise<void> {
    await writeFile(path, true, config, (sink, count) =>
      eachPage(pass, async (page) => {
        await sink.write(jsonLines(page.map(toRow)));
        count(page.length);
        if (countsAsDialogueRows) progress.rowsWritten += page.length;
        control.onProgress?.({ ...progress });
      }),
    );
  }

  if (formats.has('jsonl')) await jsonlFile(EXPORT_PATHS.jsonl, 'pretraining', selection, (item) => pretrainingRow(item, rowOptions));
  if (formats.has('chat')) await jsonlFile(EXPORT_PATHS.chat, 'chat', selection, (item) => chatRow(item, rowOptions));
  if (formats.has('sharegpt')) await jsonlFile(EXPORT_PATHS.sharegpt, 'sharegpt', selection, (item) => shareGptRow(item, rowOptions));
  if (formats.has('parquet')) {
    await writeFile(EXPORT_PATHS.parquet, false, 'default', async (sink, count) => {
      const parquet = new ParquetStream(DIALOGUE_TABLE, (bytes) => sink.write(bytes), [{ key: 'mind_lab.export', value: JSON.stringify({ text: options.text, roles: options.roles }) }]);
      await eachPage(selection, async (page) => {
        await parquet.write(page.map((item) => dialogueTableRow(item, rowOptions)));
        count(page.length);
        progress.rowsWritten += page.length;
        control.onProgress?.({ ...progress });
      });
      await parquet.finish();
    });
  }
  if (formats.has('nemotron')) {
    if (!summary) await eachPage(selection, async () => {});
    const folders = new Set<string>();
    for (const { key: style } of summary!.byStyle) {
      let folder = styleFolder(style);
      for (let n = 2; folders.has(folder); n++) folder = `${styleFolder(style)}-${n}`;
      folders.add(folder);
      await jsonlFile(EXPORT_PATHS.nemotron(folder), `nemotron-${folder}`, { ...selection, styles: [style] }, (item) => nemotronRow(item, rowOptions));
    }
  }
  if (formats.has('dpo')) await writePreferences();
  if (options.card) {
    if (!summary) await eachPage(selection, async () => {});
    const card = datasetCard({ prettyName: options.prettyName, summary: summary!, files, selection, text: options.text, roles: options.roles, thresholds: source.thresholds, sourceDatasets: options.sourceDatasets });
    await writeFile(EXPORT_PATHS.card, true, null, (sink) => sink.write(encoder.encode(card)));
  }
  await tree.close();
  return { files, summary };

  /**
   * Pairs need both sides: they are drawn from the selection without its review criteria (docs/export.md). A pair is
   * written as soon as a pass has read both its sides, and a side is dropped once its last pair is written, so
   * memory holds the sides of pairs still open, not every paired dialogue. Each file written is one more pass.
   */
  async function writePreferences(): Promise<void> {
    const pairPass = withoutReview(selection);
    const candidates = new PairCandidates(source.rubric);
    await eachPage(pairPass, async (page) => page.forEach((item) => candidates.add(item)));
    const plans = planPairs(candidates, await source.preferences());
    const plansOf = new Map<string, number[]>();
    plans.forEach((plan, index) => {
      for (const id of [plan.chosen, plan.rejected]) plansOf.set(id, [...(plansOf.get(id) ?? []), index]);
    });

    async function eachPairPage(onRows: (rows: PreferenceRow[]) => Promise<void>): Promise<void> {
      if (plans.length === 0) return;
      const open = new Map<string, { side: PairSide; pairsLeft: number }>();
      await eachPage(pairPass, async (page) => {
        const rows: PreferenceRow[] = [];
        for (const item of page) {
          const indices = plansOf.get(item.dialogue.id);
          if (!indices) continue;
          open.set(item.dialogue.id, { side: pairSideOf(item, source.rubric, options.text.speakerLabels), pairsLeft: indices.length });
          for (const index of indices) {
            const plan = plans[index]!;
            const chosen = open.get(plan.chosen);
            const rejected = open.get(plan.rejected);
            if (!chosen || !rejected) continue;
            rows.push(preferenceRow(plan, chosen.side, rejected.side));
            for (const [id, side] of [[plan.chosen, chosen], [plan.rejected, rejected]] as const) if (--side.pairsLeft === 0) open.delete(id);
          }
        }
        if (rows.length > 0) await onRows(rows);
      });
    }

    await writeFile(EXPORT_PATHS.dpo, true, 'preferences', (sink, count) =>
      eachPairPage(async (rows) => {
        await sink.write(jsonLines(rows));
        count(rows.length);
      }),
    );
    if (formats.has('parquet')) {
      await writeFile(EXPORT_PATHS.dpoParquet, false, null, async (sink, count) => {
        const parquet = new ParquetStream(PREFERENCE_TABLE, (bytes) => sink.write(bytes));
        await eachPairPage(async (rows) => {
          await parquet.write(rows);
          count(rows.length);
        });
        await parquet.finish();
      });
    }
  }
}
