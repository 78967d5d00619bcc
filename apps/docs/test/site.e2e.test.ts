import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { documentTitle } from '../src/App.tsx';
import { PAGES } from '../src/pages.ts';
import { AXE_PATH, DIST, SCREENSHOTS, shotName, siteForFile, visit } from './e2e-helpers.ts';

const web = siteForFile();

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Rules whose outcome depends on colours: all that a theme can change (the rest run in the light theme). */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Serious and critical axe violations on the page: of every rule, or of `rules` only. */
async function seriousViolations(p: Page, rules?: string[]): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ path: AXE_PATH });
  const violations = (await p.evaluate(async (runOnly) => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, options: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    // Every rule runs on every element; only the details of passing checks are skipped (axe builds a
    // selector for each passing element otherwise, about half of its time on the large pages).
    return (await axe.run(document, { resultTypes: ['violations'], ...(runOnly ? { runOnly } : {}) }))
      .violations;
  }, rules)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The styled kinds of element on the page: tag, classes and inline style. Colours and layout come from
 * these, so pages that between them hold every kind are the ones whose colour contrast can differ.
 */
async function elementKinds(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const kinds = new Set<string>();
    for (const el of document.querySelectorAll('body *')) {
      const classes = [...el.classList].sort().map((c) => `.${c}`);
      const style = el.getAttribute('style');
      kinds.add(`${el.tagName.toLowerCase()}${classes.join('')}${style ? `[style="${style}"]` : ''}`);
    }
    return [...kinds];
  });
}

/**
 * Every page passes axe in the light theme at 1280 px. The dark theme changes colours only: its colour
 * rules are checked on these pages, which
 * between them hold every kind of element of the site (the test "the dark-theme pages hold…" proves it
 * and names a page to add when a new kind appears elsewhere); no colour depends on the width, so the
 * phone width is checked on pages showing its own controls (menu button, folded contents list), in both
 * themes.
 */
const DARK_PAGES = [
  '/',
  '/register-your-app/',
  '/oauth-flow/',
  '/trial-access/',
  '/many-instances/',
  '/mock/',
  '/guides/incremental-consent/',
  '/templates/fastify/',
  '/templates/react-spa/',
  '/tools/redirect-uri-checker/',
  '/tools/consent-url-builder/',
  '/tools/scope-finder/',
  '/tools/token-inspector/',
  '/reference/auth-core/',
  '/reference/api/integrations-and-oauth/',
];
const PHONE_PAGES = ['/', '/trial-access/', '/tools/redirect-uri-checker/'];

/** Screenshots of the whole page, except the long reference pages (their top is enough to look at). */
const wholePage = (path: string) => !path.startsWith('/reference/');

const links = new Map<string, string>(); // target → first page linking to it
const kindsOf = new Map<string, string[]>(); // page → its element kinds

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

/** Every section heading has a unique anchor, and the contents list (shown at 1280 px) links to them. */
async function expectAnchoredSections(p: Page): Promise<void> {
  const { headings, ids, column, inline } = await sectionsOf(p);
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
    expect(await p.locator('nav.toc-column').isVisible()).toBe(true);
    expect(await p.locator('nav.toc-inline').isVisible()).toBe(false);
  } else {
    expect(await p.locator('nav.toc').count()).toBe(0);
  }
}

describe.each(PAGES.map((p) => [p.path, p] as const))('page %s', (path, info) => {
  it('renders its title, heading and anchored sections without console errors, passes axe (light, 1280 px), fits 390 px', async () => {
    const { page, errors } = web;
    errors.length = 0;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    await visit(page, web.site.server.url + path);
    expect(await page.title()).toBe(documentTitle(info));
    expect(await page.locator('main h1').textContent()).toBe(info.title);
    expect(await page.locator('nav.sidebar a[aria-current="page"]').textContent()).toBe(info.title);
    for (const href of await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      if (href.startsWith('/') || href.startsWith('#')) {
        const target = href.startsWith('#') ? `${path}${href}` : href;
        if (!links.has(target)) links.set(target, path);
      }
    }
    await expectAnchoredSections(page);
    kindsOf.set(path, await elementKinds(page));
    await page.screenshot({
      path: join(SCREENSHOTS, `${shotName(path)}-desktop.png`),
      fullPage: wholePage(path),
    });
    expect(await seriousViolations(page)).toEqual([]);

    // Narrowed in place: the layout follows the width by CSS alone.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(SCREENSHOTS, `${shotName(path)}-mobile.png`),
      fullPage: wholePage(path),
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });
});

describe('themes and widths', () => {
  it('the dark-theme pages hold every kind of element found on any page', () => {
    expect(kindsOf.size).toBe(PAGES.length);
    const covered = new Set(DARK_PAGES.flatMap((path) => kindsOf.get(path) ?? []));
    const missing = new Map<string, string>(); // kind → a page holding it
    for (const [path, kinds] of kindsOf)
      for (const kind of kinds) if (!covered.has(kind) && !missing.has(kind)) missing.set(kind, path);
    expect(
      [...missing].map(([kind, path]) => `${kind} (only on ${path}: add a page holding it to DARK_PAGES)`),
    ).toEqual([]);
  });

  it.each(DARK_PAGES.map((p) => [p]))('%s passes axe colour rules in the dark theme', async (path) => {
    const { page, errors } = web;
    errors.length = 0;
    await page.emulateMedia({ colorScheme: 'dark' });
    await visit(page, web.site.server.url + path);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await seriousViolations(page, COLOUR_RULES)).toEqual([]);
    await page.screenshot({
      path: join(SCREENSHOTS, `${shotName(path)}-desktop-dark.png`),
      fullPage: wholePage(path),
    });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });

  it.each(PHONE_PAGES.map((p) => [p]))('%s passes axe at 390 px, light and dark', async (path) => {
    const { page, errors } = web;
    errors.length = 0;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await visit(page, web.site.server.url + path);
      expect(await page.locator('button.menu-button').isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });

  it('the phone pages show the folded contents list', async () => {
    await web.page.setViewportSize({ width: 390, height: 844 });
    let shown = 0;
    for (const path of PHONE_PAGES) {
      await visit(web.page, web.site.server.url + path);
      if (await web.page.locator('nav.toc-inline').isVisible()) shown++;
    }
    await web.page.setViewportSize({ width: 1280, height: 900 });
    expect(shown).toBeGreaterThan(0);
  });
});

describe('links', () => {
  it('every internal link resolves to a page, and every #fragment to an element on it', () => {
    expect(links.size).toBeGreaterThan(PAGES.length);
    const broken: string[] = [];
    const idsOf = new Map<string, Set<string>>(); // a page's ids, read once (not once per link)
    for (const [target, from] of links) {
      const [pathPart = '', hash] = target.split('#');
      const file = pathPart.endsWith('/') ? join(DIST, pathPart, 'index.html') : join(DIST, pathPart);
      if (!existsSync(file)) {
        broken.push(`${target} (linked from ${from}): no such page`);
        continue;
      }
      if (hash && pathPart.endsWith('/')) {
        const ids =
          idsOf.get(file) ??
          new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? ''));
        idsOf.set(file, ids);
        if (!ids.has(decodeURIComponent(hash))) broken.push(`${target} (linked from ${from}): no #${hash}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('a path that is not a page gets the 404 page with status 404', async () => {
    const response = await web.page.goto(`${web.site.server.url}/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await web.page.locator('h1').textContent()).toBe('Page not found');
  });
});

describe('navigation', () => {
  it('moves between pages on the client with sidebar and previous/next links', async () => {
    await web.page.setViewportSize({ width: 1280, height: 900 });
    web.errors.length = 0;
    await visit(web.page, `${web.site.server.url}/`);
    await web.page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'same document';
    });
    await web.page.locator('nav.sidebar').getByRole('link', { name: 'Tokens', exact: true }).click();
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Tokens');
    expect(web.page.url()).toBe(`${web.site.server.url}/tokens/`);
    expect(await web.page.title()).toBe(documentTitle(PAGES.find((p) => p.path === '/tokens/')));
    await web.page.locator('a[rel="next"]').click();
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Trial access and test tokens');
    await web.page.locator('a[rel="prev"]').click();
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Tokens');
    await web.page.goBack();
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Trial access and test tokens');
    // Still the same document: client-side routing, no full reload.
    expect(await web.page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      'same document',
    );
    // Focus moved to the new heading for screen readers and keyboard users.
    expect(await web.page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(web.errors).toEqual([]);
  });

  it('has a skip link as the first tab stop, and visible focus', async () => {
    await visit(web.page, `${web.site.server.url}/oauth-flow/`);
    await web.page.keyboard.press('Tab');
    const focused = await web.page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement as Element).outlineStyle,
    }));
    expect(focused.text).toBe('Skip to content');
    expect(focused.outline).not.toBe('none');
    await web.page.keyboard.press('Enter');
    expect(web.page.url()).toMatch(/#main$/);
    expect(await web.page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('opens the mobile menu and closes it after navigating', async () => {
    await web.page.setViewportSize({ width: 390, height: 844 });
    await visit(web.page, `${web.site.server.url}/`);
    const sidebar = web.page.locator('nav.sidebar');
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    await web.page.getByRole('button', { name: 'Menu' }).click();
    await expect.poll(() => sidebar.isVisible()).toBe(true);
    await web.page.screenshot({ path: join(SCREENSHOTS, 'mobile-menu-open.png') });
    // The open menu starts below the top bar: its first heading is not covered.
    const topbarBottom = await web.page.locator('.topbar').evaluate((t) => t.getBoundingClientRect().bottom);
    const firstHeading = await sidebar
      .locator('h2')
      .first()
      .evaluate((h) => h.getBoundingClientRect().top);
    expect(firstHeading).toBeGreaterThanOrEqual(topbarBottom);
    await sidebar.getByRole('link', { name: 'Scopes', exact: true }).click();
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Scopes');
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    await web.page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('dark mode', () => {
  it('follows the system, and the toggle overrides it and persists', async () => {
    await web.page.emulateMedia({ colorScheme: 'dark' });
    await visit(web.page, `${web.site.server.url}/tokens/`);
    const background = () => web.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await web.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await background();
    const toggle = web.page.getByRole('button', { name: 'Dark mode' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await web.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background()).not.toBe(dark);
    await visit(web.page, `${web.site.server.url}/tokens/`);
    expect(await web.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await web.page.getByRole('button', { name: 'Dark mode' }).click();
    await visit(web.page, `${web.site.server.url}/`);
    expect(await web.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await web.page.evaluate(() => localStorage.clear());
    await web.page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('copy buttons', () => {
  it('copy a code block exactly', async () => {
    await web.site.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: web.site.server.url,
    });
    await visit(web.page, `${web.site.server.url}/redirect-uris/`);
    const figure = web.page.locator('figure.sample').first();
    await figure.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => figure.locator('.copy-button').textContent()).toMatch(/^Copied/);
    const copied = await web.page.evaluate(() => navigator.clipboard.readText());
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
    const fresh = await web.site.context.newPage();
    fresh.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(new URL(response.url()).pathname);
    });
    await visit(fresh, `${web.site.server.url}/`);
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

describe('heading anchors and "On this page"', () => {
  it('a guide page has at least one anchored heading per section in its contents', async () => {
    await visit(web.page, `${web.site.server.url}/troubleshooting/`);
    const { headings } = await sectionsOf(web.page);
    expect(headings.map((h) => h.id)).toContain('wsl-or-ssh-the-browser-cannot-reach-the-callback');
    expect(headings.length).toBeGreaterThanOrEqual(8);
  });

  it('clicking an entry targets its heading and highlights it; scrolling moves the highlight', async () => {
    web.errors.length = 0;
    await web.page.setViewportSize({ width: 1280, height: 900 });
    await visit(web.page, `${web.site.server.url}/many-instances/`);
    const toc = web.page.locator('nav.toc-column');
    await toc.getByRole('link', { name: 'Key layout', exact: true }).click();
    await expect.poll(() => web.page.url()).toBe(`${web.site.server.url}/many-instances/#key-layout`);
    expect(await web.page.evaluate(() => document.querySelector(':target')?.id)).toBe('key-layout');
    const top = await web.page.locator('#key-layout').evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
    await expect.poll(() => toc.locator('a[aria-current="true"]').getAttribute('href')).toBe('#key-layout');
    // Scroll (no click) to an earlier section: the highlight follows.
    await web.page.locator('#when-you-need-it').evaluate((h) => h.scrollIntoView());
    await expect
      .poll(() => toc.locator('a[aria-current="true"]').getAttribute('href'))
      .toBe('#when-you-need-it');
    // The heading's own "#" link shows on hover, and points at itself.
    const heading = web.page.locator('#when-you-need-it');
    await heading.hover();
    const anchor = web.page.getByRole('link', { name: 'Link to section: When you need it' });
    await expect.poll(() => anchor.evaluate((a) => getComputedStyle(a).opacity)).toBe('1');
    expect(web.errors).toEqual([]);
  });

  it('on a phone the contents are collapsed above the page, and an entry jumps to its heading', async () => {
    await web.page.setViewportSize({ width: 390, height: 844 });
    await visit(web.page, `${web.site.server.url}/tokens/`);
    expect(await web.page.locator('nav.toc-column').isVisible()).toBe(false);
    const inline = web.page.locator('nav.toc-inline');
    expect(await inline.isVisible()).toBe(true);
    const entry = inline.getByRole('link', { name: 'When a token dies early' });
    expect(await entry.isVisible()).toBe(false);
    await inline.locator('summary').click();
    await web.page.screenshot({ path: join(SCREENSHOTS, 'toc-mobile-open.png') });
    await entry.click();
    await expect
      .poll(() => web.page.evaluate(() => document.querySelector(':target')?.id))
      .toBe('when-a-token-dies-early');
    const top = await web.page
      .locator('#when-a-token-dies-early')
      .evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
    await web.page.setViewportSize({ width: 1280, height: 900 });
  });
});
