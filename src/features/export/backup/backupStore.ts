import { create } from 'zustand';
import { backUpLab, labSummary, restoreLab, type BackupDone, type BackupProgress, type RestoreReport } from './backupApi';

export type RestoreMode = 'merge' | 'replace';

interface BackupState {
  busy: 'backup' | 'restore' | null;
  progress: BackupProgress | null;
  backupDone: BackupDone | null;
  restoreReport: RestoreReport | null;
  problem: string | null;
  mode: RestoreMode;
  /** A replace waiting for the person to confirm, with what it would delete. */
  pendingReplace: { file: File; summary: { dialogues: number; ratings: number; documents: number } } | null;
  setMode(mode: RestoreMode): void;
  backUp(): Promise<void>;
  chooseFile(file: File): Promise<void>;
  confirmReplace(): Promise<void>;
  cancelReplace(): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useBackupStore = create<BackupState>((set, get) => {
  const restore = async (file: File, mode: RestoreMode) => {
    set({ busy: 'restore', progress: null, problem: null, restoreReport: null, backupDone: null, pendingReplace: null });
    try {
      set({ restoreReport: await restoreLab(file, mode, (progress) => set({ progress })) });
    } catch (error) {
      set({ problem: `${file.name} was not restored: ${messageOf(error)}` });
    } finally {
      set({ busy: null, progress: null });
    }
  };
  return {
    busy: null,
    progress: null,
    backupDone: null,
    restoreReport: null,
    problem: null,
    mode: 'merge',
    pendingReplace: null,
    setMode: (mode) => set({ mode }),
    async backUp() {
      set({ busy: 'backup', progress: null, problem: null, backupDone: null, restoreReport: null });
      try {
        set({ backupDone: await backUpLab((progress) => set({ progress })) });
      } catch (error) {
        set({ problem: `The backup failed: ${messageOf(error)}` });
      } finally {
        set({ busy: null, progress: null });
      }
    },
    async chooseFile(file) {
      if (get().mode === 'merge') return restore(file, 'merge');
      set({ pendingReplace: { file, summary: await labSummary() }, problem: null, restoreReport: null, backupDone: null });
    },
    async confirmReplace() {
      const pending = get().pendingReplace;
      if (pending) await restore(pending.file, 'replace');
    },
    cancelReplace: () => set({ pendingReplace: null }),
  };
});
