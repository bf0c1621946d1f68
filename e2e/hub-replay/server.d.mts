export type HubReplayFailure = 'create' | 'lfs-upload' | 'commit';

export interface HubReplayOptions {
  /** The one token the server accepts; any other gets the Hub's 401. */
  token?: string;
  failAt?: HubReplayFailure | null;
  /** Files at least this large (and every .parquet) are answered "lfs" by preupload. */
  lfsThreshold?: number;
  port?: number;
}

export interface HubReplayFile {
  size: number;
  oid: string;
  lfs: { oid: string; size: number } | null;
}

export interface HubReplayState {
  options: Required<Omit<HubReplayOptions, 'port'>>;
  repos: Record<string, { private: boolean; files: Record<string, HubReplayFile>; commits: { oid: string; title: string; paths: string[] }[] }>;
  lfsObjects: Record<string, number>;
  log: { method: string; path: string; status: number }[];
}

export interface HubReplay {
  url: string;
  configure(options: Omit<HubReplayOptions, 'port'>): void;
  state(): HubReplayState;
  close(): Promise<void>;
}

export const FAILURES: HubReplayFailure[];
export function startHubReplay(options?: HubReplayOptions): Promise<HubReplay>;
