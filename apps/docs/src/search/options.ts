/**
 * Search index options, shared by the build (scripts/prerender.ts writes dist/search-index.json) and the
 * browser (which loads that file lazily): MiniSearch needs the same options on both sides.
 */
import type { SearchSection } from './sections.ts';

export interface SearchDocument {
  id: string;
  path: string;
  title: string;
  section: string;
  description: string;
  headings: string;
  text: string;
  /** The page's h2/h3 with their ids (stored, not searched), so a hit can link to its section. */
  sections: SearchSection[];
}

export const SEARCH_INDEX_FILE = 'search-index.json';

export const SEARCH_OPTIONS = {
  fields: ['title', 'headings', 'description', 'text'],
  storeFields: ['path', 'title', 'section', 'description', 'sections'],
  searchOptions: {
    boost: { title: 4, headings: 2, description: 1.5 },
    prefix: true,
    fuzzy: 0.15,
    combineWith: 'AND',
  },
} as const;
