/** A run of plain text in one inline style; start/end are where its content lies in the source (markers excluded). */
export interface InlineRun {
  style: 'plain' | 'strong' | 'em' | 'code';
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}_.]/u;

const MARKERS: readonly { open: string; style: InlineRun['style'] }[] = [
  { open: '**', style: 'strong' },
  { open: '__', style: 'strong' },
  { open: '`', style: 'code' },
  { open: '*', style: 'em' },
];

/**
 * The inline markdown models write in dialogues (bold speaker labels, emphasis, code) as styled runs over the
 * original offsets, so highlights placed by offset still land. A marker with no closer on its line stays text.
 * Only runs are produced, never HTML: rendering stays inert whatever the text holds.
 */
export function inlineMarkdown(text: string, from = 0, to = text.length): InlineRun[] {
  const runs: InlineRun[] = [];
  let plainStart = from;
  let at = from;
  while (at < to) {
    const marker = MARKERS.find((m) => text.startsWith(m.open, at));
    if (marker) {
      const lineEnd = text.indexOf('\n', at);
      const limit = Math.min(to, lineEnd === -1 ? to : lineEnd);
      const close = text.indexOf(marker.open, at + marker.open.length);
      const contentStart = at + marker.open.length;
      // Emphasis needs text right inside its markers ("2 * 3 * 4" is arithmetic, not emphasis).
      const hugs = close > contentStart && !/\s/.test(text[contentStart]!) && !/\s/.test(text[close - 1]!);
      // Underscores inside a word are part of it (snake_case, __dunder__ names), as in CommonMark.
      const wordBound = !marker.open.startsWith('_') || (!WORD_CHAR.test(text[at - 1] ?? '') && !WORD_CHAR.test(text[close + marker.open.length] ?? ''));
      if (close !== -1 && close + marker.open.length <= limit && hugs && wordBound) {
        if (at > plainStart) runs.push({ style: 'plain', start: plainStart, end: at });
        runs.push({ style: marker.style, start: contentStart, end: close });
        at = close + marker.open.length;
        plainStart = at;
        continue;
      }
    }
    at += 1;
  }
  if (to > plainStart) runs.push({ style: 'plain', start: plainStart, end: to });
  return runs;
}
