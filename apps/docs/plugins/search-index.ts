/**
 * The full-text search index: one document per section of every page, cut from the page's rendered HTML
 * (so generated content — the API reference, the scope table — is searchable too). `pnpm build` writes it
 * to dist/search-index.json (scripts/prerender.ts); under `vite dev` this plugin serves the same file,
 * rendering the pages through Vite's SSR loader on each request, so search works without a build.
 */
import MiniSearch from 'minisearch';
import type { Plugin } from 'vite';
import { htmlToText } from '../scripts/html.ts';
import { SEARCH_INDEX_FILE, SEARCH_OPTIONS, type SearchDocument } from '../src/search/options.ts';
import type { RenderedForSearch } from '../src/search/rendered.ts';

/**
 * Cuts a page into its introduction and one document per h2/h3 section. Only headings listed in
 * `headings` start a section (a tool's visually hidden title does not).
 */
export function sectionDocuments(page: RenderedForSearch): SearchDocument[] {
  const known = new Map(page.headings.map((h) => [h.id, h.text]));
  const starts: { at: number; id: string; end: number }[] = [];
  for (const m of page.articleHtml.matchAll(/<h([23])[^>]*\sid="([^"]+)"[^>]*>[\s\S]*?<\/h\1>/g)) {
    const id = m[2] ?? '';
    if (known.has(id)) starts.push({ at: m.index ?? 0, id, end: (m.index ?? 0) + m[0].length });
  }
  const docs: SearchDocument[] = [];
  const intro = htmlToText(page.articleHtml.slice(0, starts[0]?.at ?? page.articleHtml.length));
  docs.push({
    id: page.path,
    path: page.path,
    href: page.path,
    title: page.title,
    heading: '',
    page: '',
    section: page.section,
    description: page.description,
    text: intro,
    pageTitle: page.title,
    blurb: page.description,
  });
  starts.forEach((start, i) => {
    const next = starts[i + 1]?.at ?? page.articleHtml.length;
    docs.push({
      id: `${page.path}#${start.id}`,
      path: page.path,
      href: `${page.path}#${start.id}`,
      title: '',
      heading: known.get(start.id) ?? '',
      page: page.title,
      section: page.section,
      description: '',
      // The anchor link after each heading is a lone "#": drop it from the text.
      text: htmlToText(page.articleHtml.slice(start.end, next)).replace(/^#\s*/, ''),
      pageTitle: page.title,
      blurb: page.description,
    });
  });
  return docs;
}

/**
 * The serialised index. The introduction is searched by title and description; a section by its heading
 * and its page's title; both by their text.
 */
export function buildSearchIndex(pages: RenderedForSearch[]): string {
  const index = new MiniSearch<SearchDocument>({
    ...SEARCH_OPTIONS,
    fields: [...SEARCH_OPTIONS.fields],
    storeFields: [...SEARCH_OPTIONS.storeFields],
  });
  index.addAll(pages.flatMap(sectionDocuments));
  return JSON.stringify(index);
}

interface ServerEntry {
  PAGES: { path: string }[];
  render(path: string): Promise<{ search: RenderedForSearch | undefined }>;
}

/** Serves `/search-index.json` under `vite dev`, built from the pages as they are now. */
export function searchIndexPlugin(): Plugin {
  return {
    name: 'kit-docs-search-index',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (req.url?.split('?')[0] !== `/${SEARCH_INDEX_FILE}`) return next();
        try {
          const entry = (await server.ssrLoadModule('/src/entry-server.tsx')) as ServerEntry;
          const rendered = await Promise.all(entry.PAGES.map((p) => entry.render(p.path)));
          const pages = rendered.flatMap((r) => (r.search ? [r.search] : []));
          res.setHeader('Content-Type', 'application/json');
          res.setHeader('Cache-Control', 'no-store');
          res.end(buildSearchIndex(pages));
        } catch (error) {
          next(error);
        }
      });
    },
  };
}
