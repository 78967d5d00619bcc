import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentTitle } from '../src/App.tsx';
import { PAGES } from '../src/pages.ts';
import {
  AXE_PATH,
  DIST,
  openSite,
  SCREENSHOTS,
  type Site,
  shotName,
  visit,
  watchErrors,
} from './e2e-helpers.ts';

let site: Site;
let page: Page;
let errors: string[];

beforeAll(async () => {
  site = await openSite();
  page = await site.context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await site?.close();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(p: Page): Promise<string[]> {
  await p.addScriptTag({ path: AXE_PATH });
  const violations = (await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const links = new Map<string, string>(); // target → first page linking to it

describe.each(PAGES.map((p) => [p.path, p] as const))('page %s', (path, info) => {
  // Four axe runs on the largest generated API page take minutes on a busy machine; bounded all the same.
  const timeout = path.startsWith('/reference/api/') ? 480_000 : 120_000;
  it(
    'renders its title and heading, without console errors, and passes axe (1280 and 390 px, light and dark)',
    async () => {
      errors.length = 0;
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: 'light' });
      await visit(page, site.server.url + path);
      expect(await page.title()).toBe(documentTitle(info));
      expect(await page.locator('main h1').textContent()).toBe(info.title);
      expect(await page.locator('nav.sidebar a[aria-current="page"]').textContent()).toBe(info.title);
      for (const href of await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''))) {
        if (href.startsWith('/') || href.startsWith('#')) {
          const target = href.startsWith('#') ? `${path}${href}` : href;
          if (!links.has(target)) links.set(target, path);
        }
      }
      await page.screenshot({
        path: join(SCREENSHOTS, `${shotName(path)}-desktop.png`),
        fullPage: !path.startsWith('/reference/api/'),
      });
      expect(await seriousViolations(page)).toEqual([]);

      await page.emulateMedia({ colorScheme: 'dark' });
      await visit(page, site.server.url + path);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({
        path: join(SCREENSHOTS, `${shotName(path)}-desktop-dark.png`),
        fullPage: !path.startsWith('/reference/api/'),
      });

      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 390, height: 844 });
      await visit(page, site.server.url + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: join(SCREENSHOTS, `${shotName(path)}-mobile.png`),
        fullPage: !path.startsWith('/reference/api/'),
      });
      expect(await seriousViolations(page)).toEqual([]);

      await page.emulateMedia({ colorScheme: 'dark' });
      await visit(page, site.server.url + path);
      expect(await seriousViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(errors).toEqual([]);
    },
    timeout,
  );
});

describe('links', () => {
  it('every internal link resolves to a page, and every #fragment to an element on it', () => {
    expect(links.size).toBeGreaterThan(PAGES.length);
    const broken: string[] = [];
    for (const [target, from] of links) {
      const [pathPart = '', hash] = target.split('#');
      const file = pathPart.endsWith('/') ? join(DIST, pathPart, 'index.html') : join(DIST, pathPart);
      if (!existsSync(file)) {
        broken.push(`${target} (linked from ${from}): no such page`);
        continue;
      }
      if (hash && pathPart.endsWith('/')) {
        const html = readFileSync(file, 'utf8');
        if (!html.includes(`id="${decodeURIComponent(hash)}"`))
          broken.push(`${target} (linked from ${from}): no #${hash}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('a path that is not a page gets the 404 page with status 404', async () => {
    const response = await page.goto(`${site.server.url}/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
  });
});

describe('navigation', () => {
  it('moves between pages on the client with sidebar and previous/next links', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    errors.length = 0;
    await visit(page, `${site.server.url}/`);
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'same document';
    });
    await page.locator('nav.sidebar').getByRole('link', { name: 'Tokens', exact: true }).click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Tokens');
    expect(page.url()).toBe(`${site.server.url}/tokens/`);
    expect(await page.title()).toBe(documentTitle(PAGES.find((p) => p.path === '/tokens/')));
    await page.locator('a[rel="next"]').click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Trial access and test tokens');
    await page.locator('a[rel="prev"]').click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Tokens');
    await page.goBack();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Trial access and test tokens');
    // Still the same document: client-side routing, no full reload.
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      'same document',
    );
    // Focus moved to the new heading for screen readers and keyboard users.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(errors).toEqual([]);
  });

  it('has a skip link as the first tab stop, and visible focus', async () => {
    await visit(page, `${site.server.url}/oauth-flow/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement as Element).outlineStyle,
    }));
    expect(focused.text).toBe('Skip to content');
    expect(focused.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#main$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('opens the mobile menu and closes it after navigating', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, `${site.server.url}/`);
    const sidebar = page.locator('nav.sidebar');
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect.poll(() => sidebar.isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'mobile-menu-open.png') });
    // The open menu starts below the top bar: its first heading is not covered.
    const topbarBottom = await page.locator('.topbar').evaluate((t) => t.getBoundingClientRect().bottom);
    const firstHeading = await sidebar
      .locator('h2')
      .first()
      .evaluate((h) => h.getBoundingClientRect().top);
    expect(firstHeading).toBeGreaterThanOrEqual(topbarBottom);
    await sidebar.getByRole('link', { name: 'Scopes', exact: true }).click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Scopes');
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('dark mode', () => {
  it('follows the system, and the toggle overrides it and persists', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await visit(page, `${site.server.url}/tokens/`);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await background();
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background()).not.toBe(dark);
    await visit(page, `${site.server.url}/tokens/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByRole('button', { name: 'Dark mode' }).click();
    await visit(page, `${site.server.url}/`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.evaluate(() => localStorage.clear());
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('copy buttons', () => {
  it('copy a code block exactly', async () => {
    await site.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.server.url });
    await visit(page, `${site.server.url}/redirect-uris/`);
    const figure = page.locator('figure.sample').first();
    await figure.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => figure.locator('.copy-button').textContent()).toMatch(/^Copied/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await figure.locator('pre').textContent());
    expect(copied).toContain('redirectUris');
  });
});

/** Chunks of the generated API reference: its data (a `callHtml` key) and the component reading it. */
function apiReferenceChunks(): string[] {
  return readdirSync(resolve(DIST, 'assets'))
    .filter(
      (f) => f.endsWith('.js') && readFileSync(resolve(DIST, 'assets', f), 'utf8').match(/\bcallHtml\b/),
    )
    .map((f) => `/assets/${f}`);
}

/** Every script a prerendered page loads: its entry and its modulepreloads. */
function scriptsOf(path: string): string[] {
  const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
  return [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('first page weight', () => {
  it('loads the generated API reference only on its own pages', () => {
    const chunks = apiReferenceChunks();
    const apiPages = PAGES.filter((p) => p.path.startsWith('/reference/api/'));
    expect(apiPages.length).toBeGreaterThanOrEqual(9);
    // One data chunk per group, plus the shared component that renders them.
    expect(chunks.length).toBe(apiPages.length + 1);
    for (const info of PAGES) {
      const loaded = scriptsOf(info.path).filter((s) => chunks.includes(s));
      expect(loaded, info.path).toHaveLength(info.path.startsWith('/reference/api/') ? 2 : 0);
    }
  });

  it('ships at most 90 KB of gzipped JavaScript to the first page, none of it API reference', async () => {
    const scripts: string[] = [];
    const fresh = await site.context.newPage();
    fresh.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(new URL(response.url()).pathname);
    });
    await visit(fresh, `${site.server.url}/`);
    await fresh.close();
    expect(scripts.length).toBeGreaterThan(0);
    const gzipBytes = scripts.reduce(
      (sum, path) => sum + gzipSync(readFileSync(resolve(DIST, `.${path}`))).length,
      0,
    );
    expect(gzipBytes).toBeLessThanOrEqual(90 * 1024);
    const api = apiReferenceChunks();
    expect(scripts.filter((s) => api.includes(s))).toEqual([]);
  });
});

interface SectionHeading {
  id: string;
  text: string;
  anchorHref: string | null;
  anchorName: string | null;
}

/** Section headings of the article (not the hidden titles inside the interactive tools), and the TOCs. */
async function sectionsOf(p: Page) {
  return p.evaluate(() => {
    const headings = [...document.querySelectorAll<HTMLElement>('main article h2, main article h3')]
      .filter((h) => !h.closest('.tool'))
      .map((h) => {
        const anchor = h.parentElement?.querySelector(':scope > a.anchor-link');
        return {
          id: h.id,
          text: h.textContent ?? '',
          anchorHref: anchor?.getAttribute('href') ?? null,
          anchorName: anchor?.getAttribute('aria-label') ?? null,
        };
      });
    const hrefs = (selector: string) =>
      [...document.querySelectorAll(selector)].map((a) => a.getAttribute('href') ?? '');
    return {
      headings,
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      column: hrefs('nav.toc-column a'),
      inline: hrefs('nav.toc-inline a'),
    };
  }) as Promise<{ headings: SectionHeading[]; ids: string[]; column: string[]; inline: string[] }>;
}

describe('heading anchors and "On this page"', () => {
  it.each(PAGES.map((p) => [p.path]))(
    '%s: every section heading has a unique anchor, and the contents list links to them',
    async (path) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, site.server.url + path);
      const { headings, ids, column, inline } = await sectionsOf(page);
      expect(new Set(ids).size, `duplicate ids: ${ids.join(' ')}`).toBe(ids.length);
      for (const h of headings) {
        expect(h.id, h.text).toMatch(/^[\p{L}\p{N}_-]+$/u);
        expect(h.anchorHref).toBe(`#${h.id}`);
        expect(h.anchorName).toMatch(/^Link to section: \S/);
        expect(h.text.startsWith(h.anchorName?.slice('Link to section: '.length) ?? '?')).toBe(true);
      }
      if (headings.length >= 2) {
        expect(column).toEqual(headings.map((h) => `#${h.id}`));
        expect(inline).toEqual(column);
        for (const href of column) expect(ids).toContain(href.slice(1));
        expect(await page.locator('nav.toc-column').isVisible()).toBe(true);
        expect(await page.locator('nav.toc-inline').isVisible()).toBe(false);
      } else {
        expect(await page.locator('nav.toc').count()).toBe(0);
      }
    },
  );

  it('a guide page has at least one anchored heading per section in its contents', async () => {
    await visit(page, `${site.server.url}/troubleshooting/`);
    const { headings } = await sectionsOf(page);
    expect(headings.map((h) => h.id)).toContain('wsl-or-ssh-the-browser-cannot-reach-the-callback');
    expect(headings.length).toBeGreaterThanOrEqual(8);
  });

  it('clicking an entry targets its heading and highlights it; scrolling moves the highlight', async () => {
    errors.length = 0;
    await page.setViewportSize({ width: 1280, height: 900 });
    await visit(page, `${site.server.url}/many-instances/`);
    const toc = page.locator('nav.toc-column');
    await toc.getByRole('link', { name: 'Key layout', exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${site.server.url}/many-instances/#key-layout`);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('key-layout');
    const top = await page.locator('#key-layout').evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
    await expect.poll(() => toc.locator('a[aria-current="true"]').getAttribute('href')).toBe('#key-layout');
    // Scroll (no click) to an earlier section: the highlight follows.
    await page.locator('#when-you-need-it').evaluate((h) => h.scrollIntoView());
    await expect
      .poll(() => toc.locator('a[aria-current="true"]').getAttribute('href'))
      .toBe('#when-you-need-it');
    // The heading's own "#" link shows on hover, and points at itself.
    const heading = page.locator('#when-you-need-it');
    await heading.hover();
    const anchor = page.getByRole('link', { name: 'Link to section: When you need it' });
    await expect.poll(() => anchor.evaluate((a) => getComputedStyle(a).opacity)).toBe('1');
    expect(errors).toEqual([]);
  });

  it('on a phone the contents are collapsed above the page, and an entry jumps to its heading', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, `${site.server.url}/tokens/`);
    expect(await page.locator('nav.toc-column').isVisible()).toBe(false);
    const inline = page.locator('nav.toc-inline');
    expect(await inline.isVisible()).toBe(true);
    const entry = inline.getByRole('link', { name: 'When a token dies early' });
    expect(await entry.isVisible()).toBe(false);
    await inline.locator('summary').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'toc-mobile-open.png') });
    await entry.click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector(':target')?.id))
      .toBe('when-a-token-dies-early');
    const top = await page.locator('#when-a-token-dies-early').evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
