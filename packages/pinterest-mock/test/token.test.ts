import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PinterestMock, startPinterestMock } from '../src/index.js';
import {
  ALL_READ,
  APP_ID,
  api,
  authorize,
  basic,
  http,
  login,
  REDIRECT_URI,
  type TokenBody,
  tokenRequest,
} from './support/client.js';

let mock: PinterestMock;
const OTHER_APP = { appId: '2000002', appSecret: 'other-secret', redirectUris: [REDIRECT_URI] };

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.control.reset();
});

const DAY = 86_400;

describe('authorization_code grant', () => {
  it('exchanges a code for pina/pinr tokens with Pinterest lifetimes and a space-separated scope', async () => {
    const code = await authorize(mock, { scope: 'user_accounts:read,boards:read' });
    const response = await tokenRequest<TokenBody>(mock, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      continuous_refresh: 'true',
    });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.access_token).toMatch(/^pina_[A-Za-z0-9_-]{20,}$/);
    expect(body.refresh_token).toMatch(/^pinr_[A-Za-z0-9_-]{20,}$/);
    expect(body).toMatchObject({
      token_type: 'bearer',
      response_type: 'authorization_code',
      expires_in: 2_592_000,
      refresh_token_expires_in: 5_184_000,
      scope: 'user_accounts:read boards:read',
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('accepts space-separated scopes on the consent request', async () => {
    const tokens = await login(mock, { scope: 'boards:read pins:read' });
    expect(tokens.scope).toBe('boards:read pins:read');
  });

  it('rejects a code used twice with 401 code 2', async () => {
    const code = await authorize(mock);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
    expect((await tokenRequest(mock, form)).status).toBe(200);
    const again = await tokenRequest(mock, form);
    expect(again.status).toBe(401);
    expect(again.body).toEqual({ code: 2, message: 'Authentication failed.' });
  });

  it('rejects an unknown code with 401 code 2', async () => {
    const response = await tokenRequest(mock, {
      grant_type: 'authorization_code',
      code: 'f'.repeat(40),
      redirect_uri: REDIRECT_URI,
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 2 });
  });

  it('lets a code expire after 10 minutes of mock time', async () => {
    const fresh = await authorize(mock);
    mock.control.advanceClock(599);
    const inTime = await tokenRequest(mock, {
      grant_type: 'authorization_code',
      code: fresh,
      redirect_uri: REDIRECT_URI,
    });
    expect(inTime.status).toBe(200);

    const stale = await authorize(mock);
    mock.control.advanceClock(601);
    const late = await tokenRequest(mock, {
      grant_type: 'authorization_code',
      code: stale,
      redirect_uri: REDIRECT_URI,
    });
    expect(late.status).toBe(401);
    expect(late.body).toMatchObject({ code: 2 });
  });

  it('binds the code to its redirect_uri: one character off is refused, and the code is spent', async () => {
    const code = await authorize(mock);
    const response = await tokenRequest(mock, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:8085',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 1 });
    expect((response.body as { message: string }).message).toMatch(/redirect_uri/);
    const retry = await tokenRequest(mock, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(retry.status).toBe(401);
  });

  it('binds the code to the app that asked for it', async () => {
    mock.control.registerApp(OTHER_APP);
    const code = await authorize(mock);
    const response = await tokenRequest(
      mock,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: basic(OTHER_APP.appId, OTHER_APP.appSecret) },
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 2 });
  });

  it('answers 400 code 1 naming a missing code or redirect_uri', async () => {
    const noCode = await tokenRequest(mock, { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
    expect(noCode.status).toBe(400);
    expect(noCode.body).toEqual({ code: 1, message: 'Missing parameter: code.' });
    const noUri = await tokenRequest(mock, { grant_type: 'authorization_code', code: 'abc' });
    expect(noUri.status).toBe(400);
    expect(noUri.body).toEqual({ code: 1, message: 'Missing parameter: redirect_uri.' });
  });

  it('returns every scope the user ever granted the app (a superset of what was asked)', async () => {
    await login(mock, { scope: 'boards:read' });
    const second = await login(mock, { scope: 'pins:read' });
    expect(second.scope.split(' ').sort()).toEqual(['boards:read', 'pins:read']);
  });

  it('grants only grantedScopesOverride when the app has one', async () => {
    mock.control.registerApp({ ...OTHER_APP, grantedScopesOverride: ['user_accounts:read'] });
    const code = await authorize(mock, { client_id: OTHER_APP.appId, scope: ALL_READ });
    const response = await tokenRequest<TokenBody>(
      mock,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: basic(OTHER_APP.appId, OTHER_APP.appSecret) },
    );
    expect(response.body.scope).toBe('user_accounts:read');
    const boards = await api(mock, 'GET', '/v5/boards', response.body.access_token);
    expect(boards.status).toBe(401);
    expect(boards.body).toMatchObject({ code: 3 });
  });
});

describe('client authentication and body', () => {
  it('rejects a wrong secret, a wrong app id, a missing header and a Bearer header with 401 code 2', async () => {
    const code = await authorize(mock);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
    for (const authorization of [
      basic(APP_ID, 'wrong-secret'),
      basic('9999999', 'mock-app-secret'),
      basic(APP_ID, 'mock-app-secreT'),
      null,
      'Bearer mock-app-secret',
      'Basic not-base64!',
    ]) {
      const response = await tokenRequest(mock, form, { authorization });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.body).toEqual({ code: 2, message: 'Authentication failed.' });
    }
    // The code survives failed client authentication.
    expect((await tokenRequest(mock, form)).status).toBe(200);
  });

  it('does not accept client_id/client_secret in the body instead of Basic', async () => {
    const code = await authorize(mock);
    const response = await tokenRequest(
      mock,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: APP_ID,
        client_secret: 'mock-app-secret',
      },
      { authorization: null },
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 2 });
  });

  it('answers "Missing request body" (400 code 1) when the parameters are in the query string', async () => {
    const code = await authorize(mock);
    const query = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    const response = await http(mock, 'POST', `/v5/oauth/token?${query}`, {
      headers: { authorization: basic() },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 1, message: 'Missing request body' });
  });

  it('answers "Missing request body" for a JSON body', async () => {
    const response = await http(mock, 'POST', '/v5/oauth/token', {
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', scope: 'boards:read' }),
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 1, message: 'Missing request body' });
  });

  it('rejects a missing or unknown grant_type with 400 code 1', async () => {
    const missing = await tokenRequest(mock, { scope: 'boards:read' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 1, message: 'Missing parameter: grant_type.' });
    const unknown = await tokenRequest(mock, { grant_type: 'password' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 1 });
  });
});

describe('refresh_token grant', () => {
  it('rotates: returns a new refresh token with a fresh 60-day window and kills the old one', async () => {
    const first = await login(mock);
    const now = mock.control.now();
    const refreshed = await tokenRequest<TokenBody>(mock, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({
      response_type: 'refresh_token',
      token_type: 'bearer',
      expires_in: 2_592_000,
      refresh_token_expires_in: 5_184_000,
      scope: first.scope,
    });
    expect(refreshed.body.refresh_token).toMatch(/^pinr_/);
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    const expiresAt = refreshed.body.refresh_token_expires_at ?? 0;
    expect(Math.abs(expiresAt - (Math.floor(now / 1000) + 5_184_000))).toBeLessThanOrEqual(5);

    const reused = await tokenRequest(mock, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
    });
    expect(reused.status).toBe(401);
    expect(reused.body).toEqual({ code: 2, message: 'Authentication failed.' });

    const next = await tokenRequest(mock, {
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token ?? '',
    });
    expect(next.status).toBe(200);
    const me = await api(mock, 'GET', '/v5/user_account', (next.body as unknown as TokenBody).access_token);
    expect(me.status).toBe(200);
  });

  it('narrows the access token to a requested subset of scopes', async () => {
    const first = await login(mock, { scope: ALL_READ });
    const narrowed = await tokenRequest<TokenBody>(mock, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
      scope: 'user_accounts:read',
    });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.scope).toBe('user_accounts:read');
    const boards = await api(mock, 'GET', '/v5/boards', narrowed.body.access_token);
    expect(boards.status).toBe(401);
    expect(boards.body).toMatchObject({ code: 3 });
    // The rotated refresh token still carries every granted scope.
    const wide = await tokenRequest<TokenBody>(mock, {
      grant_type: 'refresh_token',
      refresh_token: narrowed.body.refresh_token ?? '',
    });
    expect(wide.body.scope.split(' ').sort()).toEqual(ALL_READ.split(',').sort());
  });

  it('refuses scopes that were never granted with 400 code 1', async () => {
    const first = await login(mock, { scope: 'boards:read' });
    const response = await tokenRequest(mock, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
      scope: 'boards:read,pins:write',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 1 });
    expect((response.body as { message: string }).message).toContain('pins:write');
  });

  it('lets a refresh token die after 60 days unused, but keeps renewing when used', async () => {
    const idle = await login(mock);
    let live = await login(mock);
    for (let i = 0; i < 3; i++) {
      mock.control.advanceClock(59 * DAY);
      const response = await tokenRequest<TokenBody>(mock, {
        grant_type: 'refresh_token',
        refresh_token: live.refresh_token ?? '',
      });
      expect(response.status).toBe(200);
      live = response.body;
    }
    const dead = await tokenRequest(mock, {
      grant_type: 'refresh_token',
      refresh_token: idle.refresh_token ?? '',
    });
    expect(dead.status).toBe(401);
    expect(dead.body).toMatchObject({ code: 2 });
  });

  it('expires access tokens after 30 days', async () => {
    const tokens = await login(mock);
    mock.control.advanceClock(30 * DAY - 10);
    expect((await api(mock, 'GET', '/v5/user_account', tokens.access_token)).status).toBe(200);
    mock.control.advanceClock(20);
    const expired = await api(mock, 'GET', '/v5/user_account', tokens.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 2, message: 'Authentication failed.' });
  });

  it('refuses a refresh token of another app and a missing refresh_token', async () => {
    mock.control.registerApp(OTHER_APP);
    const tokens = await login(mock);
    const other = await tokenRequest(
      mock,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' },
      { authorization: basic(OTHER_APP.appId, OTHER_APP.appSecret) },
    );
    expect(other.status).toBe(401);
    const missing = await tokenRequest(mock, { grant_type: 'refresh_token' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 1, message: 'Missing parameter: refresh_token.' });
  });

  it('invalidates every token of a user with revokeAllTokensOf', async () => {
    const tokens = await login(mock);
    expect(mock.control.revokeAllTokensOf('1000000000000000001')).toBe(2);
    expect((await api(mock, 'GET', '/v5/user_account', tokens.access_token)).status).toBe(401);
    const refresh = await tokenRequest(mock, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refresh.status).toBe(401);
  });
});

describe('client_credentials grant', () => {
  it('issues a pinc token acting as the app owner, with no refresh token', async () => {
    const response = await tokenRequest<TokenBody>(mock, {
      grant_type: 'client_credentials',
      scope: 'user_accounts:read,boards:read',
    });
    expect(response.status).toBe(200);
    expect(response.body.access_token).toMatch(/^pinc_/);
    expect(response.body).toMatchObject({
      response_type: 'client_credentials',
      token_type: 'bearer',
      expires_in: 2_592_000,
      scope: 'user_accounts:read boards:read',
    });
    expect(response.body).not.toHaveProperty('refresh_token');
    const me = await api<{ username: string }>(mock, 'GET', '/v5/user_account', response.body.access_token);
    expect(me.body.username).toBe('mock_alice');
  });

  it('requires a scope (400 code 1) and only known ones', async () => {
    const missing = await tokenRequest(mock, { grant_type: 'client_credentials' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 1, message: 'Missing parameter: scope.' });
    const unknown = await tokenRequest(mock, {
      grant_type: 'client_credentials',
      scope: 'boards:everything',
    });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { message: string }).message).toContain('boards:everything');
  });
});

describe('sandbox', () => {
  it('binds tokens to their environment', async () => {
    const sandbox = await login(mock, {}, '/sandbox');
    const production = await login(mock);
    expect((await api(mock, 'GET', '/sandbox/v5/user_account', sandbox.access_token)).status).toBe(200);
    const crossed = await api(mock, 'GET', '/v5/user_account', sandbox.access_token);
    expect(crossed.status).toBe(401);
    expect(crossed.body).toMatchObject({ code: 2 });
    expect((await api(mock, 'GET', '/sandbox/v5/user_account', production.access_token)).status).toBe(401);
    const refreshCrossed = await tokenRequest(mock, {
      grant_type: 'refresh_token',
      refresh_token: sandbox.refresh_token ?? '',
    });
    expect(refreshCrossed.status).toBe(401);
    const refreshed = await tokenRequest(
      mock,
      { grant_type: 'refresh_token', refresh_token: sandbox.refresh_token ?? '' },
      { prefix: '/sandbox' },
    );
    expect(refreshed.status).toBe(200);
  });
});

describe('POST /v5/oauth/token/revoke', () => {
  const revoke = (form: Record<string, string>, authorization: string | null = basic()) =>
    http(mock, 'POST', '/v5/oauth/token/revoke', {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(authorization ? { authorization } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });

  it('refuses ordinary users’ tokens with 403 code 29, and they keep working', async () => {
    const tokens = await login(mock);
    const response = await revoke({ token: tokens.access_token, token_type_hint: 'access_token' });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ code: 29, message: 'You are not permitted to access that resource.' });
    expect((await api(mock, 'GET', '/v5/user_account', tokens.access_token)).status).toBe(200);
  });

  it('revokes a system user’s token', async () => {
    mock.control.seedUser({ id: '1000000000000000099', username: 'mock_system', systemUser: true });
    mock.control.setAutoApprove('mock_system');
    const tokens = await login(mock);
    const response = await revoke({ token: tokens.refresh_token ?? '' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const refresh = await tokenRequest(mock, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refresh.status).toBe(401);
  });

  it('needs Basic client auth and a token', async () => {
    const tokens = await login(mock);
    expect((await revoke({ token: tokens.access_token }, basic(APP_ID, 'nope'))).status).toBe(401);
    const missing = await revoke({ token_type_hint: 'access_token' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 1, message: 'Missing parameter: token.' });
  });
});
