/** The table of contents of a page, from its headings (pure, so it is unit tested). */
import type { PageHeading } from './slug.ts';

/** Pages with fewer headings than this get no table of contents. */
export const MIN_TOC_HEADINGS = 2;

export interface TocNode extends PageHeading {
  children: PageHeading[];
}

/** Nests each `h3` under the `h2` before it; an `h3` with no `h2` before it stays at the top level. */
export function nestHeadings(headings: PageHeading[]): TocNode[] {
  const roots: TocNode[] = [];
  for (const heading of headings) {
    const parent = roots.at(-1);
    if (heading.depth > 2 && parent && parent.depth === 2) parent.children.push(heading);
    else roots.push({ ...heading, children: [] });
  }
  return roots;
}
