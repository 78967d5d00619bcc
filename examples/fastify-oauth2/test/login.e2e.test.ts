/**
 * The example in real Chromium against the Pinterest mock: Log in → Allow → name and boards → refresh the
 * tokens → log out; Deny; two logins in two tabs (the state limit of @fastify/oauth2, see the README).
 */
import type { Server } from 'node:http';
import { fingerprint } from '@kit/auth-core';
import { DEFAULT_APP, type PinterestMock } from '@kit/pinterest-mock';
import { launchBrowser } from '@kit/test-utils';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { SESSION_COOKIE } from '../src/login.js';
import { buildTestApp, listeningServer, startMock, tokenRequests } from './helpers.js';

let mock: PinterestMock;
let built: BuiltApp;
let server: Server;
let origin: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;

beforeAll(async () => {
  const listening = await listeningServer();
  server = listening.server;
  // The app on localhost, the mock on 127.0.0.1: two sites, as the app and www.pinterest.com are.
  origin = `http://localhost:${listening.port}`;
  mock = await startMock(`${origin}/auth/callback`);
  built = await buildTestApp(mock, `${origin}/auth/callback`);
  await built.app.ready();
  server.on('request', built.app.routing);
  browser = await launchBrowser();
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
  await built?.app.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await mock?.close();
});
beforeEach(async () => {
  mock.control.reset();
  mock.control.addRedirectUri(DEFAULT_APP.appId, `${origin}/auth/callback`);
  await context.clearCookies();
});
afterEach(async () => {
  for (const page of context.pages()) await page.close();
});

/** From the home page to Pinterest's (the mock's) consent page. */
async function startLogin(page: Page): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('link', { name: 'Log in with Pinterest' }).click();
  await page.waitForURL(`${mock.oauthUrl}/oauth/**`);
}

const sessionId = async () =>
  (await context.cookies(origin)).find((cookie) => cookie.name === SESSION_COOKIE)?.value ?? '';

describe('in Chromium', () => {
  it('Log in → Allow → name and boards → refresh the tokens → log out', async () => {
    const page = await context.newPage();
    await startLogin(page);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${origin}/me`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('mock_alice');

    // The boards are the ones Pinterest (the mock) holds for the account.
    const tokens = await built.auth.getTokens(await sessionId());
    const atPinterest = await fetch(`${mock.apiUrl}/v5/boards?page_size=25`, {
      headers: { authorization: `Bearer ${tokens?.accessToken}` },
    });
    const boards = ((await atPinterest.json()) as { items: { name: string }[] }).items.map((b) => b.name);
    expect(boards.length).toBeGreaterThan(0);
    expect(await page.locator('#boards li').allTextContents()).toEqual(boards);
    expect(await page.locator('#tokens').textContent()).toContain(fingerprint(String(tokens?.accessToken)));

    await page.getByRole('button', { name: 'Refresh tokens now' }).click();
    await page.waitForURL(`${origin}/me`);
    const refreshed = await built.auth.getTokens(await sessionId());
    expect(refreshed?.accessToken).not.toBe(tokens?.accessToken);
    expect(await page.locator('#tokens').textContent()).toContain(
      fingerprint(String(refreshed?.accessToken)),
    );
    expect(tokenRequests(mock, 'refresh_token')).toHaveLength(1);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${origin}/`);
    expect(await sessionId()).toBe('');
    await page.goto(`${origin}/me`);
    await page.waitForURL(`${origin}/`);
  });

  it('Deny → home, with a message and no token request', async () => {
    const page = await context.newPage();
    await startLogin(page);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${origin}/?problem=denied`);
    expect(await page.getByRole('alert').textContent()).toContain('You did not allow access');
    expect(mock.control.tokenRequests()).toHaveLength(0);
  });

  it('two logins in two tabs: finishing the older one also spoils the newer one (a limit of the plugin)', async () => {
    const older = await context.newPage();
    const newer = await context.newPage();
    await startLogin(older);
    await startLogin(newer);
    await older.getByRole('button', { name: 'Allow' }).click();
    await older.waitForURL(`${origin}/?problem=expired`);
    await newer.getByRole('button', { name: 'Allow' }).click();
    await newer.waitForURL(`${origin}/?problem=expired`);
    expect(await newer.getByRole('alert').textContent()).toContain('Log in again');
    expect(mock.control.tokenRequests()).toHaveLength(0);

    // Logging in again from one tab works.
    await startLogin(newer);
    await newer.getByRole('button', { name: 'Allow' }).click();
    await newer.waitForURL(`${origin}/me`);
  });
});
