import { createHash } from 'node:crypto';
import { RedisStoreError } from './errors.js';
import { backendFrom, type RedisBackend, type RedisStoresOptions } from './options.js';

/**
 * Browser sessions on Redis, for a web app's own session layer (no framework import): a key-value store of JSON
 * values with a time to live, over the same connection, key prefix, timeouts, encryption and typed errors as
 * the token store. With it, any instance behind a load balancer accepts a session cookie issued by another,
 * so no sticky sessions are needed.
 *
 * Each session is a string key `<prefix>session:<SHA-256 of the id, hex>` set with a PX expiry (Redis' own clock
 * drops it). Only the digest of the id is written: a Redis dump, `MONITOR` output or a replica holds no value a
 * browser could present as a cookie. Values are JSON, sealed with AES-256-GCM when an encryption key is
 * configured (they hold CSRF tokens). Session ids must be unguessable (e.g. 32 random bytes): the digest
 * protects a dump, not a weak id.
 *
 * Like the other stores, it fails fast: when Redis is unreachable or slow, every method rejects with a
 * {@link RedisStoreError} (`REDIS_UNAVAILABLE`, `REDIS_TIMEOUT`) within the configured bounds, and there is
 * never a fallback to memory (a session that exists on one instance only would log users out at random).
 *
 * @typeParam T - what a session holds; must survive `JSON.stringify` / `JSON.parse` unchanged.
 *
 * @example
 * ```ts
 * const redis = createRedisStores({ url: process.env.REDIS_URL });
 * const sessions = redis.createSessionStore<{ accountKey: string; csrfToken: string }>();
 * await sessions.set(sessionId, { accountKey, csrfToken }, 7 * 24 * 3600 * 1000);
 * const session = await sessions.get(sessionIdFromCookie); // undefined when absent or expired
 * await sessions.delete(sessionId); // logout
 * ```
 */
export class RedisSessionStore<T = unknown> {
  readonly #backend: RedisBackend;

  /** @param options - connection options, or the backend shared by {@link createRedisStores}. */
  constructor(options: RedisStoresOptions | RedisBackend = {}) {
    this.#backend = backendFrom(options);
  }

  /**
   * The session stored under `id`, or `undefined` when there is none (never set, deleted or expired).
   * @throws RedisStoreError `REDIS_UNAVAILABLE` / `REDIS_TIMEOUT` / `REDIS_ERROR`; `DECRYPT_FAILED` or
   *   `CORRUPT_RECORD` when the stored value was not written by this store with this key.
   */
  async get(id: string): Promise<T | undefined> {
    const { connection, keys, codec } = this.#backend;
    const digest = sessionDigest(id);
    const stored = await connection.run('reading a session', (client) =>
      client.get(keys.key('session', digest)),
    );
    if (stored === null) return undefined;
    return (await codec.decode(stored, keys.context('session', digest))) as T;
  }

  /**
   * Store `value` under `id` for `ttlMs` milliseconds, replacing any previous value and its expiry.
   * @throws RedisStoreError `INVALID_OPTIONS` when `ttlMs` is not a positive number or `value` is not JSON;
   *   `REDIS_UNAVAILABLE` / `REDIS_TIMEOUT` / `REDIS_ERROR`.
   */
  async set(id: string, value: T, ttlMs: number): Promise<void> {
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
      throw new RedisStoreError(
        'INVALID_OPTIONS',
        `Session TTL must be a positive number of ms, got ${ttlMs}.`,
        {
          hint: 'Delete the session instead of saving it with no time left.',
        },
      );
    }
    if (value === undefined) {
      throw new RedisStoreError('INVALID_OPTIONS', 'A session value must be JSON, got undefined.', {
        hint: 'Use delete() to remove a session.',
      });
    }
    const { connection, keys, codec } = this.#backend;
    const digest = sessionDigest(id);
    const encoded = await codec.encode(value, keys.context('session', digest));
    await connection.run('storing a session', (client) =>
      client.set(keys.key('session', digest), encoded, 'PX', Math.ceil(ttlMs)),
    );
  }

  /**
   * Remove the session under `id` (logout, rotation at login). Removing one that does not exist is not an error.
   * @throws RedisStoreError `REDIS_UNAVAILABLE` / `REDIS_TIMEOUT` / `REDIS_ERROR`.
   */
  async delete(id: string): Promise<void> {
    const { connection, keys } = this.#backend;
    await connection.run('deleting a session', (client) =>
      client.del(keys.key('session', sessionDigest(id))),
    );
  }

  /** Close the connection if this store created it. */
  close(): Promise<void> {
    return this.#backend.connection.close();
  }
}

/**
 * What stands for a session id in Redis key names: the SHA-256 of the id, as 64 hex characters.
 * @throws RedisStoreError `INVALID_OPTIONS` when `id` is empty or not a string.
 */
export function sessionDigest(id: string): string {
  if (typeof id !== 'string' || id === '') {
    throw new RedisStoreError('INVALID_OPTIONS', 'A session id must be a non-empty string.', {
      hint: 'Pass the id from the session cookie, e.g. 32 random bytes as base64url.',
    });
  }
  return createHash('sha256').update(id, 'utf8').digest('hex');
}
