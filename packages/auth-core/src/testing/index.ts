/**
 * Conformance suites for store backends. Every {@link TokenStore}, {@link TransactionStore} and
 * {@link RefreshLock} implementation (ours and yours) runs these to prove it honours the contracts documented
 * on the interfaces. They use vitest (`describe`/`it`/`expect`), an optional peer dependency.
 *
 * @example
 * ```ts
 * import { describeTokenStoreConformance } from '@kit/auth-core/testing';
 * import { createRedisStores } from '@kit/redis-store';
 *
 * // A key prefix of its own per test, so every test starts from an empty store.
 * describeTokenStoreConformance(
 *   'RedisTokenStore',
 *   () => createRedisStores({ url: process.env.REDIS_URL, keyPrefix: `test:${crypto.randomUUID()}:` }).store,
 *   { teardown: (store) => store.close() },
 * );
 * ```
 *
 * @module
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  LoginTransaction,
  RefreshLock,
  TokenRecord,
  TokenStore,
  TransactionStore,
} from '../stores/types.js';

/** Creates a fresh, empty backend instance for one test (called once per test). */
export type StoreFactory<T> = () => T | Promise<T>;

/** Options shared by the conformance suites. */
export interface ConformanceOptions<T> {
  /** Called after each test with the instance the factory made (close connections, remove temp dirs). */
  teardown?: (instance: T) => unknown;
}

function useFactory<T>(factory: StoreFactory<T>, options: ConformanceOptions<T>): () => Promise<T> {
  const made: T[] = [];
  afterEach(async () => {
    for (const instance of made.splice(0)) await options.teardown?.(instance);
  });
  return async () => {
    const instance = await factory();
    made.push(instance);
    return instance;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A sample {@link TokenRecord} with recognisable values; `n` varies the tokens. */
export function sampleTokenRecord(n = 1, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    accessToken: `pina_conformance_access_${n}`,
    tokenType: 'bearer',
    accessTokenExpiresAt: 1_800_000_000_000 + n,
    refreshToken: `pinr_conformance_refresh_${n}`,
    refreshTokenExpiresAt: 1_900_000_000_000 + n,
    scopes: ['boards:read', 'user_accounts:read'],
    requestedScopes: ['user_accounts:read'],
    environment: 'production',
    grantType: 'authorization_code',
    obtainedAt: 1_700_000_000_000 + n,
    ...overrides,
  };
}

/**
 * Values a store may find where a {@link TokenRecord} should be, none of them one: every JSON type, and
 * {@link sampleTokenRecord} with each field removed or replaced by a value of every wrong type. A store's
 * reader must answer each with its typed "corrupt" error (and overwrite nothing).
 */
export function malformedTokenRecords(): { name: string; value: unknown }[] {
  const cases: { name: string; value: unknown }[] = [
    { name: 'null', value: null },
    { name: 'an array', value: [] },
    { name: 'a number', value: 1 },
    { name: 'a string', value: 'pina_x' },
    { name: 'true', value: true },
    { name: 'an empty object', value: {} },
    { name: 'a list of records', value: [sampleTokenRecord(1)] },
  ];
  const wrong: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, ['x'], [1]];
  const good = sampleTokenRecord(1) as unknown as Record<string, unknown>;
  const optional = new Set(['refreshToken', 'refreshTokenExpiresAt']);
  for (const field of Object.keys(good)) {
    if (!optional.has(field)) {
      const { [field]: _removed, ...rest } = good;
      cases.push({ name: `without ${field}`, value: rest });
    }
    for (const value of wrong) {
      const stillValid =
        (Array.isArray(good[field]) && Array.isArray(value) && value.every((v) => typeof v === 'string')) ||
        (typeof good[field] === 'number' && typeof value === 'number' && value >= 0) ||
        (/^(access|refresh)Token$/.test(field) && typeof value === 'string' && value !== '');
      if (!stillValid)
        cases.push({ name: `${field}: ${JSON.stringify(value)}`, value: { ...good, [field]: value } });
    }
  }
  return cases;
}

/** A sample {@link LoginTransaction}. */
export function sampleLoginTransaction(n = 1): LoginTransaction {
  return {
    redirectUri: 'http://localhost:3000/auth/callback',
    scopes: ['user_accounts:read', 'boards:read'],
    returnTo: `/after-login/${n}`,
    createdAt: 1_700_000_000_000,
    expiresAt: 1_700_000_600_000,
  };
}

const ODD_KEYS = ['1000000000000000001', 'user:42/a.b', 'with space', 'ünïcødé-キー', 'x'.repeat(300)];

/**
 * Register a vitest suite proving that a {@link TokenStore} implementation honours the contract: reads,
 * create-only writes, compare-and-set by version (no ABA), whole-record replacement, deletes, key isolation,
 * copies on the way in/out, unknown fields round-tripped, and exactly one winner among concurrent writers.
 *
 * @param name - Suite title (usually the class name).
 * @param factory - Returns a fresh, EMPTY store; called once per test.
 */
export function describeTokenStoreConformance(
  name: string,
  factory: StoreFactory<TokenStore>,
  options: ConformanceOptions<TokenStore> = {},
): void {
  describe(`TokenStore conformance: ${name}`, () => {
    const make = useFactory(factory, options);

    it('returns undefined for a key that was never written', async () => {
      const store = await make();
      expect(await store.get('missing')).toBeUndefined();
    });

    it('creates a record with expectedVersion null and reads it back with a string version', async () => {
      const store = await make();
      const record = sampleTokenRecord(1);
      expect(await store.compareAndSet('k', null, record)).toBe(true);
      const read = await store.get('k');
      expect(read?.record).toEqual(record);
      expect(typeof read?.version).toBe('string');
      expect(read?.version.length).toBeGreaterThan(0);
    });

    it('refuses a create (null) when the key already has a record', async () => {
      const store = await make();
      await store.compareAndSet('k', null, sampleTokenRecord(1));
      expect(await store.compareAndSet('k', null, sampleTokenRecord(2))).toBe(false);
      expect((await store.get('k'))?.record.accessToken).toBe(sampleTokenRecord(1).accessToken);
    });

    it('replaces the whole record when the version matches and changes the version', async () => {
      const store = await make();
      await store.compareAndSet('k', null, sampleTokenRecord(1));
      const first = await store.get('k');
      const next = sampleTokenRecord(2);
      delete next.refreshToken;
      expect(await store.compareAndSet('k', first?.version ?? null, next)).toBe(true);
      const second = await store.get('k');
      expect(second?.record).toEqual(next);
      expect(second?.record).not.toHaveProperty('refreshToken');
      expect(second?.version).not.toBe(first?.version);
    });

    it('refuses a stale version and leaves the record untouched', async () => {
      const store = await make();
      await store.compareAndSet('k', null, sampleTokenRecord(1));
      const v1 = (await store.get('k'))?.version ?? null;
      expect(await store.compareAndSet('k', v1, sampleTokenRecord(2))).toBe(true);
      expect(await store.compareAndSet('k', v1, sampleTokenRecord(3))).toBe(false);
      expect((await store.get('k'))?.record).toEqual(sampleTokenRecord(2));
    });

    it('never reuses a version for a key (no ABA), even when the same content is written again', async () => {
      const store = await make();
      await store.compareAndSet('k', null, sampleTokenRecord(1));
      const seen = new Set<string>();
      let version = (await store.get('k'))?.version ?? null;
      if (version) seen.add(version);
      const v1 = version;
      for (let i = 0; i < 5; i++) {
        expect(await store.compareAndSet('k', version, sampleTokenRecord(1))).toBe(true);
        version = (await store.get('k'))?.version ?? null;
        expect(version).not.toBeNull();
        expect(seen.has(version as string)).toBe(false);
        seen.add(version as string);
      }
      expect(await store.compareAndSet('k', v1, sampleTokenRecord(9))).toBe(false);
      await store.delete('k');
      await store.compareAndSet('k', null, sampleTokenRecord(1));
      expect(seen.has((await store.get('k'))?.version as string)).toBe(false);
    });

    it('refuses a non-null version for a missing key', async () => {
      const store = await make();
      await store.compareAndSet('other', null, sampleTokenRecord(1));
      const v = (await store.get('other'))?.version ?? null;
      expect(await store.compareAndSet('k', v, sampleTokenRecord(2))).toBe(false);
      expect(await store.get('k')).toBeUndefined();
    });

    it('deletes idempotently; an old version does not resurrect a deleted key', async () => {
      const store = await make();
      await store.delete('never-there');
      await store.compareAndSet('k', null, sampleTokenRecord(1));
      const v = (await store.get('k'))?.version ?? null;
      await store.delete('k');
      await store.delete('k');
      expect(await store.get('k')).toBeUndefined();
      expect(await store.compareAndSet('k', v, sampleTokenRecord(2))).toBe(false);
      expect(await store.compareAndSet('k', null, sampleTokenRecord(3))).toBe(true);
      expect((await store.get('k'))?.record).toEqual(sampleTokenRecord(3));
    });

    it('keeps keys independent, whatever characters they contain', async () => {
      const store = await make();
      for (const [i, key] of ODD_KEYS.entries()) {
        expect(await store.compareAndSet(key, null, sampleTokenRecord(i))).toBe(true);
      }
      for (const [i, key] of ODD_KEYS.entries()) {
        expect((await store.get(key))?.record).toEqual(sampleTokenRecord(i));
      }
      await store.delete(ODD_KEYS[0] as string);
      expect(await store.get(ODD_KEYS[0] as string)).toBeUndefined();
      expect((await store.get(ODD_KEYS[1] as string))?.record).toEqual(sampleTokenRecord(1));
    });

    it('hands out copies: mutating what was written or read does not change the store', async () => {
      const store = await make();
      const record = sampleTokenRecord(1);
      await store.compareAndSet('k', null, record);
      record.accessToken = 'mutated-after-write';
      record.scopes.push('mutated');
      const read = await store.get('k');
      expect(read?.record).toEqual(sampleTokenRecord(1));
      if (read) {
        read.record.accessToken = 'mutated-after-read';
        read.record.scopes.length = 0;
      }
      expect((await store.get('k'))?.record).toEqual(sampleTokenRecord(1));
    });

    it('round-trips fields it does not know about', async () => {
      const store = await make();
      const record = { ...sampleTokenRecord(1), futureField: { nested: [1, 'two', null] } } as TokenRecord;
      await store.compareAndSet('k', null, record);
      expect((await store.get('k'))?.record).toEqual(record);
    });

    it('lets exactly one of many concurrent writers with the same expected version win', async () => {
      const store = await make();
      await store.compareAndSet('k', null, sampleTokenRecord(0));
      const v = (await store.get('k'))?.version ?? null;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.compareAndSet('k', v, sampleTokenRecord(i + 1))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true) + 1;
      expect((await store.get('k'))?.record).toEqual(sampleTokenRecord(winner));
    });

    it('lets exactly one of many concurrent creators win', async () => {
      const store = await make();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.compareAndSet('fresh', null, sampleTokenRecord(i))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}

/**
 * Register a vitest suite proving that a {@link TransactionStore} honours the contract: put/take, take consumes
 * (second take → `undefined`), exactly one winner among concurrent takers, TTL expiry (an expired transaction is
 * never returned), overwrite on put, id isolation, copies and unknown fields round-tripped.
 *
 * The expiry test waits for real time (a TTL of 50 ms, then 200 ms): backends such as Redis cannot use a fake
 * clock.
 */
export function describeTransactionStoreConformance(
  name: string,
  factory: StoreFactory<TransactionStore>,
  options: ConformanceOptions<TransactionStore> = {},
): void {
  describe(`TransactionStore conformance: ${name}`, () => {
    const make = useFactory(factory, options);

    it('returns undefined for an unknown id', async () => {
      const store = await make();
      expect(await store.take('unknown')).toBeUndefined();
    });

    it('returns the transaction once, then undefined (consumed)', async () => {
      const store = await make();
      await store.put('id1', sampleLoginTransaction(1), 60_000);
      expect(await store.take('id1')).toEqual(sampleLoginTransaction(1));
      expect(await store.take('id1')).toBeUndefined();
    });

    it('gives the transaction to exactly one of many concurrent takers', async () => {
      const store = await make();
      await store.put('race', sampleLoginTransaction(1), 60_000);
      const results = await Promise.all(Array.from({ length: 25 }, () => store.take('race')));
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it('never returns a transaction after its TTL elapsed', async () => {
      const store = await make();
      await store.put('short', sampleLoginTransaction(1), 50);
      await store.put('long', sampleLoginTransaction(2), 60_000);
      await sleep(200);
      expect(await store.take('short')).toBeUndefined();
      expect(await store.take('long')).toEqual(sampleLoginTransaction(2));
    });

    it('replaces the transaction when put twice under one id', async () => {
      const store = await make();
      await store.put('id', sampleLoginTransaction(1), 60_000);
      await store.put('id', sampleLoginTransaction(2), 60_000);
      expect(await store.take('id')).toEqual(sampleLoginTransaction(2));
      expect(await store.take('id')).toBeUndefined();
    });

    it('keeps ids independent, whatever characters they contain', async () => {
      const store = await make();
      for (const [i, id] of ODD_KEYS.entries()) await store.put(id, sampleLoginTransaction(i), 60_000);
      expect(await store.take(ODD_KEYS[2] as string)).toEqual(sampleLoginTransaction(2));
      for (const [i, id] of ODD_KEYS.entries()) {
        if (i !== 2) expect(await store.take(id)).toEqual(sampleLoginTransaction(i));
      }
    });

    it('hands out copies and round-trips unknown fields', async () => {
      const store = await make();
      const tx = { ...sampleLoginTransaction(1), extra: { a: [1, 2] } } as LoginTransaction;
      await store.put('id', tx, 60_000);
      tx.scopes.push('mutated');
      expect(await store.take('id')).toEqual({ ...sampleLoginTransaction(1), extra: { a: [1, 2] } });
    });
  });
}

/**
 * Register a vitest suite proving that a {@link RefreshLock} honours the contract: mutual exclusion per key,
 * independence of keys, `LockTimeoutError` (`code: 'LOCK_TIMEOUT'`) after `waitMs`, takeover after `ttlMs`, a late
 * release never frees a lock taken over by someone else, idempotent release, and no two holders at once among
 * many contenders. Uses real time with short TTLs (≤ 150 ms).
 */
export function describeRefreshLockConformance(
  name: string,
  factory: StoreFactory<RefreshLock>,
  options: ConformanceOptions<RefreshLock> = {},
): void {
  describe(`RefreshLock conformance: ${name}`, () => {
    const make = useFactory(factory, options);
    const long = { ttlMs: 30_000, waitMs: 10_000 };

    const now = { ttlMs: 30_000, waitMs: 0 };
    const isHeld = async (lock: RefreshLock, key: string) =>
      lock.acquire(key, now).then(
        async (release) => {
          await release();
          return false;
        },
        (error: { code?: string }) => {
          if (error.code !== 'LOCK_TIMEOUT') throw error;
          return true;
        },
      );

    it('acquires, releases, and acquires again', async () => {
      const lock = await make();
      const release = await lock.acquire('k', long);
      expect(await isHeld(lock, 'k')).toBe(true);
      await release();
      expect(await isHeld(lock, 'k')).toBe(false);
      const again = await lock.acquire('k', now);
      expect(await isHeld(lock, 'k')).toBe(true);
      await again();
      expect(await isHeld(lock, 'k')).toBe(false);
    });

    it('makes a second acquirer wait until the first releases', async () => {
      const lock = await make();
      const events: string[] = [];
      const release1 = await lock.acquire('k', long);
      const second = lock.acquire('k', long).then((release) => {
        events.push('second acquired');
        return release;
      });
      await sleep(100);
      events.push('first releasing');
      await release1();
      const release2 = await second;
      expect(events).toEqual(['first releasing', 'second acquired']);
      await release2();
    });

    it('rejects with LOCK_TIMEOUT when the lock stays held for waitMs', async () => {
      const lock = await make();
      const release = await lock.acquire('k', long);
      await expect(lock.acquire('k', { ttlMs: 30_000, waitMs: 100 })).rejects.toMatchObject({
        code: 'LOCK_TIMEOUT',
      });
      await release();
    });

    it('keeps keys independent', async () => {
      const lock = await make();
      const a = await lock.acquire('a', long);
      const b = await lock.acquire('b', now);
      expect(await isHeld(lock, 'a')).toBe(true);
      expect(await isHeld(lock, 'b')).toBe(true);
      await b();
      expect(await isHeld(lock, 'b')).toBe(false);
      expect(await isHeld(lock, 'a')).toBe(true);
      await a();
      expect(await isHeld(lock, 'a')).toBe(false);
    });

    it('lets another caller take the lock over after ttlMs (crashed holder)', async () => {
      const lock = await make();
      const started = Date.now();
      await lock.acquire('k', { ttlMs: 100, waitMs: 0 }); // never released: its holder "crashed"
      const takeover = await lock.acquire('k', { ttlMs: 30_000, waitMs: 5_000 });
      // Not before the crashed holder's TTL ran out (a little clock slack for coarse timers).
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
      expect(await isHeld(lock, 'k')).toBe(true);
      await takeover();
      expect(await isHeld(lock, 'k')).toBe(false);
    });

    it('ignores a late release from a holder whose lock was taken over', async () => {
      const lock = await make();
      const stale = await lock.acquire('k', { ttlMs: 100, waitMs: 0 });
      const fresh = await lock.acquire('k', { ttlMs: 30_000, waitMs: 5_000 });
      await stale();
      await expect(lock.acquire('k', { ttlMs: 30_000, waitMs: 50 })).rejects.toMatchObject({
        code: 'LOCK_TIMEOUT',
      });
      await fresh();
    });

    it('treats a second release as a no-op', async () => {
      const lock = await make();
      const first = await lock.acquire('k', long);
      await first();
      const second = await lock.acquire('k', long);
      await first();
      await expect(lock.acquire('k', { ttlMs: 30_000, waitMs: 50 })).rejects.toMatchObject({
        code: 'LOCK_TIMEOUT',
      });
      await second();
    });

    it('never has two holders at once among many contenders', async () => {
      const lock = await make();
      let inside = 0;
      let maxInside = 0;
      let done = 0;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          const release = await lock.acquire('k', { ttlMs: 30_000, waitMs: 20_000 });
          inside += 1;
          maxInside = Math.max(maxInside, inside);
          await sleep(5);
          inside -= 1;
          done += 1;
          await release();
        }),
      );
      expect(maxInside).toBe(1);
      expect(done).toBe(10);
    });
  });
}
