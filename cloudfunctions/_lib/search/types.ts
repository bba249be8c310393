/** A policy answer or a notice as the content function hands it to the search index. */
export interface SearchDoc {
  id: string;
  kind: 'answer' | 'notice';
  title: string;
  /** Plain text, no HTML. */
  body: string;
  category?: string;
  keywords?: string[];
}

export interface SearchHit {
  id: string;
  kind: 'answer' | 'notice';
  score: number;
  /**
   * The title, and a snippet of the body of at most 80 characters (markers not counted),
   * with matches wrapped as [[…]] markers (the client turns them into highlighted spans;
   * never HTML). Square brackets of the text itself come back full-width (［ ］).
   */
  titleMarked: string;
  snippetMarked: string;
}

export interface SearchIndex {
  search(query: string, opts?: { limit?: number; kind?: 'answer' | 'notice' }): SearchHit[];
  readonly size: number;
}
