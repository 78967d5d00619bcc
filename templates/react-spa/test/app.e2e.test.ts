/**
 * End to end in real Chromium: the built SPA served by the BFF in production mode, the Pinterest mock as
 * Pinterest. Login → Allow → profile and boards → more boards on scroll and by button → a board's Pins →
 * logout; Deny → a friendly message; a replayed callback URL → rejected without a second code exchange.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, SCREENSHOTS, startBrowserStack } from './helpers/browser-stack.js';
import type { Stack } from './helpers/stack.js';

describe('the SPA in Chromium', () => {
  let shared: BrowserStack;
  let stack: Stack;
  let browser: BrowserStack['browser'];
  let page: Page;

  beforeAll(async () => {
    shared = await startBrowserStack();
    ({ stack, browser, page } = shared);
  });
  afterEach(async () => {
    expect(await shared.takePageErrors(), 'Content-Security-Policy violations or script errors').toEqual([]);
  });
  afterAll(() => shared?.close());

  const boardCount = () => page.locator('[data-testid="boards"] > li').count();
  const pinCount = () => page.locator('[data-testid="pins"] > li').count();

  async function loginWithAllow(): Promise<string> {
    await page.getByRole('button', { name: /Log in/ }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.mock.oauthUrl}/oauth/`));
    const callbackSeen = page.waitForRequest((request) =>
      request.url().startsWith(`${stack.publicBase}/auth/callback`),
    );
    await page.locator('#allow').click();
    const callbackUrl = (await callbackSeen).url();
    await page.getByTestId('username').waitFor();
    return callbackUrl;
  }

  it('logs in through the consent page, shows mock_alice and her boards, pages, opens Pins, logs out', async () => {
    await page.goto(`${stack.publicBase}/`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'See your Pinterest boards' }).isVisible())
      .toBe(true);
    await loginWithAllow();

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('username').textContent()).toBe('@mock_alice');
    await expect.poll(boardCount).toBe(25);
    await page.screenshot({ path: join(SCREENSHOTS, 'react-spa-boards.png') });

    // Infinite scroll: bringing the end of the grid into view loads the next page.
    await page.locator('.list-footer__sentinel').scrollIntoViewIfNeeded();
    await expect.poll(boardCount).toBe(50);
    // The keyboard-friendly fallback does the same.
    const more = page.getByRole('button', { name: 'Load more boards' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(boardCount).toBe(60);
    await expect.poll(() => page.getByText('That’s all your boards.').isVisible()).toBe(true);

    // A board's Pins.
    await page.locator('[data-testid="boards"] > li a').first().click();
    await page.waitForURL(/\/boards\/5000001000000001$/);
    await expect.poll(() => page.getByRole('heading', { name: /Summer recipes/ }).isVisible()).toBe(true);
    await expect.poll(pinCount).toBe(25);
    expect(await page.locator('[data-testid="pins"] img').first().getAttribute('alt')).toBe(
      'Photo for Summer recipes #1',
    );
    await page.locator('.list-footer__sentinel').scrollIntoViewIfNeeded();
    await expect.poll(pinCount).toBe(50);
    await page.screenshot({ path: join(SCREENSHOTS, 'react-spa-pins.png') });

    // A reload on a client-side route is served index.html by the BFF, and the board name comes from the proxy.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: /Summer recipes/ }).isVisible()).toBe(true);

    // Nothing in the page's reach holds a token: document.cookie is empty (the session cookie is HttpOnly).
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const html = await page.content();
    expect(html).not.toMatch(/pin[arc]_/);

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.getByText('You are logged out.').isVisible()).toBe(true);
    const session = await page.evaluate(async () => (await fetch('/api/session')).json());
    expect(session).toMatchObject({ authenticated: false });
    expect(await stack.auth.getTokens('1000000000000000001')).toBeUndefined();
  });

  it('Deny on the consent page → a friendly message, still logged out', async () => {
    await page.goto(`${stack.publicBase}/`);
    await page.getByRole('button', { name: 'Log in with Pinterest' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.mock.oauthUrl}/oauth/`));
    await page.locator('#deny').click();
    await expect
      .poll(() => page.getByText('You chose not to connect your Pinterest account').isVisible())
      .toBe(true);
    expect(new URL(page.url()).search).toBe(''); // the login_error parameter is removed from the address bar
    await page.screenshot({ path: join(SCREENSHOTS, 'react-spa-denied.png') });
    expect(await page.getByRole('button', { name: 'Log in with Pinterest' }).isVisible()).toBe(true);
  });

  it('a replayed callback URL is rejected cleanly and its code is not exchanged again', async () => {
    await page.goto(`${stack.publicBase}/`);
    const callbackUrl = await loginWithAllow();
    const exchanges = () =>
      stack.mock.control.tokenRequests().filter((e) => e.grantType === 'authorization_code').length;
    const before = exchanges();

    await page.goto(callbackUrl);
    await expect
      .poll(() => page.getByText('That login link has expired or was already used').isVisible())
      .toBe(true);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(exchanges()).toBe(before);

    // A browser without any cookie (someone who got hold of the URL): the same refusal, still logged out.
    await browser.context.clearCookies();
    await page.goto(callbackUrl);
    await expect
      .poll(() => page.getByText('That login link has expired or was already used').isVisible())
      .toBe(true);
    expect(await page.getByRole('button', { name: 'Log in with Pinterest' }).isVisible()).toBe(true);
    expect(exchanges()).toBe(before);
  });

  it('when Pinterest stops accepting the login, offers "Log in again" and comes back to the same board', async () => {
    await page.goto(`${stack.publicBase}/`);
    await loginWithAllow();
    await expect.poll(boardCount).toBe(25);
    stack.mock.control.revokeAllTokensOf('1000000000000000001'); // e.g. a password change on Pinterest

    await page.locator('[data-testid="boards"] > li a').first().click();
    const again = page.getByRole('button', { name: 'Log in again' });
    await again.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'react-spa-reauth.png') });
    expect(await page.getByText('Please log in again').first().isVisible()).toBe(true);
    expect(await page.evaluate(async () => (await fetch('/api/session')).json())).toMatchObject({
      authenticated: false,
    });

    await again.click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.mock.oauthUrl}/oauth/`));
    await page.locator('#allow').click();
    await page.waitForURL(`${stack.publicBase}/boards/5000001000000001`);
    await expect.poll(pinCount).toBe(25);
  });
});
