/**
 * A keyboard-only walk: navigation (desktop and the phone menu), search, and every tool, using Tab,
 * Enter, Space, arrows and typing only — no clicks. Every control of each tool must be reachable by Tab.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { siteForFile, visit } from './e2e-helpers.ts';

const web = siteForFile();

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
    await web.page.setViewportSize({ width: 1280, height: 900 });
    await visit(web.page, `${web.site.server.url}/`);
    await tabTo(web.page, 'nav.sidebar a[href="/tokens/"]');
    await web.page.keyboard.press('Enter');
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Tokens');
    expect(await web.page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // Onwards with Tab from the heading: the next page link is reachable too.
    await tabTo(web.page, 'a[rel="next"]', 200);
    await web.page.keyboard.press('Enter');
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Trial access and test tokens');
  });

  it('opens the phone menu with Enter and follows a link in it', async () => {
    await web.page.setViewportSize({ width: 390, height: 844 });
    await visit(web.page, `${web.site.server.url}/`);
    await tabTo(web.page, 'button.menu-button');
    await web.page.keyboard.press('Enter');
    await expect.poll(() => web.page.locator('nav.sidebar').isVisible()).toBe(true);
    await tabTo(web.page, 'nav.sidebar a[href="/redirect-uris/"]');
    await web.page.keyboard.press('Enter');
    await expect.poll(() => web.page.locator('main h1').textContent()).toBe('Redirect URIs');
    await expect.poll(() => web.page.locator('nav.sidebar').isVisible()).toBe(false);
    await web.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('reaches the scrolling sequence diagram on a phone', async () => {
    await web.page.setViewportSize({ width: 390, height: 844 });
    await visit(web.page, `${web.site.server.url}/oauth-flow/`);
    await tabTo(web.page, '.diagram-scroll');
    const scrolls = await web.page.evaluate(() => {
      const box = document.activeElement as HTMLElement;
      return box.scrollWidth > box.clientWidth;
    });
    expect(scrolls).toBe(true);
    await web.page.keyboard.press('ArrowRight');
    await expect
      .poll(() => web.page.locator('.diagram-scroll').evaluate((b) => b.scrollLeft))
      .toBeGreaterThan(0);
    await web.page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('search by keyboard', () => {
  it('opens with the search button (Tab, Enter), moves with the arrows, opens a hit with Enter', async () => {
    await visit(web.page, `${web.site.server.url}/`);
    await tabTo(web.page, 'button.search-button');
    await web.page.keyboard.press('Enter');
    const box = web.page.getByRole('combobox', { name: 'Search the docs' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await web.page.keyboard.type('test token');
    const options = web.page.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    await web.page.keyboard.press('ArrowDown');
    await web.page.keyboard.press('ArrowUp');
    await web.page.keyboard.press('ArrowDown');
    const second = await options.nth(1).getAttribute('href');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    await web.page.keyboard.press('Enter');
    await expect.poll(() => new URL(web.page.url()).pathname + new URL(web.page.url()).hash).toBe(second);
  });

  it('Escape closes it and gives focus back to the button', async () => {
    await visit(web.page, `${web.site.server.url}/`);
    await tabTo(web.page, 'button.search-button');
    await web.page.keyboard.press('Enter');
    await web.page.keyboard.type('scope');
    await web.page.keyboard.press('Escape');
    expect(
      await web.page.locator('dialog.search-dialog').evaluate((d) => (d as HTMLDialogElement).open),
    ).toBe(false);
    expect(await web.page.evaluate(() => document.activeElement?.className)).toContain('search-button');
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
    await visit(web.page, `${web.site.server.url}/tools/redirect-uri-checker/`);
    await tabTo(web.page, 'main section.tool textarea');
    await web.page.keyboard.press('Control+A');
    await web.page.keyboard.type('http://localhost:3000/auth/callback');
    await web.page.keyboard.press('Tab');
    await web.page.keyboard.press('Control+A');
    await web.page.keyboard.type('http://localhost:3000/auth/callback/');
    const result = web.page.getByTestId('redirect-result').first();
    await expect.poll(() => result.locator('[data-verdict]').getAttribute('data-verdict')).toBe('mismatch');
    await visit(web.page, `${web.site.server.url}/tools/redirect-uri-checker/`);
    expect(await unreachedControls(web.page)).toEqual([]);
  });

  it('consent URL builder: type the App ID, tick a scope with Space, get a new state with Enter', async () => {
    await visit(web.page, `${web.site.server.url}/tools/consent-url-builder/`);
    await tabTo(web.page, 'main section.tool input[type="text"]');
    await web.page.keyboard.press('Control+A');
    await web.page.keyboard.type('1000001');
    await tabTo(web.page, 'main section.tool input[type="checkbox"]');
    const wasChecked = await web.page.evaluate(() => (document.activeElement as HTMLInputElement).checked);
    await web.page.keyboard.press('Space');
    expect(await web.page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(
      !wasChecked,
    );
    const output = web.page.getByTestId('consent-url');
    const before = new URL((await output.textContent()) ?? '').searchParams.get('state');
    await tabTo(web.page, 'main section.tool button');
    expect(await focusedText(web.page)).toBe('New state value');
    await web.page.keyboard.press('Enter');
    await expect
      .poll(async () => new URL((await output.textContent()) ?? '').searchParams.get('state'))
      .not.toBe(before);
    await visit(web.page, `${web.site.server.url}/tools/consent-url-builder/`);
    expect(await unreachedControls(web.page)).toEqual([]);
  });

  it('scope finder: filter by typing, pick an operation with Space', async () => {
    await visit(web.page, `${web.site.server.url}/tools/scope-finder/`);
    await tabTo(web.page, 'main section.tool input[type="search"], main section.tool input[type="text"]');
    await web.page.keyboard.type('create pin');
    await tabTo(web.page, 'input[data-operation="pins/create"]');
    await web.page.keyboard.press('Space');
    await expect.poll(() => web.page.getByTestId('scope-env').textContent()).toContain('pins:write');
  });

  it('token inspector: paste a bare token, read what it can and cannot tell', async () => {
    await visit(web.page, `${web.site.server.url}/tools/token-inspector/`);
    await tabTo(web.page, 'main section.tool textarea');
    await web.page.keyboard.press('Control+A');
    await web.page.keyboard.type('pinr_keyboard_canary');
    const result = web.page.getByTestId('token-result');
    await expect.poll(() => result.locator('[data-kind]').getAttribute('data-kind')).toBe('bare');
    expect(await result.locator('[data-token-kind]').getAttribute('data-token-kind')).toBe('refresh');
    expect(await result.getByTestId('bare-unknown').textContent()).toMatch(/carries no date/);
    expect(await result.textContent()).not.toContain('canary');
    await visit(web.page, `${web.site.server.url}/tools/token-inspector/`);
    expect(await unreachedControls(web.page)).toEqual([]);
    expect(web.errors).toEqual([]);
  });
});
