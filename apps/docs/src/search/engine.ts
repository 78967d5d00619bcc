/** Loaded only when the search box first opens: MiniSearch and the prebuilt index. */
import MiniSearch from 'minisearch';
import { SEARCH_INDEX_FILE, SEARCH_OPTIONS } from './options.ts';
import { type SearchSection, sectionForMatch } from './sections.ts';

export interface SearchHit {
  path: string;
  /** Where to go: the page, or the section whose heading the query matched (`/tokens/#lifetimes`). */
  href: string;
  /** That section's heading, if any. */
  heading: string | undefined;
  title: string;
  section: string;
  description: string;
}

export type Searcher = (query: string) => SearchHit[];

export async function loadSearcher(): Promise<Searcher> {
  const response = await fetch(`/${SEARCH_INDEX_FILE}`);
  if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
  const index = MiniSearch.loadJSON(await response.text(), {
    fields: [...SEARCH_OPTIONS.fields],
    storeFields: [...SEARCH_OPTIONS.storeFields],
    searchOptions: { ...SEARCH_OPTIONS.searchOptions, boost: { ...SEARCH_OPTIONS.searchOptions.boost } },
  });
  return (query) =>
    index
      .search(query)
      .slice(0, 8)
      .map((r) => {
        const section = sectionForMatch(r.match, (r.sections as SearchSection[] | undefined) ?? []);
        return {
          path: String(r.path),
          href: section ? `${String(r.path)}#${section.id}` : String(r.path),
          heading: section?.text,
          title: String(r.title),
          section: String(r.section),
          description: String(r.description),
        };
      });
}
