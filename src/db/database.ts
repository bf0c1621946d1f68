import Dexie, { type Table } from 'dexie';
import type { DialogueRecord } from '../core/records/dialogue';

export const DATABASE_NAME = 'mind-lab';

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** The lab's IndexedDB. Every schema change is a new version with an upgrade function and a migration test. */
export class MindLabDatabase extends Dexie {
  dialogues!: Table<DialogueRecord, string>;
  settings!: Table<SettingRecord, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      dialogues: 'id, createdAt, style, engine, model, excerptId, status',
      settings: 'key',
    });
  }
}

let instance: MindLabDatabase | null = null;

export function getDatabase(): MindLabDatabase {
  instance ??= new MindLabDatabase();
  return instance;
}
