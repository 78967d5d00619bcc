/** Shared set-up of the browser tests: the built site on a loopback static server, and real Chromium. */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { launchBrowser } from '@kit/test-utils';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DOCS_ROOT } from '../plugins/paths.ts';
import { type StaticServer, startStaticServer } from './static-server.ts';

export const DIST = resolve(DOCS_ROOT, 'dist');
export const SCREENSHOTS = resolve(DOCS_ROOT, 'reports/screenshots');
export const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Site {
  server: StaticServer;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openSite(options: Parameters<typeof launchBrowser>[0] = {}): Promise<Site> {
  if (!existsSync(resolve(DIST, 'index.html')) || !existsSync(resolve(DIST, 'search-index.json'))) {
    throw new Error('apps/docs/dist is missing or incomplete: run `pnpm --filter @kit/docs build` first.');
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startStaticServer(DIST);
  const { context, close } = await launchBrowser({ viewport: { width: 1280, height: 900 }, ...options });
  return {
    server,
    context,
    close: async () => {
      await close();
      await server.close();
    },
  };
}

/** What {@link siteForFile} opened for a test file: the site, one page on it, and that page's errors so far. */
export interface SiteSession {
  readonly site: Site;
  readonly page: Page;
  /** Console errors and uncaught exceptions of `page`; a test may empty it before what it checks. */
  readonly errors: string[];
}

/**
 * The set-up of a browser test file: opens the site and one page watched for errors before the file's
 * tests, closes them after. Call once at the top of the file; read the fields inside tests.
 */
export function siteForFile(): SiteSession {
  let opened: { site: Site; page: Page; errors: string[] } | undefined;
  beforeAll(async () => {
    const site = await openSite();
    const page = await site.context.newPage();
    opened = { site, page, errors: watchErrors(page) };
  });
  afterAll(async () => {
    await opened?.site.close();
  });
  const current = () => {
    if (!opened) throw new Error('siteForFile(): the site is open only inside tests and hooks of the file');
    return opened;
  };
  return {
    get site() {
      return current().site;
    },
    get page() {
      return current().page;
    },
    get errors() {
      return current().errors;
    },
  };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** Opens a path and waits until React has hydrated it. */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

/** The file name of a page's screenshots: `/tools/scope-finder/` → `tools-scope-finder`. */
export function shotName(path: string): string {
  return path.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'index';
}
