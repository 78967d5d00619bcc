import {
  LockTimeoutError,
  type RefreshLock,
  type RefreshLockOptions,
  type ReleaseLock,
} from '@kit/auth-core';
import { RedisStoreError } from './errors.js';
import { backendFrom, type RedisBackend, type RedisStoresOptions, randomId } from './options.js';
import { RELEASE_LOCK } from './scripts.js';

const FIRST_POLL_MS = 2;
const MAX_POLL_MS = 20;

/**
 * `@kit/auth-core`'s {@link RefreshLock} on Redis, so that one instance of many refreshes an account's tokens
 * while the others wait and then read its result. The lock is `SET <prefix>lock:<key> <owner> NX PX <ttlMs>`
 * with a random 128-bit owner id; release deletes the key only while it still holds that owner (Lua
 * compare-and-delete), so a holder that overran its TTL cannot free a lock another instance took over. A
 * crashed holder's lock expires after `ttlMs` by Redis' clock.
 *
 * Waiters poll (2 ms, doubling to 20 ms, with jitter). This is a single-Redis lock, not Redlock: with Redis
 * replication a failover can lose a just-taken lock; the token store's compare-and-set still stops a lost
 * update in that case.
 */
export class RedisRefreshLock implements RefreshLock {
  readonly #backend: RedisBackend;

  /** @param options - connection options, or the backend shared by {@link createRedisStores}. */
  constructor(options: RedisStoresOptions | RedisBackend = {}) {
    this.#backend = backendFrom(options);
  }

  /**
   * Wait at most `waitMs` for the lock of `key`, hold it for at most `ttlMs`.
   * @throws LockTimeoutError (code `LOCK_TIMEOUT`) when still held by another owner after `waitMs`;
   *   RedisStoreError when Redis fails (never treated as "lock free").
   */
  async acquire(key: string, options: RefreshLockOptions): Promise<ReleaseLock> {
    const ttlMs = Math.ceil(options.ttlMs);
    if (!Number.isFinite(ttlMs) || ttlMs <= 0 || !Number.isFinite(options.waitMs) || options.waitMs < 0) {
      throw new RedisStoreError('INVALID_OPTIONS', 'Lock ttlMs must be positive and waitMs not negative.');
    }
    const { connection, keys } = this.#backend;
    const lockKey = keys.key('lock', key);
    const owner = randomId();
    const deadline = performance.now() + options.waitMs;
    let pause = FIRST_POLL_MS;
    for (;;) {
      const taken = await connection.run('taking the refresh lock', (client) =>
        client.set(lockKey, owner, 'PX', ttlMs, 'NX'),
      );
      if (taken === 'OK') return this.#releaser(lockKey, owner);
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        throw new LockTimeoutError(
          `The refresh lock of account ${key} stayed held by another instance for ${options.waitMs} ms.`,
        );
      }
      await sleep(Math.min(remaining, pause * (0.5 + Math.random())));
      pause = Math.min(pause * 2, MAX_POLL_MS);
    }
  }

  #releaser(lockKey: string, owner: string): ReleaseLock {
    let released = false;
    return async () => {
      if (released) return;
      await this.#backend.connection.run('releasing the refresh lock', (client) =>
        RELEASE_LOCK.run(client, [lockKey], [owner]),
      );
      // Only after success: a release that failed (Redis away) may be retried; the TTL frees it otherwise.
      released = true;
    };
  }

  /** Close the connection if this lock created it. */
  close(): Promise<void> {
    return this.#backend.connection.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
