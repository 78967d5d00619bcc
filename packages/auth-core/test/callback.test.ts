import { describe, expect, it } from 'vitest';
import { CallbackError, isSafeReturnTo, safeReturnTo } from '../src/index.js';
import { authFor, consent, REDIRECT_URI, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();

describe('createAuthorizationURL', () => {
  it('builds the consent URL with client_id, redirect_uri, response_type, comma-separated scope and state', async () => {
    const auth = authFor(ctx.mock);
    const { url, state } = await auth.createAuthorizationURL({
      scopes: ['user_accounts:read', 'boards:read'],
    });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(`${ctx.mock.oauthUrl}/oauth/`);
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      client_id: '1000001',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'user_accounts:read,boards:read',
      state,
    });
  });

  it('C1: state is 32 CSPRNG bytes in base64url — 10,000 values, all unique, all 43 chars', async () => {
    const auth = authFor(ctx.mock, {
      transactionStore: { put: async () => {}, take: async () => undefined },
    });
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add((await auth.createAuthorizationURL()).state);
    expect(seen.size).toBe(10_000);
    // One assertion over all of them (10,000 `expect` calls would cost more than the states themselves).
    expect([...seen].filter((state) => !/^[A-Za-z0-9_-]{43}$/.test(state))).toEqual([]);
  });

  it('C6: only same-site paths pass as returnTo', async () => {
    const auth = authFor(ctx.mock);
    const good = ['/', '/x', '/boards?tab=1#top', '/a/b/c', '/search?q=a%2Fb'];
    const bad = [
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '%2F%2Fevil.example',
      '/%2F%2Fevil.example',
      '/%5Cevil.example',
      '/%252F%252Fevil.example',
      'evil.example',
      '',
      '/\tevil',
      '/x\nLocation: https://evil',
      ' /x',
    ];
    for (const path of good) {
      expect(isSafeReturnTo(path), path).toBe(true);
      await expect(auth.createAuthorizationURL({ returnTo: path })).resolves.toHaveProperty('state');
    }
    for (const path of bad) {
      expect(isSafeReturnTo(path), path).toBe(false);
      await expect(auth.createAuthorizationURL({ returnTo: path }), path).rejects.toMatchObject({
        code: 'INVALID_RETURN_TO',
      });
    }
  });

  it('H1: returnTo comes out percent-encoded, so a Location header can always carry it', async () => {
    const cases: [string, string][] = [
      ['/\u0100', '/%C4%80'],
      ['/%C4%80', '/%C4%80'],
      ['/caf\u00e9?q=a b&r=\u00e9#\u00e9 t', '/caf%C3%A9?q=a%20b&r=%C3%A9#%C3%A9%20t'],
      ['/boards?tab=1#top', '/boards?tab=1#top'],
      ['/\u{1F600}', '/%F0%9F%98%80'],
    ];
    const auth = authFor(ctx.mock);
    for (const [given, expected] of cases) {
      expect(safeReturnTo(given), given).toBe(expected);
      const { url, state } = await auth.createAuthorizationURL({ returnTo: given });
      const result = await auth.handleCallback(await consent(url), { state });
      expect(result.returnTo, given).toBe(expected);
      // Exactly the characters Node lets into a header value (ERR_INVALID_CHAR otherwise).
      expect(result.returnTo).toMatch(/^[\x21-\x7e]+$/);
    }
    for (const bad of ['//evil.example', '/\ud800', '/x\u0000', 'https://evil.example']) {
      expect(safeReturnTo(bad), bad).toBeUndefined();
    }
  });

  it('refuses unknown scopes with the closest valid one suggested', async () => {
    const auth = authFor(ctx.mock);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    const error = await rejectionOf(auth.createAuthorizationURL({ scopes: ['board:read' as any] }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('did you mean "boards:read"');
  });
});

describe('handleCallback: refusals before any token request', () => {
  async function started(returnTo = '/after') {
    const auth = authFor(ctx.mock);
    const { url, state } = await auth.createAuthorizationURL({ returnTo });
    const callback = await consent(url);
    return { auth, state, callback };
  }

  const tokenRequests = () => ctx.mock.control.tokenRequests().length;

  it('C2: a replayed callback URL is rejected and the token endpoint is hit once', async () => {
    const { auth, state, callback } = await started();
    const first = await auth.handleCallback(callback, { state });
    expect(first.returnTo).toBe('/after');
    const replay = await rejectionOf(auth.handleCallback(callback, { state }));
    expect(replay).toBeInstanceOf(CallbackError);
    expect(replay.code).toBe('UNKNOWN_STATE');
    expect(tokenRequests()).toBe(1);
  });

  it('C2: a transaction is consumed by a FAILED callback too', async () => {
    const { auth, state, callback } = await started();
    const url = new URL(callback);
    url.searchParams.delete('code');
    expect((await rejectionOf(auth.handleCallback(url, { state }))).code).toBe('INVALID_CALLBACK');
    expect((await rejectionOf(auth.handleCallback(callback, { state }))).code).toBe('UNKNOWN_STATE');
    expect(tokenRequests()).toBe(0);
  });

  it('C2: a matching callback that repeats another parameter is refused AND consumes the login', async () => {
    const { auth, state, callback } = await started();
    const url = new URL(callback);
    url.searchParams.append('code', 'second-code');
    expect((await rejectionOf(auth.handleCallback(url, { state }))).code).toBe('INVALID_CALLBACK');
    expect((await rejectionOf(auth.handleCallback(callback, { state }))).code).toBe('UNKNOWN_STATE');
    expect(tokenRequests()).toBe(0);
  });

  it('C2: concurrent deliveries of one callback → exactly one succeeds, one token request', async () => {
    const { auth, state, callback } = await started();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => auth.handleCallback(callback, { state })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(tokenRequests()).toBe(1);
  });

  it("C3: a callback carried with another browser's state cookie is rejected", async () => {
    const auth = authFor(ctx.mock);
    const victim = await auth.createAuthorizationURL();
    const attacker = await auth.createAuthorizationURL();
    const attackerCallback = await consent(attacker.url);
    // The victim's browser (victim cookie) is made to load the attacker's callback URL.
    const error = await rejectionOf(auth.handleCallback(attackerCallback, { state: victim.state }));
    expect(error.code).toBe('STATE_MISMATCH');
    // Missing cookie altogether.
    expect((await rejectionOf(auth.handleCallback(attackerCallback, { state: undefined }))).code).toBe(
      'STATE_MISMATCH',
    );
    expect(tokenRequests()).toBe(0);
  });

  it("W2: an older tab's callback is refused (STATE_MISMATCH) without consuming the browser's newer login", async () => {
    const auth = authFor(ctx.mock);
    const older = await auth.createAuthorizationURL({ returnTo: '/older' });
    const olderCallback = await consent(older.url);
    // The second tab's login replaces the state in the browser's cookie.
    const newer = await auth.createAuthorizationURL({ returnTo: '/newer' });
    const newerCallback = await consent(newer.url);
    const error = await rejectionOf(auth.handleCallback(olderCallback, { state: newer.state }));
    expect(error).toBeInstanceOf(CallbackError);
    expect(error.code).toBe('STATE_MISMATCH');
    expect(tokenRequests()).toBe(0);
    const done = await auth.handleCallback(newerCallback, { state: newer.state });
    expect(done.returnTo).toBe('/newer');
    expect(tokenRequests()).toBe(1);
    // The newer login is now used up (C2); the older one was never this browser's to finish.
    expect((await rejectionOf(auth.handleCallback(newerCallback, { state: newer.state }))).code).toBe(
      'UNKNOWN_STATE',
    );
    expect(tokenRequests()).toBe(1);
  });

  it("C3: forged callbacks (another state, no state, a repeated state) leave this browser's login intact", async () => {
    const { auth, state, callback } = await started('/mine');
    const withState = (...values: string[]) => {
      const url = new URL(callback);
      url.searchParams.delete('state');
      for (const value of values) url.searchParams.append('state', value);
      return url;
    };
    const forged = withState((await auth.createAuthorizationURL()).state);
    expect((await rejectionOf(auth.handleCallback(forged, { state }))).code).toBe('STATE_MISMATCH');
    const stateless = withState();
    expect((await rejectionOf(auth.handleCallback(stateless, { state }))).code).toBe('INVALID_CALLBACK');
    const repeated = withState(state, state);
    const repeatedError = await rejectionOf(auth.handleCallback(repeated, { state }));
    expect(repeatedError.code).toBe('INVALID_CALLBACK');
    expect(repeatedError.message).toContain('state');
    expect(tokenRequests()).toBe(0);
    await expect(auth.handleCallback(callback, { state })).resolves.toMatchObject({ returnTo: '/mine' });
    expect(tokenRequests()).toBe(1);
  });

  it('H3: a refusal says whether it used up the login in progress (loginKept), so apps know to keep its cookie', async () => {
    const { auth, state, callback } = await started('/mine');
    const withState = (...values: string[]) => {
      const url = new URL(callback);
      url.searchParams.delete('state');
      for (const value of values) url.searchParams.append('state', value);
      return url;
    };
    const errorOnly = new URL(callback);
    errorOnly.search = '?error=access_denied';
    const strays = [
      withState(),
      withState(state, state),
      withState('a', 'b'),
      withState((await auth.createAuthorizationURL()).state),
      errorOnly,
    ];
    for (const stray of strays) {
      const error = await rejectionOf(auth.handleCallback(stray, { state }));
      expect(error, stray.search).toBeInstanceOf(CallbackError);
      expect(error.loginKept, stray.search).toBe(true);
    }
    const noCookie = await rejectionOf(auth.handleCallback(callback, { state: undefined }));
    expect(noCookie.loginKept).toBe(true);
    // This browser's own callback, but malformed: the login is used up (C2) and the error says so.
    const repeatedCode = new URL(callback);
    repeatedCode.searchParams.append('code', 'again');
    const used = await rejectionOf(auth.handleCallback(repeatedCode, { state }));
    expect(used.loginKept).toBe(false);
    expect(tokenRequests()).toBe(0);
  });

  it('C4: a transaction expires after 10 minutes (fake clock at 10 min + 1 s)', async () => {
    const { auth, state, callback } = await started();
    ctx.mock.control.advanceClock(601);
    const error = await rejectionOf(auth.handleCallback(callback, { state }));
    // The default store forgets a transaction at its expiry; a store that keeps it gets TRANSACTION_EXPIRED
    // from its expiresAt instead (next tests but one).
    expect(error.code).toBe('UNKNOWN_STATE');
    expect(tokenRequests()).toBe(0);
  });

  it('C4: still accepted at 10 min − 1 s', async () => {
    const { auth, state, callback } = await started();
    ctx.mock.control.advanceClock(599);
    await expect(auth.handleCallback(callback, { state })).resolves.toHaveProperty('key');
  });

  it('C4: an expired transaction kept by a store that does not purge is still refused by its expiresAt', async () => {
    const kept = new Map<string, unknown>();
    const auth = authFor(ctx.mock, {
      transactionStore: {
        put: async (id, tx) => void kept.set(id, tx),
        take: async (id) => kept.get(id) as never,
      },
    });
    const { url, state } = await auth.createAuthorizationURL();
    const callback = await consent(url);
    ctx.mock.control.advanceClock(601);
    expect((await rejectionOf(auth.handleCallback(callback, { state }))).code).toBe('TRANSACTION_EXPIRED');
    expect(tokenRequests()).toBe(0);
  });

  it('C5: a spoofed Host in the callback URL changes nothing: the configured redirect_uri is used', async () => {
    const { auth, state, callback } = await started();
    const spoofed = new URL(callback);
    spoofed.host = 'evil.example:8443';
    await auth.handleCallback(spoofed, { state });
    const [request] = ctx.mock.control.tokenRequests();
    expect(request?.form?.redirect_uri).toBe(REDIRECT_URI);
    const consentRequest = ctx.mock.control.requests().find((r) => r.path === '/oauth/');
    expect(consentRequest?.query.redirect_uri).toBe(REDIRECT_URI);
  });

  it('accepts the request path + query (req.url) resolved against the configured redirect URI', async () => {
    const { auth, state, callback } = await started();
    const url = new URL(callback);
    await expect(auth.handleCallback(`${url.pathname}${url.search}`, { state })).resolves.toHaveProperty(
      'key',
    );
  });

  it('C7: duplicate parameters → INVALID_CALLBACK, no token request', async () => {
    for (const param of ['code', 'state', 'error']) {
      const { auth, state, callback } = await started();
      const url = new URL(callback);
      if (!url.searchParams.has(param)) url.searchParams.append(param, 'access_denied');
      url.searchParams.append(param, url.searchParams.get(param) ?? 'x');
      const error = await rejectionOf(auth.handleCallback(url, { state }));
      expect(error.code, param).toBe('INVALID_CALLBACK');
      expect(error.message).toContain(param);
    }
    expect(tokenRequests()).toBe(0);
  });

  it('C7: missing code → INVALID_CALLBACK, no token request', async () => {
    const { auth, state, callback } = await started();
    const url = new URL(callback);
    url.searchParams.delete('code');
    expect((await rejectionOf(auth.handleCallback(url, { state }))).code).toBe('INVALID_CALLBACK');
    expect(tokenRequests()).toBe(0);
  });

  it('C7: missing state → INVALID_CALLBACK, no token request', async () => {
    const { auth, state, callback } = await started();
    const url = new URL(callback);
    url.searchParams.delete('state');
    expect((await rejectionOf(auth.handleCallback(url, { state }))).code).toBe('INVALID_CALLBACK');
    expect(tokenRequests()).toBe(0);
  });

  it('C7: error= (real denial on the mock consent page) → ACCESS_DENIED, no token request', async () => {
    ctx.mock.control.setAutoApprove(false);
    const auth = authFor(ctx.mock);
    const { url, state } = await auth.createAuthorizationURL();
    const params = new URL(url).searchParams;
    params.set('decision', 'deny');
    const callback = await consent(`${ctx.mock.oauthUrl}/oauth/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: params,
    });
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const error = await rejectionOf(auth.handleCallback(callback, { state }));
    expect(error).toBeInstanceOf(CallbackError);
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.oauthError).toBe('access_denied');
    expect(tokenRequests()).toBe(0);
  });

  it('C7: error= together with a code is still a denial', async () => {
    const { auth, state, callback } = await started();
    const url = new URL(callback);
    url.searchParams.set('error', 'server_error');
    expect((await rejectionOf(auth.handleCallback(url, { state }))).code).toBe('ACCESS_DENIED');
    expect(tokenRequests()).toBe(0);
  });

  it('refuses a callback on another path than the redirect URI', async () => {
    const { auth, state, callback } = await started();
    const url = new URL(callback);
    url.pathname = '/elsewhere';
    expect((await rejectionOf(auth.handleCallback(url, { state }))).code).toBe('INVALID_CALLBACK');
  });

  it('a used code answered 401 by the token endpoint becomes TOKEN_REQUEST_FAILED with a hint', async () => {
    const { auth, state, callback } = await started();
    await auth.handleCallback(callback, { state });
    // Start another login but deliver the OLD code with the new state.
    const next = await auth.createAuthorizationURL();
    const url = new URL(callback);
    url.searchParams.set('state', next.state);
    const error = await rejectionOf(auth.handleCallback(url, { state: next.state }));
    expect(error.code).toBe('TOKEN_REQUEST_FAILED');
    expect(error.status).toBe(401);
    expect(error.pinterestCode).toBe(2);
    expect(error.requestId).toMatch(/^[0-9a-f]+$/);
    expect(String(error.hint)).toMatch(/start the login again/i);
  });
});
