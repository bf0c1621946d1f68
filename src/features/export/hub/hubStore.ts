import { create } from 'zustand';
import { HUB_URL, repoNameProblem, uploadToHub, type HubFile, type HubStage, type HubUploadReport } from './hubApi';
import { loadHubSetting, saveHubSetting } from './hubSettings';

/** Builds the files to upload (the Export page passes its export); reports what it is doing in words. */
export type BuildHubFiles = (onProgress: (text: string) => void) => Promise<HubFile[]>;

export interface FileProgress {
  path: string;
  progress: number;
  state: 'hashing' | 'uploading' | 'error';
}

type EditableField = 'hubUrl' | 'repo' | 'private' | 'token' | 'remember';

interface HubState {
  hubUrl: string;
  repo: string;
  private: boolean;
  /** Held in memory; written to the device only with `remember`. */
  token: string;
  remember: boolean;
  loaded: boolean;
  /** Fields the person has changed: the saved settings, read after the page opens, never overwrite those. */
  edited: ReadonlySet<EditableField>;
  busy: boolean;
  stage: HubStage | 'building' | null;
  buildText: string;
  files: FileProgress[];
  report: HubUploadReport | null;
  problem: string | null;
  load(): Promise<void>;
  set(patch: Partial<Pick<HubState, EditableField>>): void;
  upload(files: HubFile[] | BuildHubFiles): Promise<void>;
}

/** The Hub address must be https, or http on this machine (a test server): the page's CSP allows nothing else. */
export function hubUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full address, such as https://huggingface.co.';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
  return 'Use https, or http on localhost only.';
}

export const useHubStore = create<HubState>((set, get) => ({
  hubUrl: HUB_URL,
  repo: '',
  private: true,
  token: '',
  remember: false,
  loaded: false,
  edited: new Set(),
  busy: false,
  stage: null,
  buildText: '',
  files: [],
  report: null,
  problem: null,

  async load() {
    if (get().loaded) return;
    const setting = await loadHubSetting();
    const saved: Pick<HubState, EditableField> = {
      hubUrl: setting.hubUrl, repo: setting.repo, private: setting.private, token: setting.token ?? get().token, remember: setting.token !== undefined,
    };
    const { edited } = get();
    set({ loaded: true, ...Object.fromEntries(Object.entries(saved).filter(([field]) => !edited.has(field as EditableField))) });
  },

  set: (patch) => set({ ...patch, edited: new Set([...get().edited, ...(Object.keys(patch) as EditableField[])]) }),

  async upload(source) {
    const { hubUrl, repo, token, remember } = get();
    const problem = !token.trim() ? 'Enter a Hugging Face token with write access.' : repoNameProblem(repo.trim()) ?? hubUrlProblem(hubUrl.trim());
    if (problem) {
      set({ problem, report: null });
      return;
    }
    set({ busy: true, problem: null, report: null, files: [], stage: null, buildText: '' });
    try {
      await saveHubSetting({ hubUrl: hubUrl.trim(), repo: repo.trim(), private: get().private, ...(remember ? { token: token.trim() } : {}) });
      let files: HubFile[];
      if (typeof source === 'function') {
        set({ stage: 'building' });
        files = await source((buildText) => set({ buildText }));
      } else files = source;
      if (files.length === 0) {
        set({ problem: 'There are no files to upload.' });
        return;
      }
      set({ files: files.map((file) => ({ path: file.path, progress: 0, state: 'uploading' })) });
      const report = await uploadToHub({ hubUrl: hubUrl.trim().replace(/\/+$/, ''), token: token.trim(), repo: repo.trim(), private: get().private, files }, (event) => {
        if (event.kind === 'stage') set({ stage: event.stage });
        else set({ files: get().files.map((f) => (f.path === event.path ? { path: f.path, progress: event.progress, state: event.state } : f)) });
      });
      set({ report });
    } catch (error) {
      set({ problem: error instanceof Error ? error.message : String(error) });
    } finally {
      set({ busy: false, stage: null });
    }
  },
}));
