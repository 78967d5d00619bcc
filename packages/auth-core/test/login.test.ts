import { DEFAULT_APP, fingerprint as mockFingerprint } from '@kit/pinterest-mock';
import { describe, expect, it } from 'vitest';
import { authFor, consent, login, REDIRECT_URI, useMock } from './helpers.js';

const ctx = useMock();

describe('full login against the mock', () => {
  it('exchanges the code, fetches the account and stores tokens under the account id', async () => {
    const auth = authFor(ctx.mock);
    const result = await login(auth, '/boards?tab=mine');
    expect(result.key).toBe('1000000000000000001');
    expect(result.account.username).toBe('mock_alice');
    expect(result.returnTo).toBe('/boards?tab=mine');
    expect(result.record.accessToken).toMatch(/^pina/);
    expect(result.record.refreshToken).toMatch(/^pinr/);
    expect(result.missingScopes).toEqual([]);
    expect(result.grantedScopes).toEqual(
      expect.arrayContaining(['user_accounts:read', 'boards:read', 'pins:read']),
    );
    expect(await auth.getTokens(result.key)).toEqual(result.record);
    expect(await auth.getAccessToken(result.key)).toBe(result.record.accessToken);
  });

  it('sends Basic auth only, a form body with continuous_refresh=true and the same redirect_uri (C5, C8)', async () => {
    const auth = authFor(ctx.mock);
    const { url, state } = await auth.createAuthorizationURL();
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    const callback = await consent(url);
    await auth.handleCallback(callback, { state });
    const [tokenRequest, ...others] = ctx.mock.control.tokenRequests();
    expect(others).toHaveLength(0);
    expect(tokenRequest?.grantType).toBe('authorization_code');
    expect(tokenRequest?.headers.authorization).toBe(
      `Basic fp:${mockFingerprint(Buffer.from(`${DEFAULT_APP.appId}:${DEFAULT_APP.appSecret}`).toString('base64'))}`,
    );
    expect(tokenRequest?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(tokenRequest?.form).toMatchObject({ continuous_refresh: 'true', redirect_uri: REDIRECT_URI });
    expect(tokenRequest?.form).not.toHaveProperty('client_secret');
    expect(tokenRequest?.form).not.toHaveProperty('client_id');
    expect(tokenRequest?.query).toEqual({});
    const log = JSON.stringify(ctx.mock.control.requests());
    expect(log).not.toContain(DEFAULT_APP.appSecret);
  });

  it('computes expiry from the time the request was SENT (C11)', async () => {
    let delayClock = false;
    const auth = authFor(ctx.mock, {
      // A transport that takes 90 s of mock time to answer: the expiry must not move by those 90 s.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (delayClock && String(input).endsWith('/v5/oauth/token')) ctx.mock.control.advanceClock(90);
        return response;
      },
    });
    const { url, state } = await auth.createAuthorizationURL();
    const callback = await consent(url);
    delayClock = true;
    const sentAt = ctx.mock.control.now();
    const result = await auth.handleCallback(callback, { state });
    expect(result.record.obtainedAt).toBeGreaterThanOrEqual(sentAt);
    expect(result.record.obtainedAt).toBeLessThan(sentAt + 90_000);
    expect(result.record.accessTokenExpiresAt).toBe(result.record.obtainedAt + 2_592_000_000);
    expect(result.record.refreshTokenExpiresAt).toBe(result.record.obtainedAt + 5_184_000_000);
  });

  it('reports scopes asked for but not granted (C14)', async () => {
    ctx.mock.control.registerApp({ ...DEFAULT_APP, grantedScopesOverride: ['user_accounts:read'] });
    const auth = authFor(ctx.mock);
    const result = await login(auth);
    expect(result.grantedScopes).toEqual(['user_accounts:read']);
    expect(result.missingScopes).toEqual(['boards:read', 'pins:read']);
  });

  it('keeps a superset of granted scopes and reports nothing missing', async () => {
    const auth = authFor(ctx.mock, {
      scopes: ['user_accounts:read', 'boards:read', 'pins:read', 'boards:write'],
    });
    await login(auth);
    const narrow = authFor(ctx.mock, { scopes: ['user_accounts:read'] });
    const result = await login(narrow);
    expect(result.missingScopes).toEqual([]);
    // Pinterest grants what the account granted before (a superset of what was asked, RFC 6749 §3.3).
    const superset = ['boards:read', 'boards:write', 'pins:read', 'user_accounts:read'];
    expect([...result.grantedScopes].sort()).toEqual(superset);
    expect([...result.record.scopes].sort()).toEqual(superset);
  });

  it('works against the sandbox host with tokens bound to it', async () => {
    const auth = authFor(ctx.mock, { environment: 'sandbox', apiUrl: ctx.mock.sandboxApiUrl });
    const result = await login(auth);
    expect(result.record.environment).toBe('sandbox');
    expect(ctx.mock.control.tokenRequests()[0]?.environment).toBe('sandbox');
    const boards = await auth.client(result.key).get('/boards');
    expect(boards.items.length).toBeGreaterThan(0);
  });
});
