import { DEFAULT_TEXT_FIELD } from '../document';
import { ArrayElementScanner } from './arrayElements';
import { hasBom, isJsonWhitespace } from './bytes';

const OPENING_BRACKET = 91;
const SAMPLED_RECORDS = 200;

/** The first records of a JSON Lines or JSON array sample, as JSON texts; a cut-off last line is left out. */
function sampleRecords(sampleBytes: Uint8Array): string[] {
  const bytes = hasBom(sampleBytes) ? sampleBytes.subarray(3) : sampleBytes;
  const start = bytes.findIndex((byte) => !isJsonWhitespace(byte));
  if (bytes[start] === OPENING_BRACKET) {
    const scanner = new ArrayElementScanner();
    scanner.depth = 1;
    scanner.scan(bytes, start + 1);
    return scanner.elements.map((element) => (element.bytes ? new TextDecoder('utf-8').decode(element.bytes) : ''));
  }
  const lines = new TextDecoder('utf-8').decode(bytes).split('\n');
  if (lines.length > 1) lines.pop();
  return lines;
}

/**
 * String fields seen in the first records of a JSON Lines (or JSON array) sample, most frequent first ("text"
 * always first when present), for choosing the text field.
 */
export function jsonlFields(sampleBytes: Uint8Array): string[] {
  const counts = new Map<string, number>();
  for (const sample of sampleRecords(sampleBytes).slice(0, SAMPLED_RECORDS)) {
    let value: unknown;
    try {
      value = JSON.parse(sample);
    } catch {
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const [key, field] of Object.entries(value)) {
      if (typeof field === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const preferDefault = (key: string) => (key === DEFAULT_TEXT_FIELD ? 0 : 1);
  return [...counts.entries()]
    .sort((a, b) => preferDefault(a[0]) - preferDefault(b[0]) || b[1] - a[1])
    .map(([key]) => key);
}
