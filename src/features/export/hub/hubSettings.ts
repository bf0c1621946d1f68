import { z } from 'zod';
import { getDatabase } from '../../../db/database';
import { readSetting, writeSetting } from '../../../db/settings';
import { HUB_URL } from './hubApi';

/** Never in a backup: src/db/backupTables.ts lists this key among the device's settings. */
const KEY = 'hub.connection';

/** The repo, visibility and Hub address are remembered; the token only when the person ticks "Remember on this device". */
const hubSettingSchema = z.object({
  hubUrl: z.string().url(),
  repo: z.string(),
  private: z.boolean(),
  token: z.string().min(1).optional(),
});
export type HubSetting = z.infer<typeof hubSettingSchema>;

export const DEFAULT_HUB_SETTING: HubSetting = { hubUrl: HUB_URL, repo: '', private: true };

export async function loadHubSetting(): Promise<HubSetting> {
  const { value } = await readSetting(getDatabase(), KEY, hubSettingSchema);
  return value ?? DEFAULT_HUB_SETTING;
}

export const saveHubSetting = (setting: HubSetting) => writeSetting(getDatabase(), KEY, hubSettingSchema, setting);
