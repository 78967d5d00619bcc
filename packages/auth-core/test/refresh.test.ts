import { describe, expect, it } from 'vitest';
import { MemoryTokenStore, ReauthorizationRequiredError } from '../src/index.js';
import { authFor, DAY_S, login, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();
const refreshRequests = () => ctx.mock.control.tokenRequests().filter((r) => r.grantType === 'refresh_token');

describe('getAccessToken and refresh', () => {
  it('C11: no refresh just outside the skew margin, a refresh just inside it', async () => {
    const auth = authFor(ctx.mock, { refreshSkewMs: 300_000 });
    const { key, record } = await login(auth);
    // 30 days minus 5 minutes minus 1 s after the request was sent: still fresh.
    const lead = record.accessTokenExpiresAt - 300_000 - ctx.mock.control.now();
    ctx.mock.control.advanceClock(Math.floor(lead / 1000) - 1);
    expect(await auth.getAccessToken(key)).toBe(record.accessToken);
    expect(refreshRequests()).toHaveLength(0);
    ctx.mock.control.advanceClock(2); // now inside the margin
    const next = await auth.getAccessToken(key);
    expect(next).not.toBe(record.accessToken);
    expect(refreshRequests()).toHaveLength(1);
  });

  it('C12: the rotated refresh token is persisted before the new access token is returned', async () => {
    const store = new MemoryTokenStore();
    const writes: string[] = [];
    const spyStore = {
      get: (key: string) => store.get(key),
      delete: (key: string) => store.delete(key),
      compareAndSet: async (...args: Parameters<MemoryTokenStore['compareAndSet']>) => {
        const ok = await store.compareAndSet(...args);
        if (ok) writes.push(args[2].accessToken);
        return ok;
      },
    };
    const auth = authFor(ctx.mock, { store: spyStore });
    const { key, record } = await login(auth);
    ctx.mock.control.advanceClock(30 * DAY_S);
    const token = await auth.getAccessToken(key);
    expect(writes.at(-1)).toBe(token); // stored before getAccessToken resolved
    const stored = (await store.get(key))?.record;
    expect(stored?.accessToken).toBe(token);
    expect(stored?.refreshToken).toMatch(/^pinr/);
    expect(stored?.refreshToken).not.toBe(record.refreshToken);
    expect(stored?.grantType).toBe('refresh_token');
    // The new refresh token is the one Pinterest will accept next time.
    ctx.mock.control.advanceClock(30 * DAY_S);
    await expect(auth.getAccessToken(key)).resolves.toMatch(/^pina/);
    expect(refreshRequests()).toHaveLength(2);
  });

  it('C12: reusing the old (rotated-away) refresh token is refused and leads to re-authorization', async () => {
    const auth = authFor(ctx.mock);
    const { key, record: old } = await login(auth);
    await auth.refresh(key);
    // Put the stale record back, as a process with an old copy would.
    const current = await auth.store.get(key);
    await auth.store.compareAndSet(key, current?.version ?? null, old);
    const error = await rejectionOf(auth.refresh(key));
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(error.code).toBe('REAUTHORIZATION_REQUIRED');
    expect(error.reason).toBe('refresh_token_rejected');
    expect(await auth.getTokens(key)).toBeUndefined();
  });

  it('C12: when Pinterest returns no refresh token, the old one is kept', async () => {
    const auth = authFor(ctx.mock);
    const { key, record } = await login(auth);
    ctx.mock.control.injectFault({
      method: 'POST',
      path: '/v5/oauth/token',
      status: 200,
      body: {
        access_token: 'pina_without_rotation',
        token_type: 'bearer',
        expires_in: 2_592_000,
        scope: 'boards:read',
      },
    });
    const next = await auth.refresh(key);
    expect(next.accessToken).toBe('pina_without_rotation');
    expect(next.refreshToken).toBe(record.refreshToken);
    expect(next.refreshTokenExpiresAt).toBe(record.refreshTokenExpiresAt);
    expect((await auth.getTokens(key))?.refreshToken).toBe(record.refreshToken);
  });

  it('C12: a revoked refresh token deletes the record and raises re-authorization, with no retry loop', async () => {
    const auth = authFor(ctx.mock);
    const { key } = await login(auth);
    ctx.mock.control.revokeAllTokensOf('1000000000000000001');
    ctx.mock.control.advanceClock(30 * DAY_S);
    const error = await rejectionOf(auth.getAccessToken(key));
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(error.reason).toBe('refresh_token_rejected');
    expect(await auth.getTokens(key)).toBeUndefined();
    expect(refreshRequests()).toHaveLength(1);
    const again = await rejectionOf(auth.getAccessToken(key));
    expect(again.reason).toBe('no_tokens');
    expect(refreshRequests()).toHaveLength(1);
  });

  it('an expired refresh token (60 days unused) deletes the record without asking Pinterest', async () => {
    const auth = authFor(ctx.mock);
    const { key } = await login(auth);
    ctx.mock.control.advanceClock(61 * DAY_S);
    const error = await rejectionOf(auth.getAccessToken(key));
    expect(error.reason).toBe('refresh_token_expired');
    expect(await auth.getTokens(key)).toBeUndefined();
    expect(refreshRequests()).toHaveLength(0);
  });

  it('C13: 200 concurrent getAccessToken on an expired token → exactly one token request', async () => {
    const auth = authFor(ctx.mock);
    const { key } = await login(auth);
    ctx.mock.control.advanceClock(30 * DAY_S);
    const tokens = await Promise.all(Array.from({ length: 200 }, () => auth.getAccessToken(key)));
    expect(new Set(tokens).size).toBe(1);
    expect(refreshRequests()).toHaveLength(1);
    expect((await auth.getTokens(key))?.accessToken).toBe(tokens[0]);
  });

  it('C13: two auth instances sharing a store and a lock re-read after the lock → one refresh', async () => {
    const first = authFor(ctx.mock);
    const { key } = await login(first);
    const { InProcessRefreshLock } = await import('../src/index.js');
    const lock = new InProcessRefreshLock();
    const a = authFor(ctx.mock, { store: first.store, lock });
    const b = authFor(ctx.mock, { store: first.store, lock });
    ctx.mock.control.advanceClock(30 * DAY_S);
    const [ta, tb] = await Promise.all([a.getAccessToken(key), b.getAccessToken(key)]);
    expect(ta).toBe(tb);
    expect(refreshRequests()).toHaveLength(1);
  });

  it('a refresh failing with 5xx keeps the tokens (transient) and reports TOKEN_REQUEST_FAILED', async () => {
    const auth = authFor(ctx.mock);
    const { key, record } = await login(auth);
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', status: 503 });
    const error = await rejectionOf(auth.refresh(key));
    expect(error.code).toBe('TOKEN_REQUEST_FAILED');
    expect(error.status).toBe(503);
    expect((await auth.getTokens(key))?.refreshToken).toBe(record.refreshToken);
  });

  it('getAccessToken for an unknown account asks for a login', async () => {
    const auth = authFor(ctx.mock);
    const error = await rejectionOf(auth.getAccessToken('nobody'));
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(error.reason).toBe('no_tokens');
  });

  it('tokens of the other environment are not used', async () => {
    const sandbox = authFor(ctx.mock, { environment: 'sandbox', apiUrl: ctx.mock.sandboxApiUrl });
    const { key } = await login(sandbox);
    const production = authFor(ctx.mock, { store: sandbox.store });
    const error = await rejectionOf(production.getAccessToken(key));
    expect(error.code).toBe('REAUTHORIZATION_REQUIRED');
    expect(error.message).toContain('sandbox');
  });

  it('saveTokens stores a raw Pinterest token response (e.g. from @fastify/oauth2)', async () => {
    const auth = authFor(ctx.mock);
    const sentAt = ctx.mock.control.now();
    const record = await auth.saveTokens(
      'acct',
      {
        access_token: 'pina_x',
        refresh_token: 'pinr_x',
        token_type: 'bearer',
        expires_in: 100,
        refresh_token_expires_in: 200,
        scope: 'boards:read user_accounts:read',
      },
      { sentAt },
    );
    expect(record).toMatchObject({
      accessToken: 'pina_x',
      refreshToken: 'pinr_x',
      accessTokenExpiresAt: sentAt + 100_000,
      refreshTokenExpiresAt: sentAt + 200_000,
      scopes: ['boards:read', 'user_accounts:read'],
    });
    expect(await auth.getTokens('acct')).toEqual(record);
    await expect(auth.saveTokens('acct', { access_token: '' })).rejects.toMatchObject({
      code: 'PROTOCOL_ERROR',
    });
  });
});
