/** Server entry, used only at build time by scripts/prerender.ts to turn each route into static HTML. */
import { renderToString } from 'react-dom/server';
import { App, documentTitle } from './App.tsx';
import { PAGES, type PageInfo, pageFor } from './pages.ts';

export { PAGES };

export interface RenderedPage {
  html: string;
  title: string;
  page: PageInfo | undefined;
}

export async function render(path: string): Promise<RenderedPage> {
  const page = pageFor(path);
  const module = page ? await page.load() : undefined;
  const html = renderToString(
    <App path={page?.path ?? path} content={module?.default} headings={module?.headings} />,
  );
  return { html, title: documentTitle(page), page };
}
