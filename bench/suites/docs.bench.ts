/**
 * Docs site (apps/docs): how long `pnpm --filter @kit/docs build` takes (client build, server build and
 * prerendering of every page), what the first page ships (gzip), the heaviest page, and what the generated
 * Pinterest API reference weighs and where it loads. The 90 KB gzip budget for the first page's JavaScript
 * is the baseline row; nothing is asserted here (apps/docs/test/site.e2e.test.ts asserts the budget).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { printTable, type Row } from '../lib/report.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'apps/docs/dist');
/** 90 KB of gzipped JavaScript, in bytes. */
const BUDGET_BYTES = 90 * 1024;
const BUDGET_ROW = 'first-page JS budget (90 KB)';

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file)).length;
}

/** Scripts, preloads and stylesheets an HTML page asks for. */
function assetsOf(html: string): { js: string[]; css: string[] } {
  const js = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? '');
  return { js: [...new Set(js)], css: [...new Set(css)] };
}

function htmlPages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'assets' || name === '.vite' ? [] : htmlPages(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

function weigh(page: string): { js: number; css: number; html: number } {
  const html = readFileSync(page, 'utf8');
  const { js, css } = assetsOf(html);
  const sum = (files: string[]) => files.reduce((total, href) => total + gzipBytes(join(DIST, href)), 0);
  return { js: sum(js), css: sum(css), html: gzipBytes(page) };
}

export async function run(): Promise<void> {
  const started = performance.now();
  const build = spawnSync('pnpm', ['--filter', '@kit/docs', 'run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  const buildSeconds = (performance.now() - started) / 1000;
  if (build.status !== 0) {
    process.stderr.write(`docs build failed:\n${build.stdout}\n${build.stderr}\n`);
    return;
  }
  const first = weigh(join(DIST, 'index.html'));
  const pages = htmlPages(DIST).filter((p) => !p.endsWith('404.html'));
  const weights = pages.map((page) => {
    const w = weigh(page);
    return { page: `/${relative(DIST, page).replace(/index\.html$/, '')}`, total: w.js + w.css + w.html };
  });
  const heaviest = weights.reduce((a, b) => (b.total > a.total ? b : a));
  const searchIndex = gzipBytes(join(DIST, 'search-index.json'));
  // Chunks of generated API reference data (its data has a `callHtml` key; the component reading it names it too), and the pages
  // that load one: it must be the API reference pages alone.
  const assets = join(DIST, 'assets');
  const apiChunks = readdirSync(assets)
    .filter((f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').match(/\bcallHtml\b/))
    .map((f) => `/assets/${f}`);
  const apiBytes = apiChunks.reduce((total, href) => total + gzipBytes(join(DIST, href)), 0);
  const loadingApi = pages.filter((p) =>
    assetsOf(readFileSync(p, 'utf8')).js.some((js) => apiChunks.includes(js)),
  );
  const outsideApi = loadingApi.filter((p) => !relative(DIST, p).startsWith('reference/api/'));
  const rows: Row[] = [
    { name: BUDGET_ROW, value: BUDGET_BYTES, unit: 'bytes gzip', higherIsBetter: false },
    {
      name: 'first-page JS (entry + page chunk)',
      value: first.js,
      unit: 'bytes gzip',
      baseline: BUDGET_ROW,
      higherIsBetter: false,
    },
    {
      name: 'first-page CSS',
      value: first.css,
      unit: 'bytes gzip',
      baseline: BUDGET_ROW,
      higherIsBetter: false,
    },
    {
      name: 'first-page HTML',
      value: first.html,
      unit: 'bytes gzip',
      baseline: BUDGET_ROW,
      higherIsBetter: false,
    },
    {
      name: 'largest page weight (HTML+JS+CSS)',
      value: heaviest.total,
      unit: 'bytes gzip',
      baseline: BUDGET_ROW,
      higherIsBetter: false,
      note: heaviest.page,
    },
    {
      name: 'search index (loaded on first search)',
      value: searchIndex,
      unit: 'bytes gzip',
      baseline: BUDGET_ROW,
      higherIsBetter: false,
    },
    {
      name: 'API reference data and component, all groups',
      value: apiBytes,
      unit: 'bytes gzip',
      baseline: BUDGET_ROW,
      higherIsBetter: false,
      note: `${apiChunks.length} chunks`,
    },
    {
      name: 'pages outside the API reference loading its data',
      value: outsideApi.length,
      unit: 'pages',
      higherIsBetter: false,
      note:
        outsideApi.length === 0
          ? 'none: loaded only on its own pages'
          : outsideApi.map((p) => relative(DIST, p)).join(', '),
    },
    {
      name: 'build time (vite + prerender)',
      value: buildSeconds,
      unit: 's',
      higherIsBetter: false,
      note: `${pages.length} pages`,
    },
  ];
  printTable('docs site: build time and page weight', rows);
}
