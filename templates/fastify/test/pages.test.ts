/**
 * The signed-in pages against the mock's seeded data: profile, boards with bookmark paging, a board's Pins,
 * logout, and the friendly pages for Pinterest's failures.
 */
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { buildTestApp, type CookieJar, freePort, loginWithInject, setCookies, startMock } from './helpers.js';

// inject() needs no listening socket; the URI still names a free port, never a fixed one.
const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
const ALICE = '1000000000000000001';

let mock: PinterestMock;
let built: BuiltApp;
let jar: CookieJar;

const get = (url: string, cookie = jar.header()) =>
  built.app.inject({ method: 'GET', url, headers: { cookie } });
const boardLinks = (body: string) => [...body.matchAll(/href="\/boards\/(\d+)"/g)].map((m) => m[1]);
const nextLink = (body: string) => /href="([^"]+)" rel="next"/.exec(body)?.[1]?.replaceAll('&amp;', '&');

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
  // The app's clock is the mock's, so that advancing the mock's clock expires tokens for both.
  built = await buildTestApp(mock, REDIRECT_URI, { authOverrides: { now: () => mock.control.now() } });
});
afterAll(async () => {
  await built.app.close();
  await mock.close();
});
afterEach(() => mock.control.clearFaults());

describe('pages', () => {
  beforeAll(async () => {
    ({ jar } = await loginWithInject(built));
  });

  it('home offers the login to visitors and the profile to the signed-in user', async () => {
    const anonymous = await get('/', '');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('href="/auth/login"');
    expect(anonymous.body).toContain('Log in with Pinterest');
    const signedIn = await get('/');
    expect(signedIn.body).toContain('href="/profile"');
    expect(signedIn.body).toContain('Log out');
  });

  it('profile shows username, avatar and counts', async () => {
    const account = await built.auth.client(ALICE).get('/user_account');
    const response = await get('/profile');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('@mock_alice');
    // The avatar is the account's own image, and that image loads (a broken <img> would not do).
    expect(account.profile_image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\//);
    const src = /<img class="avatar" src="([^"]+)"/.exec(response.body)?.[1]?.replaceAll('&amp;', '&');
    expect(src).toBe(account.profile_image);
    const image = await fetch(src as string);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect(response.body).toContain(
      `<strong>${Number(account.board_count).toLocaleString('en-US')}</strong><span>Boards</span>`,
    );
  });

  it('boards: 25 a page, "Next page" through the bookmark, all 60 seen once, last page has no next', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/boards';
    let pages = 0;
    while (url) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const ids = boardLinks(response.body);
      expect(ids.length).toBeGreaterThan(0);
      seen.push(...(ids as string[]));
      url = nextLink(response.body);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it("a board's Pins page through bookmarks too", async () => {
    const first = await get('/boards');
    const boardId = boardLinks(first.body)[0] as string;
    const page1 = await get(`/boards/${boardId}`);
    expect(page1.statusCode).toBe(200);
    const pins1 = (page1.body.match(/<li>\s*(<img|<div class="text">)/g) ?? []).length;
    expect(pins1).toBe(25);
    const next = nextLink(page1.body);
    expect(next).toMatch(new RegExp(`^/boards/${boardId}\\?bookmark=`));
    const page2 = await get(next as string);
    expect(page2.statusCode).toBe(200);
    expect(page2.body).toContain('First page');
  });

  it('an unknown board is a friendly 404 page', async () => {
    const response = await get('/boards/999999999999');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Not found');
  });

  it('signed-in pages ask visitors to log in and come back', async () => {
    const response = await get('/boards?bookmark=abc', '');
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain(
      `href="/auth/login?returnTo=${encodeURIComponent('/boards?bookmark=abc').replaceAll('&', '&amp;')}"`,
    );
  });

  it('every page: lang, one h1, alt on every image, a labelled nav; CSP without scripts; no framing', async () => {
    const first = await get('/boards');
    const boardId = boardLinks(first.body)[0] as string;
    for (const url of [
      '/',
      '/profile',
      '/boards',
      `/boards/${boardId}`,
      '/auth/problem?reason=denied',
      '/nope',
    ]) {
      const response = await get(url);
      const body = response.body;
      expect(body.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
      expect(body.match(/<h1[ >]/g)).toHaveLength(1);
      const images = body.match(/<img [^>]*>/g) ?? [];
      for (const img of images) expect(img).toMatch(/ alt="[^"]*"/);
      expect(body).toContain('<nav class="main" aria-label="Main">');
      expect(body).not.toContain('<script');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['content-security-policy']).not.toContain('script-src');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('a favicon: linked from every page, served at its path and at /favicon.ico', async () => {
    for (const url of ['/', '/profile', '/boards', '/no-such-page']) {
      expect((await get(url)).body, url).toContain(
        '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">',
      );
    }
    for (const url of ['/assets/favicon.svg', '/favicon.ico']) {
      const icon = await get(url, '');
      expect(icon.statusCode, url).toBe(200);
      expect(icon.headers['content-type'], url).toBe('image/svg+xml');
      expect(icon.body, url).toMatch(/^<svg [^>]*viewBox="0 0 32 32">/);
    }
  });

  it('Pinterest down → "Pinterest is not answering" (502), not a stack trace', async () => {
    const app = await buildTestApp(mock, REDIRECT_URI, { authOverrides: { retry: { maxRetries: 0 } } });
    try {
      const { jar: own } = await loginWithInject(app);
      mock.control.injectFault({ method: 'GET', path: '/v5/boards', status: 503, times: 5 });
      const response = await app.app.inject({
        method: 'GET',
        url: '/boards',
        headers: { cookie: own.header() },
      });
      expect(response.statusCode).toBe(502);
      expect(response.body).toContain('Pinterest is not answering');
      expect(response.body).toContain('Pinterest request id');
      expect(response.body).not.toContain('at ');
    } finally {
      await app.app.close();
    }
  });

  it('expired access token: refreshed transparently (rotated refresh token stored)', async () => {
    const before = await built.auth.getTokens(ALICE);
    mock.control.advanceClock(31 * 24 * 3600);
    const response = await get('/profile');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('@mock_alice');
    const after = await built.auth.getTokens(ALICE);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(mock.control.tokenRequests().some((r) => r.grantType === 'refresh_token')).toBe(true);
  });

  it('tokens revoked at Pinterest → "Please log in again" and the session ends', async () => {
    const { jar: own } = await loginWithInject(built, { userId: '1000000000000000002' });
    mock.control.revokeAllTokensOf('1000000000000000002');
    const response = await built.app.inject({
      method: 'GET',
      url: '/profile',
      headers: { cookie: own.header() },
    });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Please log in again');
    expect(setCookies(response).some((c) => c.startsWith('sid=;'))).toBe(true);
    const again = await built.app.inject({
      method: 'GET',
      url: '/profile',
      headers: { cookie: own.header() },
    });
    expect(again.body).toContain('Log in to see this page');
  });
});

describe('missing scopes', () => {
  it('a login granting fewer scopes warns once; a page needing one says "log in again to grant X"', async () => {
    const app = { appId: '1000099', appSecret: 'narrow-app-secret', redirectUris: [REDIRECT_URI] };
    await mock.control.registerApp({ ...app, grantedScopesOverride: ['user_accounts:read'] });
    const narrow = await buildTestApp(mock, REDIRECT_URI, {
      env: { PINTEREST_APP_ID: app.appId, PINTEREST_APP_SECRET: app.appSecret },
    });
    try {
      const { jar: own, callback } = await loginWithInject(narrow);
      expect(callback.headers.location).toBe('/profile');
      const profile = await narrow.app.inject({
        method: 'GET',
        url: '/profile',
        headers: { cookie: own.header() },
      });
      expect(profile.statusCode).toBe(200);
      expect(profile.body).toContain('You did not grant boards:read, pins:read');
      const twice = await narrow.app.inject({
        method: 'GET',
        url: '/profile',
        headers: { cookie: own.header() },
      });
      expect(twice.body).not.toContain('You did not grant');
      const boards = await narrow.app.inject({
        method: 'GET',
        url: '/boards',
        headers: { cookie: own.header() },
      });
      expect(boards.statusCode).toBe(403);
      expect(boards.body).toContain('Grant boards:read');
      expect(boards.body).toContain('href="/auth/login?returnTo=%2Fboards&amp;grant=boards%3Aread"');
    } finally {
      await narrow.app.close();
    }
  });
});

describe('logout', () => {
  it('needs POST with the CSRF token; deletes the tokens and the session', async () => {
    const { jar: own } = await loginWithInject(built);
    const profile = await built.app.inject({
      method: 'GET',
      url: '/profile',
      headers: { cookie: own.header() },
    });
    const csrf = /name="csrf" value="([^"]+)"/.exec(profile.body)?.[1] as string;
    // @fastify/csrf-protection: an 8-character salt, then the SHA-256 of salt and the session's secret.
    expect(csrf).toMatch(/^[A-Za-z0-9]{8}-[A-Za-z0-9_-]{43}$/);

    const viaGet = await built.app.inject({
      method: 'GET',
      url: '/auth/logout',
      headers: { cookie: own.header() },
    });
    expect(viaGet.statusCode).toBe(404);
    const noToken = await built.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: own.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'csrf=wrong',
    });
    expect(noToken.statusCode).toBe(403);
    expect(await built.auth.getTokens(ALICE)).toBeDefined();

    const out = await built.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: own.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${csrf}`,
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/');
    expect(setCookies(out).some((c) => c.startsWith('sid=;') && c.includes('Max-Age=0'))).toBe(true);
    expect(await built.auth.getTokens(ALICE)).toBeUndefined();
    const after = await built.app.inject({
      method: 'GET',
      url: '/profile',
      headers: { cookie: own.header() },
    });
    expect(after.statusCode).toBe(401);
  });
});
