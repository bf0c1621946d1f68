/**
 * The text form two documents are compared in to find duplicates:
 * - Unicode NFC, so composed and decomposed accents match;
 * - every run of whitespace (spaces, tabs, line breaks of any kind, Unicode spaces) becomes one space;
 * - no leading or trailing whitespace.
 * Case, punctuation and LaTeX are kept: in math they carry meaning ($X$ and $x$ differ).
 */
export function normalizeForDedup(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** SHA-256 (lower-case hex) of normalizeForDedup(text); the same in Node 20 and browsers (crypto.subtle). */
export async function contentHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalizeForDedup(text)));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += HEX[byte];
  return hex;
}
