import { queryTerms, termMatches, wordsOf } from './terms';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Characters of context shown before the first matching word: a few, so the match shows even in a phone-wide row. */
const LEAD = 12;

/**
 * A window of `width` characters of the excerpt around its first word matching the query, cut into plain and
 * matching parts (the caller renders the matches as <mark>). Matching uses the index's own words and prefix rule,
 * so what is marked is what was found. Without a match it is the excerpt's start.
 */
export function highlightSnippet(text: string, query: string, width = 120): SnippetPart[] {
  const terms = queryTerms(query);
  const matches: { start: number; end: number }[] = [];
  if (terms.length) {
    for (const word of wordsOf(text)) {
      if (!terms.some((t) => termMatches(word.term, t))) continue;
      if (matches.length && word.start >= matches[0]!.start + width) break;
      matches.push(word);
    }
  }
  let start = matches.length ? Math.max(0, matches[0]!.start - LEAD) : 0;
  // Start on a word boundary so the snippet does not open mid-word.
  if (start > 0) {
    // Just after the space before `start`, or the text's start when there is none.
    const boundary = text.lastIndexOf(' ', start) + 1;
    if (matches[0]!.start - boundary <= LEAD * 2) start = boundary;
  }
  const end = Math.min(text.length, start + width);
  const parts: SnippetPart[] = [];
  const plain = (from: number, to: number) => { if (to > from) parts.push({ text: text.slice(from, to), match: false }); };
  let cursor = start;
  for (const match of matches) {
    if (match.start >= end) break;
    plain(cursor, match.start);
    parts.push({ text: text.slice(match.start, Math.min(match.end, end)), match: true });
    cursor = Math.min(match.end, end);
  }
  plain(cursor, end);
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
