/** Loaded only when the search box first opens: MiniSearch and the prebuilt index. */
import MiniSearch, { type SearchResult } from 'minisearch';
import { SEARCH_INDEX_FILE, SEARCH_OPTIONS, type SearchDocument } from './options.ts';

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
  return (query) => {
    const trimmed = query.trim();
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
