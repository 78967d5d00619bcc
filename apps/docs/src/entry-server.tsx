/**
 * Server entry: used at build time by scripts/prerender.ts to turn each route into static HTML, and under
 * `vite dev` by plugins/search-index.ts to build the search index from the pages as they are.
 */
import { renderToString } from 'react-dom/server';
import { App, documentTitle } from './App.tsx';
import { PAGES, type PageInfo, pageFor } from './pages.ts';
import { articleOf, type RenderedForSearch } from './search/rendered.ts';

export { PAGES };

export interface RenderedPage {
  html: string;
  title: string;
  page: PageInfo | undefined;
  /** The page as the search index reads it (undefined for the 404 page). */
  search: RenderedForSearch | undefined;
}

export async function render(path: string): Promise<RenderedPage> {
  const page = pageFor(path);
  const module = page ? await page.load() : undefined;
  const html = renderToString(
    <App path={page?.path ?? path} content={module?.default} headings={module?.headings} />,
  );
  const search = page && {
    path: page.path,
    title: page.title,
    section: page.section,
    description: page.description,
    articleHtml: articleOf(html),
    headings: (module?.headings ?? []).map(({ id, text }) => ({ id, text })),
  };
  return { html, title: documentTitle(page), page, search };
}
