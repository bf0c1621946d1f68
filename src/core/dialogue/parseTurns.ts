import type { DialogueTurn } from '../types';

// A speaker label: up to five words of letters, digits, spaces, dots, hyphens or dashes, then a colon.
const SPEAKER_LINE = /^\s*(?:\*\*)?([\p{L}][\p{L}\p{N} .'\u2013-]{0,40}?)(?:\*\*)?\s*:(?:\*\*)?\s?(.*)$/u;

/**
 * Splits raw model output into speaker turns. Lines that do not start with a speaker label continue the
 * previous turn; text before the first label becomes a turn with an empty speaker so nothing is lost.
 */
export function parseTurns(raw: string): DialogueTurn[] {
  const turns: DialogueTurn[] = [];
  for (const line of raw.split(/\r?\n/)) {
    const match = SPEAKER_LINE.exec(line);
    const speaker = match?.[1]?.trim();
    if (match && speaker && speaker.split(/\s+/).length <= 5 && !/^https?$/i.test(speaker)) {
      turns.push({ speaker, text: (match[2] ?? '').trim() });
      continue;
    }
    const last = turns.at(-1);
    if (last) {
      last.text = last.text ? `${last.text}\n${line}` : line;
    } else if (line.trim()) {
      turns.push({ speaker: '', text: line });
    }
  }
  return turns.map((turn) => ({ speaker: turn.speaker, text: turn.text.trim() }));
}
