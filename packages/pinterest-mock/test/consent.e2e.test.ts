import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { launchBrowser } from '@kit/test-utils';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PinterestMock, startPinterestMock } from '../src/index.js';
import { api, basic, tokenRequest } from './support/client.js';

let mock: PinterestMock;
let app: Server;
let callbackUri: string;
let browser: { context: BrowserContext; close: () => Promise<void> };
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

beforeAll(async () => {
  mock = await startPinterestMock();
  // A stand-in for the app's callback route: it only shows what arrived.
  app = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(`callback ${request.url}`);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  callbackUri = `http://127.0.0.1:${(app.address() as AddressInfo).port}/auth/callback`;
  mock.control.addRedirectUri('1000001', callbackUri);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => app?.close(resolve));
  await mock?.close();
});

interface AxeResults {
  violations: { id: string; impact: string }[];
  passes: { id: string }[];
}

/** Runs axe-core on the page: its serious or critical findings, and where the colour-contrast rule landed. */
async function axeOf(page: Page): Promise<{ serious: string[]; contrast: string }> {
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(async () =>
    (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run(),
  );
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id}`);
  const contrast = results.passes.some((rule) => rule.id === 'color-contrast')
    ? 'passes'
    : results.violations.some((rule) => rule.id === 'color-contrast')
      ? 'fails'
      : 'not run';
  return { serious, contrast };
}

function consentUrl(state: string): string {
  const url = new URL('/oauth/', mock.oauthUrl);
  url.search = new URLSearchParams({
    client_id: '1000001',
    redirect_uri: callbackUri,
    response_type: 'code',
    scope: 'user_accounts:read,boards:read',
    state,
  }).toString();
  return url.toString();
}

describe('consent page in Chromium', () => {
  it('Allow (as bob) lands on the callback with a code and the state; the code works', async () => {
    const page = await browser.context.newPage();
    await page.goto(consentUrl('allow-state'));
    await expect(page.locator('#app-name').textContent()).resolves.toBe('Pinterest App Kit (mock)');
    await expect(page.locator('#scopes').textContent()).resolves.toContain(
      'See your user accounts and followers',
    );
    await page.getByLabel('mock_bob').check();
    await Promise.all([page.waitForURL((url) => url.pathname === '/auth/callback'), page.click('#allow')]);
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(callbackUri);
    expect(landed.searchParams.get('state')).toBe('allow-state');
    const code = landed.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[0-9a-f]{40}$/);
    await expect(page.locator('body').textContent()).resolves.toContain('callback /auth/callback?code=');

    const tokens = await tokenRequest<{ access_token: string }>(
      mock,
      { grant_type: 'authorization_code', code, redirect_uri: callbackUri },
      { authorization: basic() },
    );
    expect(tokens.status).toBe(200);
    const me = await api(mock, 'GET', '/v5/user_account', tokens.body.access_token);
    expect(me.body).toMatchObject({ username: 'mock_bob' });
    await page.close();
  });

  it('Deny lands on the callback with error=access_denied and the state, without a code', async () => {
    const page = await browser.context.newPage();
    await page.goto(consentUrl('deny-state'));
    await Promise.all([page.waitForURL((url) => url.pathname === '/auth/callback'), page.click('#deny')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('state')).toBe('deny-state');
    expect(landed.searchParams.has('code')).toBe(false);
    await page.close();
  });

  it('passes axe (no serious or critical finding, colour contrast checked) and shows the favicon', async () => {
    const page = await browser.context.newPage();
    await page.goto(consentUrl('axe-state'));
    const result = await axeOf(page);
    expect(result.serious).toEqual([]);
    // Contrast was judged, not skipped: the rule ran and found every text node readable.
    expect(result.contrast).toBe('passes');
    const icon = await page.locator('link[rel=icon]').getAttribute('href');
    const favicon = await fetch(new URL(icon ?? '', mock.url));
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await favicon.text()).toContain('<svg');
    const ico = await fetch(new URL('/favicon.ico', mock.url));
    expect(ico.status).toBe(200);
    await page.close();
  });

  it('accepts the older consumer_id and refreshable parameters of published clients', async () => {
    const page = await browser.context.newPage();
    const url = new URL(consentUrl('legacy-state'));
    url.searchParams.delete('client_id');
    url.searchParams.set('consumer_id', '1000001');
    url.searchParams.set('refreshable', 'true');
    await page.goto(url.toString());
    await Promise.all([page.waitForURL((u) => u.pathname === '/auth/callback'), page.click('#allow')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe('legacy-state');
    expect(landed.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/);
    await page.close();
  });

  it('shows the redirect URI error page and stays on the mock for an unregistered URI', async () => {
    const page = await browser.context.newPage();
    const url = new URL(consentUrl('x'));
    url.searchParams.set('redirect_uri', `${callbackUri}/`);
    const response = await page.goto(url.toString());
    expect(response?.status()).toBe(400);
    expect(new URL(page.url()).origin).toBe(new URL(mock.oauthUrl).origin);
    await expect(page.locator('h1').textContent()).resolves.toBe('Invalid redirect_uri');
    const result = await axeOf(page);
    expect(result.serious).toEqual([]);
    expect(result.contrast).toBe('passes');
    await page.close();
  });
});
