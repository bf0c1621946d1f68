// The key is older than the review desk (only the compare grid rated then); kept so names typed before carry over.
const RATER_KEY = 'mind-lab:compare:rater';
export const DEFAULT_RATER = 'me';

/** The rater name typed last on this device; storage may be unavailable (private modes), so never throw. */
export function readRaterName(): string {
  try {
    return globalThis.localStorage?.getItem(RATER_KEY) ?? DEFAULT_RATER;
  } catch {
    return DEFAULT_RATER;
  }
}

export function rememberRaterName(name: string): void {
  try {
    globalThis.localStorage?.setItem(RATER_KEY, name);
  } catch {
    // Not remembered: the name still applies for this visit.
  }
}

/** A blank name rates as the default rater rather than refusing the rating. */
export const effectiveRater = (typed: string) => typed.trim() || DEFAULT_RATER;
