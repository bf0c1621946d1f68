import { splitLines } from '../../../core/backup';
import { labSummary as summarizeLab, restoreBackup, writeBackup, type BackupProgress, type RestoreReport } from '../../../db/backup';
import { getDatabase } from '../../../db/database';
import { hasFilePicker, openSaveTarget } from '../saveFile';

export type { BackupProgress, RestoreReport } from '../../../db/backup';
export { BackupRefused } from '../../../core/backup';

export interface BackupDone {
  fileName: string;
  kind: 'file' | 'download';
  rows: number;
  bytes: number;
}

const BACKUP_TYPE = 'application/jsonl';

export const backupFileName = (now: Date) => `mind-lab-backup-${now.toISOString().slice(0, 10)}.jsonl`;

/**
 * Streams the whole lab into a file the person picks (File System Access API) or, without it, a download. Call it
 * first thing in a click handler: the picker needs the click. Null when the picker was closed.
 */
export async function backUpLab(onProgress: (progress: BackupProgress) => void): Promise<BackupDone | null> {
  const fileName = backupFileName(new Date());
  const kind = hasFilePicker() ? 'file' : 'download';
  const target = await openSaveTarget(fileName, BACKUP_TYPE, kind === 'file' ? 'picker' : 'download');
  if (!target) return null;
  const encoder = new TextEncoder();
  let rows = 0;
  let bytes = 0;
  try {
    for await (const chunk of writeBackup(getDatabase(), { onProgress: (progress) => ((rows = progress.rows), onProgress(progress)) })) {
      const encoded = encoder.encode(chunk);
      await target.write(encoded);
      bytes += encoded.length;
    }
    await target.close();
  } catch (error) {
    await target.abort();
    throw error;
  }
  return { fileName, kind, rows, bytes };
}

/** The file's text in chunks as it is read from disk; bytes that are not UTF-8 refuse the file. */
async function* textOf(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream('utf-8', { fatal: true })).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } catch (error) {
    if (error instanceof TypeError) throw new Error('The file is not UTF-8 text: it is not a MIND Lab backup.');
    throw error;
  } finally {
    reader.releaseLock();
  }
}

export const restoreLab = (file: Blob, mode: 'replace' | 'merge', onProgress: (progress: BackupProgress) => void): Promise<RestoreReport> =>
  restoreBackup(getDatabase(), splitLines(textOf(file)), { mode, onProgress });

export const labSummary = () => summarizeLab(getDatabase());
