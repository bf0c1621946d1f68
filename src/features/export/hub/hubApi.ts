import { createRepo, HubApiError, listFiles, uploadFilesWithProgress, whoAmI } from '@huggingface/hub';

export const HUB_URL = 'https://huggingface.co';

/** One file of the upload, at its path in the dataset repo. */
export interface HubFile {
  path: string;
  content: Blob;
}

export interface HubUploadInput {
  /** The Hub's address: https://huggingface.co, or a mirror or test server that answers the same API. */
  hubUrl: string;
  token: string;
  /** `name` (under the token's user) or `namespace/name`. */
  repo: string;
  private: boolean;
  files: HubFile[];
  signal?: AbortSignal;
}

export type HubStage = 'token' | 'create' | 'upload' | 'commit';

export type HubUploadEvent = { kind: 'stage'; stage: HubStage } | { kind: 'file'; path: string; progress: number; state: 'hashing' | 'uploading' | 'error' };

export interface HubUploadReport {
  ok: boolean;
  /** `namespace/name`, once the token said who it belongs to. */
  repo: string | null;
  repoUrl: string | null;
  repoState: 'created' | 'existed' | 'not-created';
  /** The files this upload's commit put on the Hub: all of them when it succeeded, none otherwise (a commit is atomic). */
  uploaded: string[];
  notUploaded: string[];
  commitUrl: string | null;
  /** After a failure with the repo in place: the paths the Hub lists now (from earlier commits), or null when it could not be asked. */
  onHubNow: string[] | null;
  failedAt: HubStage | null;
  error: string | null;
}

const REPO_NAME = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/** Why a repo name is not one the Hub accepts, or null. */
export function repoNameProblem(name: string): string | null {
  if (!REPO_NAME.test(name)) return 'Use name or namespace/name: letters, digits, ".", "_" and "-", starting with a letter or digit.';
  if (/(^|\/)[^/]*(\.\.|--)/.test(name) || /\.git$/.test(name)) return 'The Hub refuses names with ".." or "--" or ending in .git.';
  return null;
}

/**
 * Creates the dataset repo (or uses it when it exists) and uploads the files in one commit with @huggingface/hub.
 * The report says only what the Hub confirmed: files count as uploaded when the commit answered; after a failure
 * the repo's file list is read back from the Hub, so the person sees what is there and what is not.
 */
export async function uploadToHub(input: HubUploadInput, onEvent: (event: HubUploadEvent) => void): Promise<HubUploadReport> {
  const paths = input.files.map((file) => file.path);
  const credentials = { accessToken: input.token, hubUrl: input.hubUrl };
  const report: HubUploadReport = { ok: false, repo: null, repoUrl: null, repoState: 'not-created', uploaded: [], notUploaded: paths, commitUrl: null, onHubNow: null, failedAt: null, error: null };
  let stage: HubStage = 'token';
  const enter = (next: HubStage) => {
    stage = next;
    onEvent({ kind: 'stage', stage });
  };
  try {
    enter('token');
    const me = await whoAmI(credentials);
    report.repo = input.repo.includes('/') ? input.repo : `${me.name}/${input.repo}`;
    const repo = { type: 'dataset' as const, name: report.repo };

    enter('create');
    try {
      report.repoUrl = (await createRepo({ ...credentials, repo, private: input.private })).repoUrl;
      report.repoState = 'created';
    } catch (error) {
      if (!(error instanceof HubApiError && error.statusCode === 409)) throw error;
      report.repoUrl = `${input.hubUrl}/datasets/${report.repo}`;
      report.repoState = 'existed';
    }

    enter('upload');
    const upload = uploadFilesWithProgress({ ...credentials, repo, files: input.files, commitTitle: `Upload ${input.files.length} files from MIND Lab`, useXet: false, abortSignal: input.signal });
    for (;;) {
      const next = await upload.next();
      if (next.done) {
        report.commitUrl = next.value?.commit.url ?? null;
        break;
      }
      const event = next.value;
      if (event.event === 'phase' && event.phase === 'committing') enter('commit');
      if (event.event === 'fileProgress') onEvent({ kind: 'file', path: event.path, progress: event.progress, state: event.state });
    }
    report.ok = true;
    report.uploaded = paths;
    report.notUploaded = [];
    return report;
  } catch (error) {
    report.failedAt = stage;
    report.error = describeHubError(error, stage, input.hubUrl);
    if (report.repoState !== 'not-created' && report.repo) report.onHubNow = await filesOnHub(report.repo, credentials);
    return report;
  }
}

async function filesOnHub(repo: string, credentials: { accessToken: string; hubUrl: string }): Promise<string[] | null> {
  try {
    const paths: string[] = [];
    for await (const entry of listFiles({ ...credentials, repo: { type: 'dataset', name: repo }, recursive: true })) if (entry.type === 'file') paths.push(entry.path);
    return paths;
  } catch {
    return null;
  }
}

const STAGE_WORDS: Record<HubStage, string> = {
  token: 'checking the token',
  create: 'creating the dataset repo',
  upload: 'uploading the files',
  commit: 'committing the files',
};

export function describeHubError(error: unknown, stage: HubStage, hubUrl: string): string {
  const during = `while ${STAGE_WORDS[stage]}`;
  if (error instanceof HubApiError) {
    if (error.statusCode === 401) return `The Hub refused the token (401) ${during}. Use a token with write access (huggingface.co/settings/tokens).`;
    if (error.statusCode === 403) return `The token may not do this (403) ${during}: ${error.message}`;
    return `The Hub answered ${error.statusCode} ${during}: ${error.message}`;
  }
  if (error instanceof DOMException && error.name === 'AbortError') return `Cancelled ${during}.`;
  if (error instanceof TypeError) return `Could not reach ${hubUrl} ${during} (${error.message}). Check the connection and the Hub URL.`;
  return `The upload failed ${during}: ${error instanceof Error ? error.message : String(error)}`;
}
