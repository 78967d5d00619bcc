/**
 * `@kit/redis-store`: `@kit/auth-core`'s token store, login-transaction store and refresh lock on Redis, so that
 * several instances of a Pinterest app share tokens and refresh each account exactly once.
 *
 * @example
 * ```ts
 * import { configFromEnv, createPinterestAuth } from '@kit/auth-core';
 * import { createRedisStores } from '@kit/redis-store';
 *
 * const redis = createRedisStores({ url: process.env.REDIS_URL });
 * const auth = createPinterestAuth({
 *   ...configFromEnv(),
 *   store: redis.store,
 *   transactionStore: redis.transactionStore,
 *   lock: redis.lock,
 * });
 * const sessions = redis.createSessionStore<{ accountKey: string }>(); // shared browser sessions
 * // on shutdown: await redis.close();
 * ```
 *
 * @module
 */
import { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';
import { RedisStoreError } from './errors.js';
import type { RedisRefreshLock } from './lock.js';
import { createBackend, type RedisStoresOptions } from './options.js';
import { RedisSessionStore } from './session-store.js';
import { RedisTokenStore } from './token-store.js';
import { RedisTransactionStore } from './transaction-store.js';

export { createRedisClient, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';
export { ENCRYPTION_KEY_ENV, parseEncryptionKey } from './encryption.js';
export { RedisStoreError, type RedisStoreErrorCode, type RedisStoreErrorOptions } from './errors.js';
export { DEFAULT_KEY_PREFIX } from './keys.js';
export { RedisRefreshLock } from './lock.js';
export type { RedisBackend, RedisStoresOptions } from './options.js';
export { RedisSessionStore, sessionDigest } from './session-store.js';
export { RedisTokenStore } from './token-store.js';
export { RedisTransactionStore } from './transaction-store.js';

/** What {@link createRedisStores} returns: pass the first three to `createPinterestAuth`. */
export interface RedisStores {
  /** Token records, compare-and-set by version. */
  store: RedisTokenStore;
  /** Login transactions, PX expiry, consumed with GETDEL. */
  transactionStore: RedisTransactionStore;
  /** Cross-instance refresh lock. */
  lock: RedisRefreshLock;
  /**
   * A {@link RedisSessionStore} over the same connection, prefix and encryption: browser sessions shared by
   * every instance (keys `<prefix>session:<SHA-256 of the id>`), so no sticky sessions are needed.
   * @typeParam T - what a session holds (JSON).
   */
  createSessionStore<T = unknown>(): RedisSessionStore<T>;
  /** Whether records are encrypted at rest. */
  encrypted: boolean;
  /** Fingerprint (8 hex chars of SHA-256) of the encryption key, when encrypted: compare it across instances. */
  keyFingerprint: string | undefined;
  /**
   * Connect now and check that Redis answers and has the commands these stores need (`GETDEL`: Redis 6.2+,
   * Lua scripting), e.g. at start-up or in a health check.
   * @throws RedisStoreError `REDIS_UNAVAILABLE` / `REDIS_TIMEOUT`, or `REDIS_ERROR` when a command is missing.
   */
  ping(): Promise<void>;
  /** Close the connection when it was made from a URL (a `client` you passed stays open). */
  close(): Promise<void>;
}

/**
 * Create the three Redis-backed stores over one connection (and, with `createSessionStore()`, a session store
 * on it too).
 *
 * Redis must be 6.2 or newer (GETDEL); 7 is recommended. When Redis is unreachable or slow, operations fail
 * within `connectTimeoutMs` / `commandTimeoutMs` (default {@link DEFAULT_CONNECT_TIMEOUT_MS} /
 * {@link DEFAULT_COMMAND_TIMEOUT_MS} ms) with a `RedisStoreError` (`REDIS_UNAVAILABLE`, `REDIS_TIMEOUT`); there is
 * never a fallback to memory, which would split state between instances.
 *
 * @throws RedisStoreError `INVALID_OPTIONS` (bad URL or timeout) or `INVALID_ENCRYPTION_KEY`, synchronously.
 */
export function createRedisStores(options: RedisStoresOptions = {}): RedisStores {
  const backend = createBackend(options);
  const store = new RedisTokenStore(backend);
  return {
    store,
    transactionStore: new RedisTransactionStore(backend),
    lock: store.lock,
    createSessionStore: <T = unknown>() => new RedisSessionStore<T>(backend),
    encrypted: backend.codec.encrypted,
    keyFingerprint: backend.keyFingerprint,
    async ping() {
      const { connection } = backend;
      const info = await connection.run('checking the connection', (client) =>
        client.command('INFO', 'getdel', 'evalsha'),
      );
      const missing = ['GETDEL', 'EVALSHA'].filter((_, i) => !Array.isArray((info as unknown[])[i]));
      if (missing.length > 0) {
        throw new RedisStoreError(
          'REDIS_ERROR',
          `Redis at ${connection.target} lacks ${missing.join(' and ')}, which @kit/redis-store needs.`,
          { hint: 'Use Redis 6.2 or newer (7 recommended), with the commands not renamed or disabled.' },
        );
      }
    },
    close: () => backend.connection.close(),
  };
}
