import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configFromEnv, createPinterestAuth, type PinterestAuth } from '../src/index.js';
import { consent, DAY_S, REDIRECT_URI, useMock } from './helpers.js';

const ctx = useMock();
const APP_ID = '1000777';
const SECRET = 'CANARY-SECRET-d41d8cd98f00b204';

/** Every secret value seen during the test (secret, codes, states, tokens). */
const canaries = new Set<string>([SECRET]);
const errors: unknown[] = [];

async function capture(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    errors.push(error);
    return;
  }
  throw new Error('expected a failure');
}

function views(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  return [
    String(e.message),
    String(e.stack),
    String(e.cause),
    inspect(e.cause, { depth: 20, showHidden: true }),
    JSON.stringify(e),
    JSON.stringify(e.toJSON?.() ?? null),
    inspect(e, { depth: 20, showHidden: true }),
    String(e),
  ];
}

function auth(overrides: Partial<Parameters<typeof createPinterestAuth>[0]> = {}): PinterestAuth {
  return createPinterestAuth({
    appId: APP_ID,
    appSecret: SECRET,
    redirectUri: REDIRECT_URI,
    scopes: ['user_accounts:read'],
    oauthUrl: ctx.mock.oauthUrl,
    apiUrl: ctx.mock.apiUrl,
    now: () => ctx.mock.control.now(),
    timeoutMs: 800,
    retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    ...overrides,
  });
}

/** Starts a login and records its state and code as canaries. */
async function started(a: PinterestAuth) {
  const { url, state } = await a.createAuthorizationURL();
  const callback = await consent(url);
  canaries.add(state);
  canaries.add(new URL(callback).searchParams.get('code') as string);
  return { state, callback };
}

async function loggedIn(a: PinterestAuth) {
  const { state, callback } = await started(a);
  const result = await a.handleCallback(callback, { state });
  canaries.add(result.record.accessToken);
  canaries.add(result.record.refreshToken as string);
  return result;
}

describe('C10: canary secrets never leak through a failure path', () => {
  it('runs every flow with canaries and finds none in errors, causes, toJSON, inspect or the mock log', async () => {
    ctx.mock.control.registerApp({ appId: APP_ID, appSecret: SECRET, redirectUris: [REDIRECT_URI] });
    const a = auth();

    // Callback refusals.
    {
      const { state, callback } = await started(a);
      const dup = new URL(callback);
      dup.searchParams.append('code', 'x');
      await capture(a.handleCallback(dup, { state }));
    }
    {
      const { state, callback } = await started(a);
      await capture(a.handleCallback(callback, { state: `${state}x` }));
      const ok = await a.handleCallback(callback, { state });
      canaries.add(ok.record.accessToken);
      canaries.add(ok.record.refreshToken as string);
      await capture(a.handleCallback(callback, { state })); // replay
    }
    {
      const { state, callback } = await started(a);
      const denied = new URL(callback);
      denied.searchParams.set('error', `access_denied${state}`);
      await capture(a.handleCallback(denied, { state }));
    }
    {
      const { state, callback } = await started(a);
      ctx.mock.control.advanceClock(601);
      await capture(a.handleCallback(callback, { state }));
    }

    // Token endpoint failures during the code exchange.
    const faults = [
      { status: 401 },
      { delayMs: 2_000 },
      { redirectTo: 'http://127.0.0.1:1/steal' },
      { malformedJson: true as const },
      { reset: true as const },
      { status: 200, body: { access_token: 'pina_CANARY_in_body_1', token_type: 'mac', expires_in: 1 } },
      { status: 200, body: { access_token: 'pina_CANARY_in_body_2', token_type: 'bearer' } },
      {
        status: 200,
        body: { access_token: 42, refresh_token: 'pinr_CANARY_in_body_3', token_type: 'bearer' },
      },
    ];
    canaries.add('pina_CANARY_in_body_1');
    canaries.add('pina_CANARY_in_body_2');
    canaries.add('pinr_CANARY_in_body_3');
    for (const fault of faults) {
      const { state, callback } = await started(a);
      ctx.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', ...fault });
      await capture(a.handleCallback(callback, { state }));
    }
    {
      // Pinterest echoing the code in its message.
      const { state, callback } = await started(a);
      const code = new URL(callback).searchParams.get('code');
      ctx.mock.control.injectFault({
        method: 'POST',
        path: '/v5/oauth/token',
        status: 400,
        body: { code: 1, message: `Invalid code ${code} for secret ${SECRET}` },
      });
      await capture(a.handleCallback(callback, { state }));
    }

    // Refresh failures.
    const { key, record } = await loggedIn(a);
    ctx.mock.control.injectFault({
      method: 'POST',
      path: '/v5/oauth/token',
      status: 400,
      body: { code: 1, message: `bad refresh_token ${record.refreshToken}` },
    });
    await capture(a.refresh(key));
    const second = await loggedIn(a);
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', status: 503 });
    await capture(a.refresh(second.key));

    // API failures.
    const client = a.client(second.key);
    const token = (await a.getTokens(second.key))?.accessToken as string;
    canaries.add(token);
    for (const fault of [
      { status: 401, times: 5 },
      { status: 401, body: { code: 3, message: `token ${token} lacks scope` } },
      { status: 429, times: 5 },
      { status: 500, times: 5 },
      { delayMs: 2_000, times: 3 },
      { reset: true as const, times: 3 },
      { status: 404, body: { code: 40, message: `board not found for ${token}` } },
      { redirectTo: `http://127.0.0.1:1/?token=${token}` },
    ]) {
      ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', ...fault });
      await capture(client.get('/user_account'));
      ctx.mock.control.clearFaults();
      const fresh = await a.getTokens(second.key);
      if (fresh) {
        canaries.add(fresh.accessToken);
        if (fresh.refreshToken) canaries.add(fresh.refreshToken);
      }
    }
    await capture(client.get('/boards'));

    // Dead refresh token.
    ctx.mock.control.revokeAllTokensOf('1000000000000000001');
    ctx.mock.control.advanceClock(31 * DAY_S);
    await capture(a.getAccessToken(second.key));

    // PINTEREST_ACCESS_TOKEN mode with a dead token, client credentials with a wrong secret, bad config.
    const tokenOnly = auth({ accessToken: 'pina_CANARY_env_token' });
    canaries.add('pina_CANARY_env_token');
    await capture(tokenOnly.client().get('/user_account'));
    await capture(auth({ appSecret: `${SECRET}-wrong` }).clientCredentials(['boards:read']));
    canaries.add(`${SECRET}-wrong`);
    await capture(
      (async () =>
        configFromEnv({
          PINTEREST_APP_ID: 'abc',
          PINTEREST_APP_SECRET: SECRET,
          PINTEREST_REDIRECT_URI: `http://example.com/${SECRET}#x`.replace(SECRET, 'cb'),
          PINTEREST_ACCESS_TOKEN: 'pina_CANARY_env_token',
          PINTEREST_SCOPES: 'nope',
        }))(),
    );

    // Logout with a failing revoke is not an error, but must not leak either.
    const third = await loggedIn(a);
    ctx.mock.control.injectFault({ path: '/v5/oauth/token/revoke', status: 500, times: 2 });
    await a.logout(third.key);

    expect(errors.length).toBeGreaterThanOrEqual(29);
    const everything = errors.flatMap(views).join('\n');
    if (process.env.CANARY_DEBUG) {
      for (const e of errors)
        for (const c of canaries) if (views(e).join('').includes(c)) console.log(c, views(e));
    }
    const log = JSON.stringify(ctx.mock.control.requests());
    for (const canary of canaries) {
      expect(canary.length).toBeGreaterThan(8);
      expect(everything.includes(canary), `leaked ${canary.slice(0, 6)}… in an error`).toBe(false);
      expect(log.includes(canary), `leaked ${canary.slice(0, 6)}… in the mock's request log`).toBe(false);
    }
    // The errors are still informative: codes and kinds are there.
    const codes = new Set(errors.map((e) => (e as { code?: string }).code));
    for (const code of [
      'INVALID_CALLBACK',
      'STATE_MISMATCH',
      'UNKNOWN_STATE',
      'ACCESS_DENIED',
      'TOKEN_REQUEST_FAILED',
      'TIMEOUT',
      'PROTOCOL_ERROR',
      'NETWORK_ERROR',
      'REAUTHORIZATION_REQUIRED',
      'API_ERROR',
      'INVALID_CONFIG',
    ]) {
      expect(codes, code).toContain(code);
    }
    const kinds = new Set(errors.map((e) => (e as { kind?: string }).kind).filter(Boolean));
    for (const kind of [
      'auth_failed',
      'missing_scope',
      'rate_limited',
      'server',
      'timeout',
      'network',
      'not_found',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
  }, 30_000);
});
