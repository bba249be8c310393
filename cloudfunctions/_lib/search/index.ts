import { PolicySearchIndex } from './engine';
import { analyzeQuery } from './query';
import type { SearchDoc, SearchIndex } from './types';
import { Vocabulary } from './vocabulary';

export { MARK_CLOSE, MARK_OPEN, SNIPPET_CHARS } from './highlight';
export { MAX_QUERY_CHARS } from './query';
/**
 * Search over policy answers and notices, in memory: build once per warm function
 * instance (≤ 10,000 documents), query many times. See docs/DESIGN.md, "Policy search".
 */
export type { SearchDoc, SearchHit, SearchIndex } from './types';

export function createSearchIndex(docs: SearchDoc[]): SearchIndex {
  return new PolicySearchIndex(docs);
}

let lexiconOnly: Vocabulary | undefined;

/**
 * What the engine understood, for "did you mean" and for the empty state's next step.
 * Read against the lexicon and synonym table alone (no index at hand), so pinyin and
 * typos resolve to the domain's words: "ylj" → 养老金, "年申" → 年审.
 */
export function explainQuery(query: string): { terms: string[]; expanded: string[] } {
  lexiconOnly ??= new Vocabulary([]);
  return analyzeQuery(query, lexiconOnly).explained;
}
