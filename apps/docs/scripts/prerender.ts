/**
 * Step two of `pnpm build` (after the client build): builds the server entry with Vite, renders every
 * route to static HTML in dist/<route>/index.html (readable without JavaScript, hydrated when it runs),
 * preloads each page's own chunk, writes dist/404.html, and builds the full-text search index (one
 * document per section) from the rendered pages.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { DOCS_ROOT } from '../plugins/paths.ts';
import { buildSearchIndex } from '../plugins/search-index.ts';
import { SEARCH_INDEX_FILE } from '../src/search/options.ts';
import type { RenderedForSearch } from '../src/search/rendered.ts';
import { pageSourceFile, renderDocument } from './html.ts';

const dist = resolve(DOCS_ROOT, 'dist');
const ssrOut = resolve(DOCS_ROOT, '.ssr');

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

await build({
  root: DOCS_ROOT,
  configFile: resolve(DOCS_ROOT, 'vite.config.ts'),
  logLevel: 'warn',
  build: { ssr: 'src/entry-server.tsx', outDir: ssrOut, emptyOutDir: true, manifest: false },
});

const server = (await import(
  pathToFileURL(join(ssrOut, 'entry-server.js')).href
)) as typeof import('../src/entry-server.tsx');
const template = readFileSync(join(dist, 'index.html'), 'utf8');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;
const entry = Object.values(manifest).find((chunk) => (chunk as { isEntry?: boolean }).isEntry);

/** The page's chunk and the chunks it imports, minus what index.html already loads. */
function preloadsFor(source: string): string[] {
  const files = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) walk(imported);
  };
  walk(source);
  if (!manifest[source]) throw new Error(`prerender: ${source} is not in the client build manifest.`);
  if (entry) {
    files.delete(entry.file);
    for (const imported of entry.imports ?? []) files.delete(manifest[imported]?.file ?? '');
  }
  return [...files].map((file) => `/${file}`);
}

const searchPages: RenderedForSearch[] = [];
for (const page of server.PAGES) {
  const rendered = await server.render(page.path);
  const html = renderDocument(template, {
    title: rendered.title,
    description: page.description,
    body: rendered.html,
    preloads: preloadsFor(pageSourceFile(page.path)),
  });
  const file = join(dist, page.path, 'index.html');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
  if (rendered.search) searchPages.push(rendered.search);
}

const notFound = await server.render('/404/');
writeFileSync(
  join(dist, '404.html'),
  renderDocument(template, {
    title: notFound.title,
    description: 'Page not found',
    body: notFound.html,
    preloads: [],
  }),
);

writeFileSync(join(dist, SEARCH_INDEX_FILE), buildSearchIndex(searchPages));
rmSync(ssrOut, { recursive: true, force: true });
process.stdout.write(
  `prerendered ${server.PAGES.length} pages + 404.html, search index of ${searchPages.length} pages\n`,
);
