/**
 * Words as search sees them: runs of characters between spaces, line breaks and punctuation (MiniSearch's default
 * split, so `$x^2` stays one word), lower-cased. Indexing, querying and highlighting all use these two functions,
 * so a highlighted word is always one the index matched.
 */
const WORD = /[^\n\r\p{Z}\p{P}]+/gu;

export interface Word {
  term: string;
  start: number;
  end: number;
}

/** Every word of a text with its position in the original string. */
export function* wordsOf(text: string): Generator<Word> {
  for (const match of text.matchAll(WORD)) {
    yield { term: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length };
  }
}

export interface QueryTerm {
  term: string;
  /** Longer words also match the words they begin ("integ" finds "integral"); short ones only themselves. */
  prefix: boolean;
}

/** Distinct words of a query; every one must match (AND). */
export function queryTerms(query: string): QueryTerm[] {
  const seen = new Set<string>();
  for (const { term } of wordsOf(query)) seen.add(term);
  return [...seen].map((term) => ({ term, prefix: term.length > 3 }));
}

export function termMatches(word: string, query: QueryTerm): boolean {
  return query.prefix ? word.startsWith(query.term) : word === query.term;
}
