/**
 * Login with Pinterest through the real app and the real mock over HTTP: state cookie (W1), callback
 * answer (W6), session rotation (W3), replays and foreign callbacks (C2/C3, W2), deny, returnTo.
 */
import { DEFAULT_APP, type PinterestMock } from '@kit/pinterest-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import {
  buildTestApp,
  CookieJar,
  decideOnConsentPage,
  freePort,
  loginWithInject,
  setCookies,
  startMock,
} from './helpers.js';

// inject() needs no listening socket; the URI still names a free port, never a fixed one.
const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
const ALICE = '1000000000000000001';
const STATE_COOKIE = 'pinterest-login-state';

let mock: PinterestMock;
let built: BuiltApp;

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
});
afterAll(async () => {
  await mock.close();
});

describe('login', () => {
  beforeAll(async () => {
    built = await buildTestApp(mock, REDIRECT_URI);
  });
  afterAll(async () => {
    await built.app.close();
  });
  afterEach(() => {
    mock.control.clearFaults();
  });

  const codeExchanges = () =>
    mock.control.tokenRequests().filter((r) => r.grantType === 'authorization_code').length;

  it('redirects to the consent page with the configured client, redirect URI, scopes and a 43-char state', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/auth/login' });
    expect(response.statusCode).toBe(302);
    const consent = new URL(String(response.headers.location));
    expect(`${consent.origin}${consent.pathname}`).toBe(`${mock.oauthUrl}/oauth/`);
    expect(consent.searchParams.get('client_id')).toBe(DEFAULT_APP.appId);
    expect(consent.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(consent.searchParams.get('response_type')).toBe('code');
    expect(consent.searchParams.get('scope')).toBe('user_accounts:read,boards:read,pins:read');
    expect(consent.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('the consent URL is the one auth-core builds (same endpoint and parameters)', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/auth/login' });
    const ours = new URL(String(response.headers.location));
    const core = new URL((await built.auth.createAuthorizationURL()).url);
    expect(`${ours.origin}${ours.pathname}`).toBe(`${core.origin}${core.pathname}`);
    const withoutState = (url: URL) =>
      [...url.searchParams].filter(([name]) => name !== 'state').sort(([a], [b]) => a.localeCompare(b));
    expect(withoutState(ours)).toEqual(withoutState(core));
  });

  it('W1: sets the state cookie HttpOnly, SameSite=Lax, Path=/, Max-Age=600, not Secure on localhost', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/auth/login' });
    const consent = new URL(String(response.headers.location));
    const [line] = setCookies(response).filter((c) => c.startsWith(`${STATE_COOKIE}=`));
    expect(line).toBeDefined();
    const attributes = (line as string).split('; ');
    expect(attributes[0]).toBe(`${STATE_COOKIE}=${consent.searchParams.get('state')}`);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Lax');
    expect(attributes).toContain('Path=/');
    expect(attributes).toContain('Max-Age=600');
    expect(attributes).not.toContain('Secure');
  });

  it('W1: clears the state cookie after the callback with the same attributes', async () => {
    const { callback } = await loginWithInject(built);
    const [line] = setCookies(callback).filter((c) => c.startsWith(`${STATE_COOKIE}=`));
    expect(line).toBeDefined();
    const attributes = (line as string).split('; ');
    expect(attributes[0]).toBe(`${STATE_COOKIE}=`);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Lax');
    expect(attributes).toContain('Path=/');
    expect(attributes).toContain('Max-Age=0');
    expect(attributes).toContain('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('W6: the callback answers 303 to a clean URL with no-referrer and no-store', async () => {
    const { callback } = await loginWithInject(built);
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/profile');
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
    expect(callback.headers['cache-control']).toBe('no-store');
  });

  it('W6: a denied login also leaves with 303, no-referrer, no-store, and shows a friendly page', async () => {
    const before = codeExchanges();
    const { jar, callback } = await loginWithInject(built, { decision: 'deny' });
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/auth/problem?reason=denied');
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
    expect(callback.headers['cache-control']).toBe('no-store');
    expect(jar.cookies.has('sid')).toBe(false);
    expect(codeExchanges()).toBe(before);
    const page = await built.app.inject({ method: 'GET', url: String(callback.headers.location) });
    expect(page.body).toContain('You did not connect Pinterest');
    expect(page.body).toContain('href="/auth/login"');
  });

  it('signs the user in: the profile shows the seeded account', async () => {
    const { jar } = await loginWithInject(built);
    const profile = await built.app.inject({
      method: 'GET',
      url: '/profile',
      headers: { cookie: jar.header() },
    });
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('mock_alice');
    expect(profile.headers['cache-control']).toBe('no-store');
  });

  it('W3: the session id changes at login; the old id and a planted id are worthless', async () => {
    const jar = new CookieJar();
    const planted = 'A'.repeat(43);
    jar.cookies.set('sid', planted);
    await loginWithInject(built, { jar });
    const first = jar.cookies.get('sid');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(planted);

    await loginWithInject(built, { jar });
    const second = jar.cookies.get('sid');
    expect(second).not.toBe(first);

    const withOld = await built.app.inject({
      method: 'GET',
      url: '/profile',
      headers: { cookie: `sid=${first}` },
    });
    expect(withOld.statusCode).toBe(401);
    const withNew = await built.app.inject({
      method: 'GET',
      url: '/profile',
      headers: { cookie: `sid=${second}` },
    });
    expect(withNew.statusCode).toBe(200);
  });

  it('session cookie: HttpOnly, SameSite=Lax, Path=/, no Domain, random 32 bytes', async () => {
    const { callback } = await loginWithInject(built);
    const [line] = setCookies(callback).filter((c) => c.startsWith('sid='));
    const attributes = (line as string).split('; ');
    // 32 bytes in base64url are 43 characters; ten more logins give ten more distinct values.
    const value = (attributes[0] as string).slice('sid='.length);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(value, 'base64url')).toHaveLength(32);
    const values = new Set([value]);
    for (let i = 0; i < 10; i++) {
      const again = await loginWithInject(built);
      values.add(again.jar.cookies.get('sid') as string);
    }
    expect(values.size).toBe(11);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Lax');
    expect(attributes).toContain('Path=/');
    expect(attributes.some((a) => a.startsWith('Domain='))).toBe(false);
  });

  it('C2: a replayed callback URL (even with the old cookie) is rejected; the code is exchanged once', async () => {
    const jar = new CookieJar();
    const start = await built.app.inject({ method: 'GET', url: '/auth/login' });
    jar.store(start);
    const stateCookie = `${STATE_COOKIE}=${jar.cookies.get(STATE_COOKIE)}`;
    const callbackUrl = await decideOnConsentPage(String(start.headers.location), 'allow');
    const url = `${callbackUrl.pathname}${callbackUrl.search}`;
    const before = codeExchanges();
    const first = await built.app.inject({ method: 'GET', url, headers: { cookie: stateCookie } });
    expect(first.headers.location).toBe('/profile');
    const replay = await built.app.inject({ method: 'GET', url, headers: { cookie: stateCookie } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/auth/problem?reason=expired');
    expect(setCookies(replay).some((c) => c.startsWith('sid='))).toBe(false);
    expect(codeExchanges()).toBe(before + 1);
    const page = await built.app.inject({ method: 'GET', url: '/auth/problem?reason=expired' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('please try again');
  });

  it('C3: a callback carried by another browser is rejected, and that browser’s own login still works', async () => {
    const victim = new CookieJar();
    const victimStart = await built.app.inject({ method: 'GET', url: '/auth/login' });
    victim.store(victimStart);
    // The attacker starts a login in their own browser and gets a callback URL for their account…
    const attackerStart = await built.app.inject({ method: 'GET', url: '/auth/login' });
    const attackerCallback = await decideOnConsentPage(
      String(attackerStart.headers.location),
      'allow',
      '1000000000000000002',
    );
    // …and makes the victim's browser open it.
    const before = codeExchanges();
    const forged = await built.app.inject({
      method: 'GET',
      url: `${attackerCallback.pathname}${attackerCallback.search}`,
      headers: { cookie: victim.header() },
    });
    expect(forged.headers.location).toBe('/auth/problem?reason=expired');
    expect(setCookies(forged).some((c) => c.startsWith('sid='))).toBe(false);
    expect(codeExchanges()).toBe(before);
    // The victim's login cookie was kept, so their own login completes.
    victim.store(forged);
    const own = await decideOnConsentPage(String(victimStart.headers.location), 'allow');
    const done = await built.app.inject({
      method: 'GET',
      url: `${own.pathname}${own.search}`,
      headers: { cookie: victim.header() },
    });
    expect(done.headers.location).toBe('/profile');
  });

  it('W2: two logins in one browser: the older tab gets "try again", the newer one succeeds, no 500', async () => {
    const jar = new CookieJar();
    const tab1 = await built.app.inject({ method: 'GET', url: '/auth/login' });
    jar.store(tab1);
    const tab2 = await built.app.inject({
      method: 'GET',
      url: '/auth/login',
      headers: { cookie: jar.header() },
    });
    jar.store(tab2);
    const back1 = await decideOnConsentPage(String(tab1.headers.location), 'allow');
    const back2 = await decideOnConsentPage(String(tab2.headers.location), 'allow');
    const older = await built.app.inject({
      method: 'GET',
      url: `${back1.pathname}${back1.search}`,
      headers: { cookie: jar.header() },
    });
    expect(older.statusCode).toBe(303);
    expect(older.headers.location).toBe('/auth/problem?reason=expired');
    jar.store(older);
    const newer = await built.app.inject({
      method: 'GET',
      url: `${back2.pathname}${back2.search}`,
      headers: { cookie: jar.header() },
    });
    expect(newer.headers.location).toBe('/profile');
  });

  it('a callback without the state cookie (expired cookie, other browser) is rejected without a token request', async () => {
    const start = await built.app.inject({ method: 'GET', url: '/auth/login' });
    const back = await decideOnConsentPage(String(start.headers.location), 'allow');
    const before = codeExchanges();
    const response = await built.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(response.headers.location).toBe('/auth/problem?reason=expired');
    expect(codeExchanges()).toBe(before);
  });

  it('returnTo: a same-site path is honoured, an off-site one is dropped (no open redirect)', async () => {
    const { callback } = await loginWithInject(built, { returnTo: '/boards?bookmark=x' });
    expect(callback.headers.location).toBe('/boards?bookmark=x');
    for (const evil of [
      '//evil.example',
      'https://evil.example/',
      '/\\evil.example',
      '/%2F%2Fevil.example',
    ]) {
      const result = await loginWithInject(built, { returnTo: evil });
      expect(result.callback.headers.location).toBe('/profile');
    }
  });

  it('H1: a returnTo a Location header cannot carry (/Ā) comes back percent-encoded, never a 500', async () => {
    const { callback } = await loginWithInject(built, { returnTo: '/\u0100?q=\u00e9 x#\u00e9' });
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/%C4%80?q=%C3%A9%20x#%C3%A9');
    expect(callback.headers['cache-control']).toBe('no-store');
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
    expect(setCookies(callback).some((c) => c.startsWith('sid='))).toBe(true);
    expect(setCookies(callback).some((c) => c.startsWith(`${STATE_COOKIE}=;`))).toBe(true);
  });

  it('H3: a callback with no, a repeated or a bare state leaves the state cookie and the login in progress alone', async () => {
    const jar = new CookieJar();
    const start = await built.app.inject({ method: 'GET', url: '/auth/login?returnTo=%2Fboards' });
    jar.store(start);
    const before = codeExchanges();
    for (const query of ['?code=x', '?state=a&state=b', '', '?error=access_denied']) {
      const stray = await built.app.inject({
        method: 'GET',
        url: `/auth/callback${query}`,
        headers: { cookie: jar.header() },
      });
      expect(stray.statusCode, query).toBe(303);
      expect(stray.headers.location, query).toBe('/auth/problem?reason=expired');
      expect(setCookies(stray), query).toEqual([]);
      jar.store(stray);
    }
    expect(codeExchanges()).toBe(before);
    const back = await decideOnConsentPage(String(start.headers.location), 'allow');
    const done = await built.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: jar.header() },
    });
    expect(done.headers.location).toBe('/boards');
  });

  it('C5: a spoofed Host header changes nothing in the consent URL', async () => {
    const response = await built.app.inject({
      method: 'GET',
      url: '/auth/login',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    const consent = new URL(String(response.headers.location));
    expect(consent.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
  });

  it('stores the tokens by Pinterest account id', async () => {
    await loginWithInject(built);
    const record = await built.auth.getTokens(ALICE);
    expect(record?.accessToken).toMatch(/^pina/);
  });
});

describe('state cookie outside localhost', () => {
  it('W1: is Secure and __Host- prefixed when the redirect URI is https', async () => {
    const uri = 'https://app.example.com/auth/callback';
    await mock.control.addRedirectUri(DEFAULT_APP.appId, uri);
    const app = await buildTestApp(mock, uri);
    try {
      const response = await app.app.inject({ method: 'GET', url: '/auth/login' });
      const [line] = setCookies(response);
      const attributes = (line as string).split('; ');
      expect(attributes[0]).toMatch(/^__Host-pinterest-login-state=[A-Za-z0-9_-]{43}$/);
      expect(attributes).toContain('Secure');
      expect(attributes).toContain('HttpOnly');
      expect(attributes).toContain('SameSite=Lax');
      expect(attributes).toContain('Path=/');
      expect(attributes).toContain('Max-Age=600');
    } finally {
      await app.app.close();
    }
  });
});
