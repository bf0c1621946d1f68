import type { DialogueTurn } from '../types';

// A speaker label: up to five words of letters, digits, spaces, dots, hyphens or dashes, then a colon.
const SPEAKER_LINE = /^\s*(?:\*\*)?([\p{L}][\p{L}\p{N} .'\u2013-]{0,40}?)(?:\*\*)?\s*:(?:\*\*)?\s?(.*)$/u;

/**
 * Lowercase names are real labels (forum usernames such as "jgens"), but a lowercase phrase before a colon is prose
 * ("… any of the 5 digits: 2, 3, 5"), so a label of several words must start with a capital letter.
 */
function isSpeakerLabel(speaker: string): boolean {
  const words = speaker.split(/\s+/);
  if (words.length > 5 || /^https?$/i.test(speaker)) return false;
  return words.length === 1 || /^\p{Lu}/u.test(speaker);
}

/**
 * Splits raw model output into speaker turns. Lines that do not start with a speaker label continue the
 * previous turn; text before the first label becomes a turn with an empty speaker so nothing is lost.
 */
export function parseTurns(raw: string): DialogueTurn[] {
  const turns: DialogueTurn[] = [];
  for (const line of raw.split(/\r?\n/)) {
    const match = SPEAKER_LINE.exec(line);
    const speaker = match?.[1]?.trim();
    if (match && speaker && isSpeakerLabel(speaker)) {
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
