import { z } from 'zod';
import { getDatabase } from '../../../db/database';
import { readSetting, removeSetting, writeSetting } from '../../../db/settings';

const KEY = 'openai.connection';

/** The base URL is always remembered; the API key only when the person ticks "Remember key on this device". */
const connectionSettingSchema = z.object({
  baseUrl: z.string().min(1),
  apiKey: z.string().min(1).optional(),
});
export type ConnectionSetting = z.infer<typeof connectionSettingSchema>;

export const loadConnectionSetting = () => readSetting(getDatabase(), KEY, connectionSettingSchema);

export const saveConnectionSetting = (setting: ConnectionSetting) => writeSetting(getDatabase(), KEY, connectionSettingSchema, setting);

export const forgetConnectionSetting = () => removeSetting(getDatabase(), KEY);
