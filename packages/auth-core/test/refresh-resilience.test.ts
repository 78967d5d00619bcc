import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  InProcessRefreshLock,
  MemoryTokenStore,
  type PinterestAuthConfig,
  PinterestConfigError,
  type RefreshLock,
  type RefreshLockOptions,
  TokenPersistError,
  type TokenRecord,
  type TokenStore,
} from '../src/index.js';
import { authFor, DAY_S, login, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();
// The tests that wait out a lock's TTL use the shortest TTL auth-core accepts for a 1 s token timeout
// (timeoutMs + the 2 s write margin, plus a little), so each waits ~3 s.
const SHORT_LOCK = { timeoutMs: 1_000, lockTtlMs: 3_100 } as const;
const refreshRequests = () => ctx.mock.control.tokenRequests().filter((r) => r.grantType === 'refresh_token');

/** A real in-process lock that also records the options every `acquire` was called with. */
function recordingLock(): { lock: RefreshLock; calls: RefreshLockOptions[]; held: Promise<void> } {
  const inner = new InProcessRefreshLock();
  const calls: RefreshLockOptions[] = [];
  let markHeld = () => {};
  const held = new Promise<void>((resolve) => {
    markHeld = resolve;
  });
  return {
    calls,
    held,
    lock: {
      async acquire(key, options) {
        calls.push({ ...options });
        const release = await inner.acquire(key, options);
        markHeld();
        return release;
      },
    },
  };
}

/** A store over a MemoryTokenStore whose backend "blips": the next `failures` writes throw. */
function blippingStore(base = new MemoryTokenStore()) {
  const state = { failures: 0, landThenFail: false, writes: 0, attempted: [] as TokenRecord[] };
  const store: TokenStore = {
    get: (key) => base.get(key),
    delete: (key) => base.delete(key),
    async compareAndSet(key, expected, record) {
      state.writes++;
      state.attempted.push(record);
      if (state.failures > 0) {
        state.failures--;
        // Either the write never reached the backend, or it landed and only the answer was lost.
        if (state.landThenFail) await base.compareAndSet(key, expected, record);
        throw Object.assign(new Error('connection reset by the store backend'), { code: 'ECONNRESET' });
      }
      return base.compareAndSet(key, expected, record);
    },
  };
  return { store, state };
}

describe('lockTtlMs', () => {
  it('is validated against timeoutMs plus the write margin, with a message naming the fix', () => {
    const problemOf = (overrides: Partial<PinterestAuthConfig>) => {
      try {
        authFor(ctx.mock, overrides);
      } catch (error) {
        expect(error).toBeInstanceOf(PinterestConfigError);
        return (error as PinterestConfigError).problems;
      }
      throw new Error('expected createPinterestAuth to throw');
    };
    expect(problemOf({ timeoutMs: 2_000, lockTtlMs: 4_000 })).toEqual([
      expect.stringMatching(
        /^lockTtlMs must be more than timeoutMs \+ 2000 ms = 4000 ms \(got 4000\).*lockTtlMs/,
      ),
    ]);
    expect(problemOf({ timeoutMs: 10_000, lockTtlMs: 12_000 })).toEqual([
      expect.stringMatching(/^lockTtlMs must be more than timeoutMs \+ 2000 ms = 12000 ms/),
    ]);
    expect(problemOf({ timeoutMs: 2_000, lockTtlMs: Number.NaN })).toHaveLength(1);
    expect(problemOf({ timeoutMs: 2_000, lockTtlMs: 86_400_001 })).toEqual([
      expect.stringMatching(/^lockTtlMs must be at most 86400000 ms/),
    ]);
    expect(() => authFor(ctx.mock, { timeoutMs: 2_000, lockTtlMs: 4_001 })).not.toThrow();
  });

  it('defaults to 2 × timeoutMs + 10 s, waiting TTL + 5 s', async () => {
    const { lock, calls } = recordingLock();
    const auth = authFor(ctx.mock, { lock, timeoutMs: 2_000 });
    const { key } = await login(auth);
    await auth.refresh(key);
    expect(calls).toEqual([{ ttlMs: 14_000, waitMs: 19_000 }]);
  });

  it('a holder that froze inside the lock is taken over after lockTtlMs', async () => {
    const shared = new MemoryTokenStore();
    const { lock, calls, held } = recordingLock();
    const first = authFor(ctx.mock, { store: shared, lock, ...SHORT_LOCK });
    const { key } = await login(first);
    ctx.mock.control.advanceClock(30 * DAY_S);
    // Instance A: its second read (the re-read after taking the lock) never answers, like a frozen process.
    let reads = 0;
    const frozen: TokenStore = {
      get: (k) => (++reads >= 2 ? new Promise(() => {}) : shared.get(k)),
      compareAndSet: (...args) => shared.compareAndSet(...args),
      delete: (k) => shared.delete(k),
    };
    const a = authFor(ctx.mock, { store: frozen, lock, ...SHORT_LOCK });
    void a.getAccessToken(key);
    await held;
    const b = authFor(ctx.mock, { store: shared, lock, ...SHORT_LOCK });
    const token = await b.getAccessToken(key);
    expect(token).toMatch(/^pina/);
    expect((await shared.get(key))?.record.accessToken).toBe(token);
    expect(refreshRequests()).toHaveLength(1);
    expect(calls).toEqual([
      { ttlMs: 3_100, waitMs: 8_100 },
      { ttlMs: 3_100, waitMs: 8_100 },
    ]);
  });
});

describe('a failing lock release', () => {
  /** The backend blips on release: the lock stays held (until its TTL) and release() rejects. */
  function brokenReleaseLock(inner = new InProcessRefreshLock()): RefreshLock {
    return {
      async acquire(key, options) {
        await inner.acquire(key, options);
        return async () => {
          throw new Error('lock backend unavailable');
        };
      },
    };
  }

  it('does not hide a successful refresh; the TTL frees the lock for the next one', async () => {
    const auth = authFor(ctx.mock, { lock: brokenReleaseLock(), ...SHORT_LOCK });
    const { key, record } = await login(auth);
    const next = await auth.refresh(key);
    expect(next.accessToken).not.toBe(record.accessToken);
    expect((await auth.getTokens(key))?.refreshToken).toBe(next.refreshToken);
    // The lock was never released: the next refresh gets it once its TTL has passed.
    const after = await auth.refresh(key);
    expect(after.accessToken).not.toBe(next.accessToken);
    expect(refreshRequests()).toHaveLength(2);
  });

  it("does not replace a failed refresh's own error", async () => {
    const auth = authFor(ctx.mock, { lock: brokenReleaseLock() });
    const { key } = await login(auth);
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', status: 503 });
    const error = await rejectionOf(auth.refresh(key));
    expect(error.code).toBe('TOKEN_REQUEST_FAILED');
    expect(error.status).toBe(503);
  });
});

describe('saving refreshed tokens', () => {
  it('retries a store that fails briefly, so the rotated refresh token is kept', async () => {
    const { store, state } = blippingStore();
    const auth = authFor(ctx.mock, { store });
    const { key, record } = await login(auth);
    state.failures = 2;
    state.writes = 0;
    const next = await auth.refresh(key);
    expect(state.writes).toBe(3);
    expect(next.refreshToken).not.toBe(record.refreshToken);
    expect((await auth.getTokens(key))?.refreshToken).toBe(next.refreshToken);
    // The persisted rotated token is the one Pinterest accepts next time.
    ctx.mock.control.advanceClock(30 * DAY_S);
    await expect(auth.getAccessToken(key)).resolves.toMatch(/^pina/);
    expect(refreshRequests()).toHaveLength(2);
  });

  it('treats a write that landed but whose answer was lost as saved', async () => {
    const { store, state } = blippingStore();
    const auth = authFor(ctx.mock, { store });
    const { key } = await login(auth);
    state.failures = 1;
    state.landThenFail = true;
    const next = await auth.refresh(key);
    expect((await auth.getTokens(key))?.accessToken).toBe(next.accessToken);
    expect((await auth.getTokens(key))?.refreshToken).toBe(next.refreshToken);
  });

  it('gives up after a bounded number of tries with TOKEN_PERSIST_FAILED, and no token in the error', async () => {
    const { store, state } = blippingStore();
    const auth = authFor(ctx.mock, { store });
    const { key, record } = await login(auth);
    state.failures = 1_000;
    state.writes = 0;
    state.attempted.length = 0;
    const error = await rejectionOf(auth.refresh(key));
    expect(error).toBeInstanceOf(TokenPersistError);
    expect(error.code).toBe('TOKEN_PERSIST_FAILED');
    expect(error.attempts).toBe(4);
    expect(error.storeErrorCode).toBe('ECONNRESET');
    expect(error.message).toMatch(/could not be saved to the token store after 4 attempts/);
    expect(state.writes).toBe(4);
    const issued = state.attempted[0];
    const secrets = [record.accessToken, record.refreshToken, issued?.accessToken, issued?.refreshToken];
    expect(secrets.every((s) => typeof s === 'string' && s.length > 0)).toBe(true);
    const views = [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 20 })];
    for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret);
    // The old record is still there (nothing half-written).
    expect((await auth.getTokens(key))?.refreshToken).toBe(record.refreshToken);
  });
});

describe('TokenStore.lock', () => {
  it('is part of the TokenStore type and used when no lock option is given', async () => {
    const base = new MemoryTokenStore();
    const shared = new InProcessRefreshLock();
    const store: TokenStore = {
      get: (key) => base.get(key),
      compareAndSet: (...args) => base.compareAndSet(...args),
      delete: (key) => base.delete(key),
      lock: shared,
    };
    const first = authFor(ctx.mock, { store });
    const { key } = await login(first);
    // Two instances with their own in-flight maps: only the store's shared lock keeps this to one refresh.
    const a = authFor(ctx.mock, { store });
    const b = authFor(ctx.mock, { store });
    ctx.mock.control.advanceClock(30 * DAY_S);
    const [ta, tb] = await Promise.all([a.getAccessToken(key), b.getAccessToken(key)]);
    expect(ta).toBe(tb);
    expect(refreshRequests()).toHaveLength(1);
  });
});

describe('conformance suite docs', () => {
  it("the TSDoc example uses @kit/redis-store's real API (createRedisStores({ url, keyPrefix }), close())", async () => {
    const source = await readFile(new URL('../src/testing/index.ts', import.meta.url), 'utf8');
    const example = /@example\s*\n \* ```ts\n([\s\S]*?) \* ```/.exec(source)?.[1] ?? '';
    expect(example).toContain("import { createRedisStores } from '@kit/redis-store';");
    expect(example).toMatch(/createRedisStores\(\{ url: [^,]+, keyPrefix: /);
    expect(example).toContain('store.close()');
    expect(example).not.toMatch(/\bprefix:|\.quit\(\)/);
  });
});
