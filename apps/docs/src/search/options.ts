/**
 * Search index options, shared by the build (plugins/search-index.ts writes dist/search-index.json, and
 * serves it under `vite dev`) and the browser (which loads that file lazily): MiniSearch needs the same
 * options on both sides.
 *
 * One document per section of a page (the part under each h2/h3, plus the page's introduction), so a hit
 * lands on the section that answers the query. Fields are ranked: a section's heading and a page's title
 * count most, the page's description next, body text least.
 */
import { processTerm, tokenize } from './terms.ts';

export interface SearchDocument {
  /** `path` or `path#section`. */
  id: string;
  /** Page URL. */
  path: string;
  /** Where a hit goes: the page (its introduction) or `path#id` (a section). */
  href: string;
  /** The page's title on its introduction (searched), empty on its sections. */
  title: string;
  /** The section's heading, empty for the introduction. */
  heading: string;
  /** The page's title again on its sections, so "tokens lifetimes" finds Tokens › Lifetimes. */
  page: string;
  /** The sidebar group (Guide, Tools, …), for display. */
  section: string;
  /** The page's one-line description on its introduction (searched), empty on its sections. */
  description: string;
  text: string;
  /** Shown in the hit, not searched: the page's title and description. */
  pageTitle: string;
  blurb: string;
}

export const SEARCH_INDEX_FILE = 'search-index.json';

/** Maximum edits a query word may be away from an indexed word: none for short words, 2 from 7 letters. */
export function fuzziness(term: string): number {
  if (term.length <= 3) return 0;
  return term.length <= 6 ? 1 : 2;
}

export const SEARCH_OPTIONS = {
  fields: ['title', 'heading', 'page', 'description', 'text'],
  storeFields: ['path', 'href', 'heading', 'section', 'pageTitle', 'blurb'],
  tokenize,
  processTerm,
  searchOptions: {
    boost: { title: 6, heading: 5, description: 2, page: 1.5, text: 1 },
    prefix: (term: string) => term.length >= 3,
    fuzzy: fuzziness,
    // A whole-word match counts much more than a typo's or a prefix's.
    weights: { fuzzy: 0.3, prefix: 0.4 },
    combineWith: 'AND',
  },
} as const;
