/**
 * Login, callback and logout of the BFF over real HTTP against the Pinterest mock: cookie attributes (B2, C3),
 * session rotation, replay, denial, Host spoofing (C5), logout (B6) and logs free of codes and states.
 */
import { DEFAULT_APP, SEED_USERS } from '@kit/pinterest-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSetCookie, rawRequest } from './helpers/http.js';
import { loggedInClient, loginThroughMock, type Stack, startStack } from './helpers/stack.js';

const ALICE = SEED_USERS[0]?.id ?? '';
const REFRESH_TOKEN_LIFETIME_S = 60 * 24 * 60 * 60;

function cookieNamed(headers: string[], name: string) {
  const header = headers.find((h) => h.startsWith(`${name}=`));
  if (!header) throw new Error(`no Set-Cookie for ${name} in ${JSON.stringify(headers)}`);
  return parseSetCookie(header);
}

let stack: Stack;
afterEach(async () => {
  await stack.close();
});

describe('login with the local mock', () => {
  beforeEach(async () => {
    stack = await startStack();
  });

  it('redirects to the consent page with the configured redirect URI and keeps state in a Lax, HttpOnly, 10-minute cookie', async () => {
    const client = stack.client();
    const response = await client.request('/auth/login');
    expect(response.status).toBe(302);
    const consent = new URL(response.location() ?? '');
    expect(`${consent.origin}${consent.pathname}`).toBe(`${stack.mock.oauthUrl}/oauth/`);
    expect(consent.searchParams.get('client_id')).toBe(DEFAULT_APP.appId);
    expect(consent.searchParams.get('redirect_uri')).toBe(stack.redirectUri);
    expect(consent.searchParams.get('response_type')).toBe('code');

    const state = cookieNamed(response.setCookies, 'spa_oauth_state');
    expect(state.value).toBe(consent.searchParams.get('state'));
    expect(state.attributes.has('httponly')).toBe(true);
    expect(state.attributes.get('samesite')).toBe('Lax');
    expect(state.attributes.get('path')).toBe('/');
    expect(state.attributes.get('max-age')).toBe('600');
    expect(state.attributes.has('domain')).toBe(false);
    expect(state.attributes.has('secure')).toBe(false); // http://localhost in development
  });

  it('completes the callback: 303 to /, no-referrer, no-store, state cookie cleared, Strict HttpOnly session cookie (B2)', async () => {
    const client = stack.client();
    const trace = await loginThroughMock(stack, client);
    const response = trace.callbackResponse;
    expect(response.status).toBe(303);
    expect(response.location()).toBe('/');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');

    const cleared = cookieNamed(response.setCookies, 'spa_oauth_state');
    expect(cleared.attributes.get('max-age')).toBe('0');
    expect(cleared.attributes.get('samesite')).toBe('Lax');
    expect(cleared.attributes.get('path')).toBe('/');

    const session = cookieNamed(response.setCookies, 'spa_session');
    expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.attributes.has('httponly')).toBe(true);
    expect(session.attributes.get('samesite')).toBe('Strict');
    expect(session.attributes.get('path')).toBe('/');
    expect(session.attributes.has('domain')).toBe(false);
    // B5: the session never outlives the refresh token (60 days) nor the configured lifetime (14 days).
    const maxAge = Number(session.attributes.get('max-age'));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(REFRESH_TOKEN_LIFETIME_S);
    expect(maxAge).toBeLessThanOrEqual(14 * 24 * 60 * 60);

    const info = (await client.request('/api/session')).json<{ authenticated: boolean; csrfToken: string }>();
    expect(info.authenticated).toBe(true);
    expect(info.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stack.mock.control.tokenRequests().map((entry) => entry.grantType)).toEqual([
      'authorization_code',
    ]);
  });

  it.each([
    ['/boards/5000001000000001', '/boards/5000001000000001'],
    ['//evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['/%2F%2Fevil.example', '/'],
    ['javascript:alert(1)', '/'],
  ])('after login goes to returnTo=%s → %s (same-site paths only)', async (returnTo, expected) => {
    const client = stack.client();
    const trace = await loginThroughMock(
      stack,
      client,
      `/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
    );
    expect(trace.callbackResponse.status).toBe(303);
    expect(trace.callbackResponse.location()).toBe(expected);
  });

  it('gives a new session id at every login and forgets the old one (fixation)', async () => {
    const client = stack.client();
    await loginThroughMock(stack, client);
    const first = client.jar.get('spa_session');
    await loginThroughMock(stack, client);
    const second = client.jar.get('spa_session');
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const stale = await rawRequest(stack.base, '/api/session', { cookie: `spa_session=${first}` });
    expect(stale.json()).toMatchObject({ authenticated: false });
  });

  it('rejects a replayed callback URL, even with the state cookie put back, and exchanges the code only once (C2)', async () => {
    const client = stack.client();
    const trace = await loginThroughMock(stack, client);
    const stateCookie = `spa_oauth_state=${trace.state}`;
    const replay = await rawRequest(stack.base, trace.callbackPath, { cookie: stateCookie });
    expect(replay.status).toBe(303);
    expect(replay.location()).toBe('/?login_error=expired');
    expect(replay.setCookies.some((h) => h.startsWith('spa_session='))).toBe(false);

    const bare = await rawRequest(stack.base, trace.callbackPath);
    expect(bare.location()).toBe('/?login_error=expired');
    const exchanges = stack.mock.control.tokenRequests().filter((e) => e.grantType === 'authorization_code');
    expect(exchanges).toHaveLength(1);
  });

  it("rejects a callback that arrives with another browser's state cookie (C3)", async () => {
    const victim = stack.client();
    const attacker = stack.client();
    // The attacker starts a login, gets a code for their own account, and makes the victim's browser open it.
    const login = await attacker.request('/auth/login');
    const consentUrl = new URL(login.location() ?? '');
    const consent = await rawRequest(stack.mock.url, `${consentUrl.pathname}${consentUrl.search}`);
    const callback = new URL(consent.location() ?? '');
    await victim.request('/auth/login'); // the victim has a login of their own in progress
    const response = await victim.request(`${callback.pathname}${callback.search}`);
    expect(response.status).toBe(303);
    expect(response.location()).toBe('/?login_error=expired');
    expect(victim.jar.has('spa_session')).toBe(false);
    expect(stack.mock.control.tokenRequests()).toHaveLength(0);
  });

  it('H1: a returnTo a Location header cannot carry (/Ā) comes back percent-encoded, never a 500', async () => {
    const client = stack.client();
    const trace = await loginThroughMock(stack, client, '/auth/login?returnTo=%2F%C4%80%3Fq%3D%C3%A9%20x');
    const callback = trace.callbackResponse;
    expect(callback.status).toBe(303);
    expect(callback.location()).toBe('/%C4%80?q=%C3%A9%20x');
    expect(callback.headers['cache-control']).toBe('no-store');
    expect(callback.headers['referrer-policy']).toBe('no-referrer');
    expect(client.jar.has('spa_session')).toBe(true);
    expect(client.jar.has('spa_oauth_state')).toBe(false);
  });

  it('H3: stray callbacks (no, repeated or foreign state) leave the state cookie, so two tabs still log in', async () => {
    const client = stack.client();
    const login = await client.request('/auth/login?returnTo=%2Fboards');
    const consentUrl = new URL(login.location() ?? '');
    const state = client.jar.get('spa_oauth_state');
    expect(state).toBeDefined();
    for (const query of ['?code=x', '?state=a&state=b', '', '?error=access_denied', '?state=other&code=x']) {
      const stray = await client.request(`/auth/callback${query}`);
      expect(stray.status, query).toBe(303);
      expect(stray.location(), query).toMatch(/^\/\?login_error=/);
      expect(stray.setCookies, query).toEqual([]);
    }
    expect(client.jar.get('spa_oauth_state')).toBe(state);
    const consent = await rawRequest(stack.mock.url, `${consentUrl.pathname}${consentUrl.search}`);
    const back = new URL(consent.location() ?? '');
    const done = await client.request(`${back.pathname}${back.search}`);
    expect(done.location()).toBe('/boards');
    expect(client.jar.has('spa_session')).toBe(true);
    expect(client.jar.has('spa_oauth_state')).toBe(false);
  });

  it('keeps the configured redirect URI whatever Host header arrives (C5)', async () => {
    const client = stack.client();
    const login = await client.request('/auth/login', {
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    const consentUrl = new URL(login.location() ?? '');
    expect(consentUrl.searchParams.get('redirect_uri')).toBe(stack.redirectUri);
    const consent = await rawRequest(stack.mock.url, `${consentUrl.pathname}${consentUrl.search}`);
    const callback = new URL(consent.location() ?? '');
    const done = await client.request(`${callback.pathname}${callback.search}`, {
      headers: { host: 'evil.example', 'x-forwarded-proto': 'https' },
    });
    expect(done.status).toBe(303);
    expect(done.location()).toBe('/');
    const [exchange] = stack.mock.control.tokenRequests();
    expect(exchange?.form?.redirect_uri).toBe(stack.redirectUri);
  });

  it('never writes the code, the state or a token to the logs (W5)', async () => {
    const { client, csrf, trace } = await loggedInClient(stack);
    await client.request('/api/me', { headers: { 'x-csrf-token': csrf } });
    await rawRequest(stack.base, trace.callbackPath); // a refused replay is logged too
    const record = (await stack.auth.getTokens(ALICE)) as { accessToken: string; refreshToken?: string };
    const log = stack.logs.join('');
    expect(log).toContain('/auth/callback'); // the request was logged…
    for (const secret of [
      trace.code,
      trace.state,
      record.accessToken,
      record.refreshToken ?? 'none',
      DEFAULT_APP.appSecret,
    ]) {
      expect(secret.length).toBeGreaterThan(3);
      expect(log).not.toContain(secret); // …without its query string
    }
  });
});

describe('denied consent', () => {
  beforeEach(async () => {
    stack = await startStack({ autoApprove: false });
  });

  it('sends the user back with login_error=denied and makes no token request', async () => {
    const client = stack.client();
    const login = await client.request('/auth/login');
    const consentUrl = new URL(login.location() ?? '');
    const form = new URLSearchParams(consentUrl.searchParams);
    form.set('decision', 'deny');
    const deny = await rawRequest(stack.mock.url, '/oauth/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const callback = new URL(deny.location() ?? '');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const response = await client.request(`${callback.pathname}${callback.search}`);
    expect(response.status).toBe(303);
    expect(response.location()).toBe('/?login_error=denied');
    expect(client.jar.has('spa_session')).toBe(false);
    expect(stack.mock.control.tokenRequests()).toHaveLength(0);
  });
});

describe('outside localhost', () => {
  beforeEach(async () => {
    stack = await startStack({ redirectUri: () => 'https://boards.example.com/auth/callback' });
  });

  it('marks both cookies Secure under the __Host- prefix (B2)', async () => {
    const client = stack.client();
    const trace = await loginThroughMock(stack, client);
    const state = cookieNamed(trace.loginResponse.setCookies, '__Host-spa_oauth_state');
    expect(state.attributes.has('secure')).toBe(true);
    const session = cookieNamed(trace.callbackResponse.setCookies, '__Host-spa_session');
    expect(session.attributes.has('secure')).toBe(true);
    expect(session.attributes.has('httponly')).toBe(true);
    expect(session.attributes.get('samesite')).toBe('Strict');
    expect(session.attributes.get('path')).toBe('/');
    expect(session.attributes.has('domain')).toBe(false);
  });
});

describe('logout (B6)', () => {
  beforeEach(async () => {
    stack = await startStack();
  });

  it('answers GET with 405 and leaves the session alone', async () => {
    const { client, csrf } = await loggedInClient(stack);
    const response = await client.request('/auth/logout');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect((await client.request('/api/me', { headers: { 'x-csrf-token': csrf } })).status).toBe(200);
  });

  it('refuses POST without the CSRF header, or from another origin', async () => {
    const { client, csrf } = await loggedInClient(stack);
    expect((await client.request('/auth/logout', { method: 'POST' })).status).toBe(403);
    expect(
      (await client.request('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': 'wrong' } })).status,
    ).toBe(403);
    const foreign = await client.request('/auth/logout', {
      method: 'POST',
      headers: { 'x-csrf-token': csrf, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await client.request('/api/session')).json()).toMatchObject({ authenticated: true });
    expect(await stack.auth.getTokens(ALICE)).toBeDefined();
  });

  it('POST with the header ends the session and deletes the tokens', async () => {
    const { client, csrf } = await loggedInClient(stack);
    const oldSession = client.jar.get('spa_session');
    const response = await client.request('/auth/logout', {
      method: 'POST',
      headers: { 'x-csrf-token': csrf, origin: stack.publicBase },
    });
    expect(response.status).toBe(204);
    expect(cookieNamed(response.setCookies, 'spa_session').attributes.get('max-age')).toBe('0');
    expect(client.jar.has('spa_session')).toBe(false);
    expect(await stack.auth.getTokens(ALICE)).toBeUndefined();
    const replay = await rawRequest(stack.base, '/api/me', {
      cookie: `spa_session=${oldSession}`,
      headers: { 'x-csrf-token': csrf },
    });
    expect(replay.status).toBe(401);
  });
});
