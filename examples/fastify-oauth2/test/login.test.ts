/**
 * The example through inject() against the real Pinterest mock: the redirect @fastify/oauth2 builds from the
 * preset, the code exchange it sends, auth-core keeping and refreshing the tokens, the pages, logout.
 */
import { fingerprint } from '@kit/auth-core';
import { DEFAULT_APP, type PinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { SESSION_COOKIE } from '../src/login.js';
import {
  buildTestApp,
  CookieJar,
  decide,
  get,
  login,
  post,
  setCookieLines,
  startMock,
  tokenRequests,
} from './helpers.js';

const origin = 'http://localhost:3002';
const redirectUri = `${origin}/auth/callback`;
let mock: PinterestMock;
let built: BuiltApp;

beforeAll(async () => {
  mock = await startMock(redirectUri);
  built = await buildTestApp(mock, redirectUri);
});
afterAll(async () => {
  await built?.app.close();
  await mock?.close();
});
beforeEach(() => {
  mock.control.reset();
  mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
});

/** The board names of mock_alice's first page, asked of the mock directly with the stored access token. */
async function boardNamesAtPinterest(accessToken: string): Promise<string[]> {
  const response = await fetch(`${mock.apiUrl}/v5/boards?page_size=25`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { name: string }[] }).items.map((board) => board.name);
}

describe('/auth/login (the redirect @fastify/oauth2 builds from the preset)', () => {
  it('redirects to the consent page with the app id, the configured redirect URI and comma-separated scopes', async () => {
    // A forged Host header changes nothing: the redirect URI is the configured one.
    const response = await built.app.inject({ url: '/auth/login', headers: { host: 'evil.example' } });
    expect(response.statusCode).toBe(302);
    const consent = new URL(String(response.headers.location));
    expect(`${consent.origin}${consent.pathname}`).toBe(`${mock.oauthUrl}/oauth/`);
    expect(consent.searchParams.get('client_id')).toBe(DEFAULT_APP.appId);
    expect(consent.searchParams.get('response_type')).toBe('code');
    expect(consent.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(consent.searchParams.get('scope')).toBe('user_accounts:read,boards:read');
    expect(consent.search).toContain('scope=user_accounts%3Aread%2Cboards%3Aread');
    // No PKCE: Pinterest does not document it.
    expect(consent.searchParams.has('code_challenge')).toBe(false);
  });

  it('sets the state in an HttpOnly, SameSite=Lax, Path=/ cookie that lives 10 minutes', async () => {
    const response = await built.app.inject({ url: '/auth/login' });
    const state = new URL(String(response.headers.location)).searchParams.get('state');
    // @fastify/oauth2's default state: 16 random bytes, base64url.
    expect(state).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const lines = setCookieLines(response);
    expect(lines).toHaveLength(1);
    const [cookie] = lines;
    expect(cookie).toContain(`oauth2-redirect-state=${state};`);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; Max-Age=600/);
    expect(cookie).not.toMatch(/; Secure/); // http://localhost: no Secure, no __Host- prefix
  });

  it('over https: the state cookie is __Host- and Secure, and so is the session cookie', async () => {
    const httpsRedirect = 'https://app.example/auth/callback';
    mock.control.addRedirectUri(DEFAULT_APP.appId, httpsRedirect);
    const secure = await buildTestApp(mock, httpsRedirect);
    try {
      const jar = new CookieJar();
      const start = await get(secure.app, jar, '/auth/login');
      const [stateCookie] = setCookieLines(start);
      expect(stateCookie).toMatch(/^__Host-oauth2-redirect-state=[A-Za-z0-9_-]{22};/);
      expect(stateCookie).toMatch(/; Secure/);
      expect(stateCookie).toMatch(/; Path=\/(;|$)/);
      expect(stateCookie).not.toMatch(/; Domain=/);
      const callbackUrl = await decide(String(start.headers.location), 'allow');
      const callback = await get(secure.app, jar, `${callbackUrl.pathname}${callbackUrl.search}`);
      expect(callback.headers.location).toBe('/me');
      const sessionCookie = setCookieLines(callback).find((line) => line.startsWith(`${SESSION_COOKIE}=`));
      expect(sessionCookie).toMatch(/; Secure/);
      // The plugin cleared its cookie with the attributes it was set with.
      expect(
        setCookieLines(callback).find((line) => line.startsWith('__Host-oauth2-redirect-state=;')),
      ).toMatch(/; Secure/);
    } finally {
      await secure.app.close();
    }
  });

  it('gives every login its own state', async () => {
    const states = new Set<string | null>();
    for (let i = 0; i < 5; i++) {
      const response = await built.app.inject({ url: '/auth/login' });
      states.add(new URL(String(response.headers.location)).searchParams.get('state'));
    }
    expect(states.size).toBe(5);
  });
});

describe('callback', () => {
  it('exchanges the code the way Pinterest wants it, stores the tokens, then shows the name and the boards', async () => {
    const { jar, callback } = await login(built.app);
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/me');
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
    expect(callback.headers['cache-control']).toBe('no-store');
    // The state cookie is gone, a session cookie came.
    expect(jar.cookies.has('oauth2-redirect-state')).toBe(false);
    const sessionId = jar.cookies.get(SESSION_COOKIE);
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookieLines(callback).find((line) => line.startsWith(`${SESSION_COOKIE}=`))).toMatch(
      /HttpOnly; SameSite=Lax$|HttpOnly.*SameSite=Lax/,
    );

    const [exchange] = tokenRequests(mock, 'authorization_code');
    expect(tokenRequests(mock, 'authorization_code')).toHaveLength(1);
    expect(exchange?.status).toBe(200);
    expect(exchange?.clientId).toBe(DEFAULT_APP.appId);
    expect(exchange?.headers.authorization).toMatch(/^Basic /);
    expect(exchange?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange?.form).toMatchObject({ continuous_refresh: 'true', redirect_uri: redirectUri });
    expect(exchange?.form).not.toHaveProperty('client_secret');

    const tokens = await built.auth.getTokens(String(sessionId));
    expect(tokens?.accessToken).toMatch(/^pina/);
    expect(tokens?.refreshToken).toMatch(/^pinr/);
    // Pinterest answers with space-separated scopes; auth-core reads them.
    expect(tokens?.scopes.sort()).toEqual(['boards:read', 'user_accounts:read']);

    const me = await get(built.app, jar, '/me');
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('<h1>mock_alice</h1>');
    const names = await boardNamesAtPinterest(String(tokens?.accessToken));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(me.body).toContain(`<li>${name.replace(/&/g, '&amp;')}</li>`);
    expect(me.body).toContain(fingerprint(String(tokens?.accessToken)));
    expect(me.body).not.toContain(String(tokens?.accessToken));
    expect(me.body).not.toContain(String(tokens?.refreshToken));
  });

  it('Deny: back home with a message and no token request (the plugin alone would send one without a code)', async () => {
    const { jar, callbackUrl, callback } = await login(built.app, new CookieJar(), 'deny');
    expect(callbackUrl.searchParams.get('error')).toBe('access_denied');
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/?problem=denied');
    expect(jar.cookies.has('oauth2-redirect-state')).toBe(false);
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(mock.control.tokenRequests()).toHaveLength(0);
    const home = await get(built.app, jar, '/?problem=denied');
    expect(home.body).toContain('You did not allow access on Pinterest');
  });

  it('a new login replaces the previous session and its tokens (a new session id every time)', async () => {
    const { jar } = await login(built.app);
    const first = String(jar.cookies.get(SESSION_COOKIE));
    await login(built.app, jar);
    const second = String(jar.cookies.get(SESSION_COOKIE));
    expect(second).not.toBe(first);
    expect(await built.auth.getTokens(first)).toBeUndefined();
    expect(await built.auth.getTokens(second)).toBeDefined();
  });
});

describe('tokens kept by auth-core', () => {
  it('"Refresh tokens now" rotates both tokens; the old refresh token is dead at Pinterest', async () => {
    const { jar } = await login(built.app);
    const sessionId = String(jar.cookies.get(SESSION_COOKIE));
    const before = await built.auth.getTokens(sessionId);
    const refreshed = await post(built.app, jar, '/auth/refresh', origin);
    expect(refreshed.statusCode).toBe(303);
    expect(refreshed.headers.location).toBe('/me');
    const after = await built.auth.getTokens(sessionId);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(tokenRequests(mock, 'refresh_token')).toHaveLength(1);
    const me = await get(built.app, jar, '/me');
    expect(me.body).toContain(fingerprint(String(after?.accessToken)));

    const replay = await fetch(`${mock.apiUrl}/v5/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${DEFAULT_APP.appId}:${DEFAULT_APP.appSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: String(before?.refreshToken) }),
    });
    expect(replay.status).toBe(401);
  });

  it('an expired access token is refreshed once for the two API calls of a page', async () => {
    const { jar } = await login(built.app);
    const sessionId = String(jar.cookies.get(SESSION_COOKIE));
    const before = await built.auth.getTokens(sessionId);
    mock.control.advanceClock(30 * 24 * 60 * 60 + 60); // past the 30 days of the access token
    const me = await get(built.app, jar, '/me');
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('<h1>mock_alice</h1>');
    expect(tokenRequests(mock, 'refresh_token')).toHaveLength(1);
    const after = await built.auth.getTokens(sessionId);
    expect(after?.accessToken).not.toBe(before?.accessToken);
  });

  it('a dead refresh token sends the user back to log in', async () => {
    const { jar } = await login(built.app);
    mock.control.revokeAllTokensOf('1000000000000000001'); // like a password change
    const refreshed = await post(built.app, jar, '/auth/refresh', origin);
    expect(refreshed.headers.location).toBe('/?problem=expired');
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe('pages and forms', () => {
  it('/me without a session goes home', async () => {
    const response = await built.app.inject({ url: '/me', headers: { cookie: `${SESSION_COOKIE}=unknown` } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });

  it('a form posted from another site is refused, and changes nothing', async () => {
    const { jar } = await login(built.app);
    const sessionId = String(jar.cookies.get(SESSION_COOKIE));
    for (const headers of [{ origin: 'https://evil.example' }, {}]) {
      const response = await built.app.inject({
        method: 'POST',
        url: '/auth/logout',
        headers: { cookie: jar.header(), ...headers },
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('must be sent from this site');
    }
    expect(await built.auth.getTokens(sessionId)).toBeDefined();
  });

  it('logout deletes the tokens and the session cookie', async () => {
    const { jar } = await login(built.app);
    const sessionId = String(jar.cookies.get(SESSION_COOKIE));
    const response = await post(built.app, jar, '/auth/logout', origin);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await built.auth.getTokens(sessionId)).toBeUndefined();
  });

  it('an unknown ?problem is a 400 page, not an echo', async () => {
    const response = await built.app.inject({ url: '/?problem=%3Cscript%3E' });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>');
  });
});
