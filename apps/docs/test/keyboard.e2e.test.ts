/**
 * A keyboard-only walk: navigation (desktop and the phone menu), search, and every tool, using Tab,
 * Enter, Space, arrows and typing only — no clicks. Every control of each tool must be reachable by Tab.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site, visit, watchErrors } from './e2e-helpers.ts';

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

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(p: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

const focusedText = (p: Page) => p.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

describe('navigation by keyboard', () => {
  it('reaches a sidebar link with Tab and opens it with Enter; focus moves to the new heading', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await visit(page, `${site.server.url}/`);
    await tabTo(page, 'nav.sidebar a[href="/tokens/"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Tokens');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // Onwards with Tab from the heading: the next page link is reachable too.
    await tabTo(page, 'a[rel="next"]', 200);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Trial access and test tokens');
  });

  it('opens the phone menu with Enter and follows a link in it', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, `${site.server.url}/`);
    await tabTo(page, 'button.menu-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('nav.sidebar').isVisible()).toBe(true);
    await tabTo(page, 'nav.sidebar a[href="/redirect-uris/"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Redirect URIs');
    await expect.poll(() => page.locator('nav.sidebar').isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('reaches the scrolling sequence diagram on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, `${site.server.url}/oauth-flow/`);
    await tabTo(page, '.diagram-scroll');
    const scrolls = await page.evaluate(() => {
      const box = document.activeElement as HTMLElement;
      return box.scrollWidth > box.clientWidth;
    });
    expect(scrolls).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.diagram-scroll').evaluate((b) => b.scrollLeft)).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('search by keyboard', () => {
  it('opens with the search button (Tab, Enter), moves with the arrows, opens a hit with Enter', async () => {
    await visit(page, `${site.server.url}/`);
    await tabTo(page, 'button.search-button');
    await page.keyboard.press('Enter');
    const box = page.getByRole('combobox', { name: 'Search the docs' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('test token');
    const options = page.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    const second = await options.nth(1).getAttribute('href');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).hash).toBe(second);
  });

  it('Escape closes it and gives focus back to the button', async () => {
    await visit(page, `${site.server.url}/`);
    await tabTo(page, 'button.search-button');
    await page.keyboard.press('Enter');
    await page.keyboard.type('scope');
    await page.keyboard.press('Escape');
    expect(await page.locator('dialog.search-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(
      false,
    );
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('search-button');
  });
});

/** Tabs through a tool and returns which of its controls were never focused. */
async function unreachedControls(p: Page): Promise<string[]> {
  await p.evaluate(() => {
    for (const el of document.querySelectorAll(
      'main section.tool :is(input, textarea, select, button, a[href])',
    ))
      el.setAttribute('data-unreached', '');
    document.addEventListener('focusin', (e) => (e.target as Element).removeAttribute?.('data-unreached'));
  });
  const total = await p.locator('main section.tool [data-unreached]').count();
  for (let i = 0; i < total + 40; i++) await p.keyboard.press('Tab');
  return p.$$eval('main section.tool [data-unreached]', (els) =>
    els.map((e) => `${e.tagName.toLowerCase()} ${e.getAttribute('aria-label') ?? e.id ?? ''}`),
  );
}

describe('every tool by keyboard', () => {
  it('redirect URI checker: type both URIs, read the verdict', async () => {
    await visit(page, `${site.server.url}/tools/redirect-uri-checker/`);
    await tabTo(page, 'main section.tool textarea');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('http://localhost:3000/auth/callback');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('http://localhost:3000/auth/callback/');
    const result = page.getByTestId('redirect-result').first();
    await expect.poll(() => result.locator('[data-verdict]').getAttribute('data-verdict')).toBe('mismatch');
    await visit(page, `${site.server.url}/tools/redirect-uri-checker/`);
    expect(await unreachedControls(page)).toEqual([]);
  });

  it('consent URL builder: type the App ID, tick a scope with Space, get a new state with Enter', async () => {
    await visit(page, `${site.server.url}/tools/consent-url-builder/`);
    await tabTo(page, 'main section.tool input[type="text"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1000001');
    await tabTo(page, 'main section.tool input[type="checkbox"]');
    const wasChecked = await page.evaluate(() => (document.activeElement as HTMLInputElement).checked);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(!wasChecked);
    const output = page.getByTestId('consent-url');
    const before = new URL((await output.textContent()) ?? '').searchParams.get('state');
    await tabTo(page, 'main section.tool button');
    expect(await focusedText(page)).toBe('New state value');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => new URL((await output.textContent()) ?? '').searchParams.get('state'))
      .not.toBe(before);
    await visit(page, `${site.server.url}/tools/consent-url-builder/`);
    expect(await unreachedControls(page)).toEqual([]);
  });

  it('scope finder: filter by typing, pick an operation with Space', async () => {
    await visit(page, `${site.server.url}/tools/scope-finder/`);
    await tabTo(page, 'main section.tool input[type="search"], main section.tool input[type="text"]');
    await page.keyboard.type('create pin');
    await tabTo(page, 'input[data-operation="pins/create"]');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('scope-env').textContent()).toContain('pins:write');
  });

  it('token inspector: paste a bare token, read what it can and cannot tell', async () => {
    await visit(page, `${site.server.url}/tools/token-inspector/`);
    await tabTo(page, 'main section.tool textarea');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('pinr_keyboard_canary');
    const result = page.getByTestId('token-result');
    await expect.poll(() => result.locator('[data-kind]').getAttribute('data-kind')).toBe('bare');
    expect(await result.locator('[data-token-kind]').getAttribute('data-token-kind')).toBe('refresh');
    expect(await result.getByTestId('bare-unknown').textContent()).toMatch(/carries no date/);
    expect(await result.textContent()).not.toContain('canary');
    await visit(page, `${site.server.url}/tools/token-inspector/`);
    expect(await unreachedControls(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
