/**
 * The /api routes over real HTTP against the mock: data views, CSRF and CORS (B3), no token in any answer,
 * and what a dead refresh token does to the session (B5).
 */
import { SEED_USERS } from '@kit/pinterest-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardView, PageView, PinView, ProfileView } from '../server/views.js';
import { parseSetCookie, rawRequest } from './helpers/http.js';
import { loggedInClient, loginThroughMock, type Stack, startStack } from './helpers/stack.js';

const ALICE = SEED_USERS[0]?.id ?? '';
const DAY_MS = 24 * 60 * 60 * 1000;

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.close();
});

describe('data for the SPA', () => {
  it("returns the profile view of the logged-in account, and none of Pinterest's tokens", async () => {
    const { client, csrf } = await loggedInClient(stack);
    const response = await client.request('/api/me', { headers: { 'x-csrf-token': csrf } });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const profile = response.json<ProfileView>();
    expect(profile.id).toBe(ALICE);
    expect(profile.username).toBe('mock_alice');
    expect(profile.businessName).toBe('Alice Makes Things');
    expect(profile.counts.followers).toBe(1280);
    const record = await stack.auth.getTokens(ALICE);
    expect(record?.accessToken).toBeTruthy();
    expect(response.text).not.toContain(record?.accessToken);
    expect(response.text).not.toMatch(/pin[arc][._-]/);
  });

  it('pages through all 60 boards with bookmarks, 25 at a time', async () => {
    const { client, csrf } = await loggedInClient(stack);
    const ids: string[] = [];
    const sizes: number[] = [];
    let bookmark: string | null = null;
    do {
      const path: string = bookmark ? `/api/boards?bookmark=${encodeURIComponent(bookmark)}` : '/api/boards';
      const response = await client.request(path, { headers: { 'x-csrf-token': csrf } });
      expect(response.status).toBe(200);
      const page: PageView<BoardView> = response.json<PageView<BoardView>>();
      sizes.push(page.items.length);
      ids.push(...page.items.map((board) => board.id));
      bookmark = page.bookmark;
    } while (bookmark !== null && sizes.length < 10);
    expect(sizes).toEqual([25, 25, 10]);
    expect(new Set(ids).size).toBe(60);
    expect(ids[0]).toBe(SEED_USERS[0]?.boards?.[0]?.id);
  });

  it("lists a board's Pins page by page and refuses a malformed board id before calling Pinterest", async () => {
    const { client, csrf } = await loggedInClient(stack);
    const boardId = SEED_USERS[0]?.boards?.[0]?.id ?? '';
    const first = await client.request(`/api/boards/${boardId}/pins`, { headers: { 'x-csrf-token': csrf } });
    const page = first.json<PageView<PinView>>();
    expect(page.items).toHaveLength(25);
    expect(page.items[0]?.title).toBe('Summer recipes #1');
    expect(page.items[0]?.image?.url).toMatch(/^https?:\/\//);
    expect(page.bookmark).not.toBeNull();
    const second = await client.request(
      `/api/boards/${boardId}/pins?bookmark=${encodeURIComponent(page.bookmark ?? '')}`,
      {
        headers: { 'x-csrf-token': csrf },
      },
    );
    expect(second.json<PageView<PinView>>().items[0]?.title).toBe('Summer recipes #26');

    const hits = stack.upstreamHits();
    const bad = await client.request('/api/boards/12ab/pins', { headers: { 'x-csrf-token': csrf } });
    expect(bad.status).toBe(400);
    expect(stack.upstreamHits()).toBe(hits);
  });

  it('answers 401 without a session, before calling Pinterest', async () => {
    const hits = stack.upstreamHits();
    const response = await stack.client().request('/api/me', { headers: { 'x-csrf-token': 'x' } });
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthenticated' });
    expect(stack.upstreamHits()).toBe(hits);
  });
});

describe('CSRF and CORS (B3)', () => {
  it('refuses /api calls without the right x-csrf-token, and Pinterest is not called', async () => {
    const { client } = await loggedInClient(stack);
    const hits = stack.upstreamHits();
    for (const path of ['/api/me', '/api/boards', '/api/pinterest/user_account']) {
      expect((await client.request(path)).status).toBe(403);
      expect((await client.request(path, { headers: { 'x-csrf-token': 'not-the-token' } })).status).toBe(403);
    }
    expect(stack.upstreamHits()).toBe(hits);
  });

  it('refuses calls from another origin even with the token', async () => {
    const { client, csrf } = await loggedInClient(stack);
    const hits = stack.upstreamHits();
    const foreign = await client.request('/api/me', {
      headers: { 'x-csrf-token': csrf, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const crossSite = await client.request('/api/me', {
      headers: { 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(stack.upstreamHits()).toBe(hits);
    const same = await client.request('/api/me', {
      headers: { 'x-csrf-token': csrf, origin: stack.publicBase },
    });
    expect(same.status).toBe(200);
  });

  it('H2: the guard holds on the route the router matched, however the path is spelled (%61pi, %2F…)', async () => {
    const { client, csrf } = await loggedInClient(stack);
    const hits = stack.upstreamHits();
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    for (const path of [
      '/%61pi/session',
      '/%61%70%69/session',
      '/api/%73ession',
      '/%61pi/me',
      '/%61pi/boards',
    ]) {
      const foreign = await client.request(path, { headers: { ...evil, 'x-csrf-token': csrf } });
      expect(foreign.status, path).toBe(403);
      expect(foreign.text, path).not.toContain(csrf);
      expect(foreign.headers['cache-control'], path).toBe('no-store');
    }
    const encodedProxy = await client.request('/%61pi/pinterest/user_account', {
      headers: { 'x-csrf-token': csrf },
    });
    expect(encodedProxy.status).toBe(404);
    expect(stack.upstreamHits()).toBe(hits);
    // Same-origin calls spelled that way still get the route's own answer, never cached.
    const own = await client.request('/%61pi/session');
    expect(own.status).toBe(200);
    expect(own.headers['cache-control']).toBe('no-store');
  });

  it('answers a foreign preflight without any CORS permission', async () => {
    const { client } = await loggedInClient(stack);
    for (const path of ['/api/me', '/auth/logout', '/api/pinterest/boards']) {
      const preflight = await client.request(path, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-csrf-token',
        },
      });
      expect(preflight.status).toBeGreaterThanOrEqual(400);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});

describe('Pinterest failures', () => {
  it.each([
    [503, 502, 'upstream_unavailable'],
    [429, 429, 'rate_limited'],
    [404, 404, 'not_found'],
  ])('Pinterest %i → %i %s as JSON; the session stays', async (upstream, status, error) => {
    const { client, csrf } = await loggedInClient(stack);
    stack.mock.control.injectFault({ method: 'GET', path: '/v5/boards', status: upstream, times: 5 });
    const response = await client.request('/api/boards', { headers: { 'x-csrf-token': csrf } });
    expect(response.status).toBe(status);
    expect(response.json()).toMatchObject({ error });
    expect(response.json()).not.toHaveProperty('reauth_required');
    stack.mock.control.clearFaults();
    expect((await client.request('/api/session')).json()).toMatchObject({ authenticated: true });
  });

  it('a scope the token was not granted → 403 missing_scope naming it, before calling Pinterest', async () => {
    const { client, csrf } = await loggedInClient(stack);
    const current = await stack.auth.store.get(ALICE);
    if (!current) throw new Error('no tokens after the login');
    await stack.auth.store.compareAndSet(ALICE, current.version, {
      ...current.record,
      scopes: ['user_accounts:read'],
    });
    const before = stack.upstreamHits();
    const response = await client.request('/api/boards', { headers: { 'x-csrf-token': csrf } });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ error: 'missing_scope', missing_scopes: ['boards:read'] });
    expect(stack.upstreamHits()).toBe(before);
  });

  it('a failing token endpoint at login → login_error=failed, and nothing secret in the logs', async () => {
    stack.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', status: 500 });
    const client = stack.client();
    const login = await client.request('/auth/login');
    const consentUrl = new URL(login.location() ?? '');
    const consent = await rawRequest(stack.mock.url, `${consentUrl.pathname}${consentUrl.search}`);
    const callback = new URL(consent.location() ?? '');
    const response = await client.request(`${callback.pathname}${callback.search}`);
    expect(response.status).toBe(303);
    expect(response.location()).toBe('/?login_error=failed');
    expect(client.jar.has('spa_session')).toBe(false);
    const log = stack.logs.join('');
    expect(log).toContain('login callback refused');
    for (const secret of [
      callback.searchParams.get('code') ?? '',
      callback.searchParams.get('state') ?? '',
    ]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(log).not.toContain(secret);
    }
  });
});

describe('when Pinterest stops accepting the login (B5)', () => {
  it('a dead refresh token → 401 {reauth_required: true}, the session cookie cleared and the session gone', async () => {
    const { client, csrf } = await loggedInClient(stack);
    const sessionId = client.jar.get('spa_session');
    stack.mock.control.revokeAllTokensOf(ALICE); // like a password change on Pinterest
    stack.advanceAuthClock(31 * DAY_MS); // the access token is due for a refresh

    const response = await client.request('/api/me', { headers: { 'x-csrf-token': csrf } });
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ reauth_required: true });
    const cleared = response.setCookies.map(parseSetCookie).find((c) => c.name === 'spa_session');
    expect(cleared?.attributes.get('max-age')).toBe('0');
    expect(stack.mock.control.tokenRequests().map((e) => e.grantType)).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
    expect(await stack.auth.getTokens(ALICE)).toBeUndefined();

    const after = await rawRequest(stack.base, '/api/session', { cookie: `spa_session=${sessionId}` });
    expect(after.json()).toMatchObject({ authenticated: false });
    const again = await rawRequest(stack.base, '/api/boards', {
      cookie: `spa_session=${sessionId}`,
      headers: { 'x-csrf-token': csrf },
    });
    expect(again.status).toBe(401);
  });

  it('a rejected access token also ends the session with reauth_required', async () => {
    const { client, csrf } = await loggedInClient(stack);
    stack.mock.control.revokeAllTokensOf(ALICE);
    const response = await client.request('/api/boards', { headers: { 'x-csrf-token': csrf } });
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ reauth_required: true });
    expect((await client.request('/api/session')).json()).toMatchObject({ authenticated: false });
  });

  it('a session never outlives the refresh token, whatever lifetime is configured', async () => {
    await stack.close();
    stack = await startStack({ sessionTtlMs: 60 * DAY_MS });
    // The session clock runs 10 days ahead of the token clock: the refresh token (60 days from the token
    // request) then ends 50 days into the session, and the session must end with it.
    stack.advanceSessionClock(10 * DAY_MS);
    const client = stack.client();
    const trace = await loginThroughMock(stack, client);
    const cookie = trace.callbackResponse.setCookies
      .map(parseSetCookie)
      .find((c) => c.name === 'spa_session');
    const maxAge = Number(cookie?.attributes.get('max-age'));
    const record = await stack.auth.getTokens(ALICE);
    expect(record?.refreshTokenExpiresAt).toBeDefined();
    expect(maxAge).toBeLessThanOrEqual(50 * 24 * 60 * 60);
    expect(maxAge).toBeGreaterThan(49 * 24 * 60 * 60);
    stack.advanceSessionClock(50 * DAY_MS + 1000);
    expect((await client.request('/api/session')).json()).toMatchObject({ authenticated: false });
  });

  it('a session ends at its lifetime even while the tokens are still valid', async () => {
    const { client, csrf } = await loggedInClient(stack);
    stack.advanceSessionClock(14 * DAY_MS + 1000);
    const response = await client.request('/api/me', { headers: { 'x-csrf-token': csrf } });
    expect(response.status).toBe(401);
    expect((await client.request('/api/session')).json()).toMatchObject({ authenticated: false });
  });
});
