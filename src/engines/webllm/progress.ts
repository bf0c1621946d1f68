import type { LoadProgress } from '../../core/engine/types';

/** web-llm's `InitProgressReport`. */
export interface InitProgressReport {
  progress: number;
  timeElapsed: number;
  text: string;
}

const MIB = 2 ** 20;
const BYTES_SO_FAR = /(\d+)\s*MB (fetched|loaded)/;
const PHASE = /^[^[:.]+/;

/**
 * web-llm reports one fraction per phase (download, copy to GPU, shader compilation) and only says the byte count in
 * its text, so the bytes, the total and the ETA are derived from both. Only the download phase has a byte total.
 */
export function toLoadProgress(report: InitProgressReport): LoadProgress {
  const fraction = Number.isFinite(report.progress) ? Math.min(1, Math.max(0, report.progress)) : null;
  const bytesMatch = BYTES_SO_FAR.exec(report.text);
  const loadedBytes = bytesMatch ? Number(bytesMatch[1]) * MIB : 0;
  const totalBytes = loadedBytes > 0 && fraction !== null && fraction > 0 ? Math.round(loadedBytes / fraction) : null;
  const etaSeconds =
    fraction !== null && fraction > 0 && fraction < 1 && report.timeElapsed > 0
      ? (report.timeElapsed * (1 - fraction)) / fraction
      : null;
  const phase = PHASE.exec(report.text)?.[0]?.trim() ?? '';
  return {
    fraction,
    loadedBytes,
    totalBytes,
    etaSeconds,
    text: phase || report.text,
  };
}
