/** Loaded only when the search box first opens: MiniSearch and the prebuilt index. */
import MiniSearch, { type SearchResult } from 'minisearch';
import { fuzziness, SEARCH_INDEX_FILE, SEARCH_OPTIONS, type SearchDocument } from './options.ts';

export interface SearchHit {
  path: string;
  /** Where to go: the page, or the section that answers the query (`/tokens/#lifetimes`). */
  href: string;
  /** That section's heading, if the hit is a section. */
  heading: string | undefined;
  title: string;
  section: string;
  description: string;
}

export type Searcher = (query: string) => SearchHit[];

/** How many hits the box shows, and how many of them may come from one page. */
const MAX_HITS = 8;
const MAX_PER_PAGE = 3;

function toHit(r: SearchResult): SearchHit {
  return {
    path: String(r.path),
    href: String(r.href),
    heading: r.heading ? String(r.heading) : undefined,
    title: String(r.pageTitle),
    section: String(r.section),
    description: String(r.blurb),
  };
}

/** Builds the searcher from the serialised index (the text of search-index.json). Pure: tests call it. */
export function createSearcher(json: string): Searcher {
  const index = MiniSearch.loadJSON<SearchDocument>(json, {
    ...SEARCH_OPTIONS,
    fields: [...SEARCH_OPTIONS.fields],
    storeFields: [...SEARCH_OPTIONS.storeFields],
  });
  /**
   * A word found nowhere is taken as a typo and replaced by the indexed word it most likely meant: the
   * nearest one (fuzzy, by edit distance) found in the most sections. "refersh" becomes "refresh" and then
   * ranks as the real word does, not as a weak fuzzy match.
   */
  const corrected = (word: string): string => {
    const exact = { fuzzy: false, prefix: false } as const;
    const term = SEARCH_OPTIONS.processTerm(word);
    if (!term || index.search(word, exact).length > 0) return word;
    const counts = new Map<string, number>();
    for (const r of index.search(word, { fuzzy: fuzziness(term), prefix: false })) {
      for (const t of r.terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    let best = word;
    let bestCount = 0;
    for (const [t, n] of counts) {
      if (n > bestCount) [best, bestCount] = [t, n];
    }
    return best;
  };
  return (query) => {
    const trimmed = SEARCH_OPTIONS.tokenize(query.trim()).map(corrected).join(' ');
    if (!trimmed) return [];
    // Every word must match (AND); if none does, any word may (OR), so a stray word never empties the list.
    let results = index.search(trimmed);
    if (results.length === 0) results = index.search(trimmed, { combineWith: 'OR' });
    const perPage = new Map<string, number>();
    const hits: SearchHit[] = [];
    for (const r of results) {
      const count = perPage.get(String(r.path)) ?? 0;
      if (count >= MAX_PER_PAGE) continue;
      perPage.set(String(r.path), count + 1);
      hits.push(toHit(r));
      if (hits.length === MAX_HITS) break;
    }
    return hits;
  };
}

export async function loadSearcher(): Promise<Searcher> {
  const response = await fetch(`/${SEARCH_INDEX_FILE}`);
  if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
  return createSearcher(await response.text());
}
