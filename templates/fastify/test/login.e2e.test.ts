/**
 * The whole app in real Chromium against the Pinterest mock: log in (Allow), see mock_alice and the boards,
 * page on, log out; Deny; a replayed callback URL; two logins in two tabs (W2). Every page visited (home,
 * profile, boards, a board, the problem pages) passes axe (nothing serious or critical) and fits a 390 px phone.
 */

import { fileURLToPath } from 'node:url';
import type { PinterestMock } from '@kit/pinterest-mock';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { type BrowserStack, startBrowserStack } from './helpers.js';
import { checkPage } from './page-checks.js';

let stack: BrowserStack;
let mock: PinterestMock;
let built: BuiltApp;
let origin: string;
let context: BrowserContext;

/** Screenshots land in reports/screenshots/ for a human look (not compared). */
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: fileURLToPath(new URL(`../reports/screenshots/${name}.png`, import.meta.url)),
    fullPage: true,
  });

const codeExchanges = () =>
  mock.control.tokenRequests().filter((r) => r.grantType === 'authorization_code').length;

beforeAll(async () => {
  stack = await startBrowserStack();
  ({ mock, built, origin } = stack);
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(async () => {
  context = stack.browser.context;
  await context.clearCookies();
});
afterEach(async () => {
  for (const page of context.pages()) await page.close();
});

async function startLogin(page: Page): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('main').getByRole('link', { name: 'Log in with Pinterest' }).click();
  await page.waitForURL(`${mock.oauthUrl}/oauth/**`);
}

describe('in Chromium', () => {
  it('Login → Allow → profile and boards → next page → logout', async () => {
    const page = await context.newPage();
    // The cookie's expiry is its receipt time + Max-Age; the receipt lies between these two readings.
    const before = Math.floor(Date.now() / 1000);
    await startLogin(page);
    const stateCookie = (await context.cookies(origin)).find((c) => c.name === 'pinterest-login-state');
    const after = Math.ceil(Date.now() / 1000);
    expect(stateCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    expect(stateCookie?.expires).toBeGreaterThanOrEqual(before + 600);
    expect(stateCookie?.expires).toBeLessThanOrEqual(after + 600);

    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${origin}/profile`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('mock_alice');
    expect(await page.content()).toContain('@mock_alice');
    await shot(page, 'profile');
    await checkPage(page, true);
    const cookies = await context.cookies(origin);
    expect(cookies.find((c) => c.name === 'pinterest-login-state')).toBeUndefined();
    expect(cookies.find((c) => c.name === 'sid')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
    });

    await page.getByRole('link', { name: 'See your boards' }).click();
    await page.waitForURL(`${origin}/boards`);
    const firstPage = await page.locator('.card h2').allTextContents();
    expect(firstPage).toHaveLength(25);
    await shot(page, 'boards');
    await checkPage(page, true);
    // One board's Pins, then back to the list.
    await page.locator('.card-link').first().click();
    await page.waitForURL(/\/boards\/\d+$/);
    expect(await page.textContent('h1')).toBe(firstPage[0]);
    expect(await page.locator('ul.pins > li').count()).toBe(25);
    await shot(page, 'board-pins');
    await checkPage(page, true);
    await page.goBack();
    await page.waitForURL(`${origin}/boards`);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/\/boards\?bookmark=/);
    const secondPage = await page.locator('.card h2').allTextContents();
    expect(secondPage).toHaveLength(25);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${origin}/`);
    await expect
      .poll(() => page.getByRole('main').getByRole('link', { name: 'Log in with Pinterest' }).count())
      .toBe(1);
    expect(await built.auth.getTokens('1000000000000000001')).toBeUndefined();
    await checkPage(page, false); // home, signed out
    await page.goto(`${origin}/boards`);
    expect(await page.textContent('h1')).toBe('Log in to see this page');
    await checkPage(page, false);
    await page.goto(`${origin}/no-such-page`);
    expect(await page.textContent('h1')).toBe('Page not found');
    await checkPage(page, false);
  });

  it('Deny → a friendly message, no session', async () => {
    const page = await context.newPage();
    const before = codeExchanges();
    await startLogin(page);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${origin}/auth/problem?reason=denied`);
    expect(await page.textContent('h1')).toBe('You did not connect Pinterest');
    await shot(page, 'denied');
    await checkPage(page, false);
    expect((await context.cookies(origin)).find((c) => c.name === 'sid')).toBeUndefined();
    expect(codeExchanges()).toBe(before);
  });

  it('a replayed callback URL is rejected and the code is not exchanged again', async () => {
    const page = await context.newPage();
    let callbackUrl: string | undefined;
    page.on('request', (request) => {
      if (request.url().startsWith(`${origin}/auth/callback?`)) callbackUrl = request.url();
    });
    await startLogin(page);
    const before = codeExchanges();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${origin}/profile`);
    expect(callbackUrl).toContain('code=');
    const response = await page.goto(callbackUrl as string);
    expect(page.url()).toBe(`${origin}/auth/problem?reason=expired`);
    expect(response?.status()).toBe(400);
    expect(await page.textContent('h1')).toBe('That login has expired — please try again');
    await checkPage(page, true); // still signed in from the login just before
    expect(codeExchanges()).toBe(before + 1);
  });

  it('W2: two tabs log in; the older one says "try again", the newer one logs in', async () => {
    const older = await context.newPage();
    await startLogin(older);
    const newer = await context.newPage();
    await startLogin(newer);

    await older.getByRole('button', { name: 'Allow' }).click();
    await older.waitForURL(`${origin}/auth/problem?reason=expired`);
    expect(await older.textContent('h1')).toBe('That login has expired — please try again');

    await newer.getByRole('button', { name: 'Allow' }).click();
    await newer.waitForURL(`${origin}/profile`);
    expect(await newer.content()).toContain('@mock_alice');
  });
});
