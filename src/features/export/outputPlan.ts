import { EXPORT_PATHS, type ExportOptions } from '../../core/export';

export interface OutputPlan {
  fileName: string;
  mime: string;
  /** One file written as it is; otherwise every file goes into a zip. */
  single: boolean;
}

const stamp = (now: Date) => now.toISOString().slice(0, 10);

/**
 * One format of one file, without the card, is saved as that file; anything else (several formats, the card, the
 * Nemotron layout's folder per style, preference pairs beside Parquet) as one zip.
 */
export function outputPlan(options: Pick<ExportOptions, 'formats' | 'card'>, now = new Date()): OutputPlan {
  const formats = new Set(options.formats);
  if (!options.card && formats.size === 1 && !formats.has('nemotron')) {
    const [format] = [...formats] as [Exclude<ExportOptions['formats'][number], 'nemotron'>];
    const path = EXPORT_PATHS[format];
    const fileName = `mind-lab-${path.split('/').pop()!}`;
    return { fileName, mime: format === 'parquet' ? 'application/vnd.apache.parquet' : 'application/jsonl', single: true };
  }
  return { fileName: `mind-lab-export-${stamp(now)}.zip`, mime: 'application/zip', single: false };
}
