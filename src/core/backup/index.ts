export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupRefused, type BackupHeader } from './format';
export { BackupLineWriter } from './writeBackupLines';
export { readBackupLines, type BackupContents, type BackupTableRules, type ReadProgress } from './readBackupLines';
export { splitLines } from './lines';
