/**
 * Typed errors of `@kit/redis-store`. They extend `@kit/auth-core`'s `PinterestAuthError`, so one
 * `err.code` switch covers both packages. No message, `cause`, `toJSON()` or `util.inspect` output ever holds a
 * token, a login state, the encryption key or the Redis password: Redis client errors are reduced to their
 * kind (e.g. `ECONNREFUSED`) before they are attached.
 *
 * @module
 */
import { PinterestAuthError } from '@kit/auth-core';

/** Why a Redis store operation failed. Stable; branch on it. */
export type RedisStoreErrorCode =
  /** Redis cannot be reached (refused, reset, closed, reconnecting). Nothing was done, or the outcome is unknown. */
  | 'REDIS_UNAVAILABLE'
  /** Redis did not answer within `commandTimeoutMs` (or did not accept a connection within `connectTimeoutMs`). */
  | 'REDIS_TIMEOUT'
  /** Redis answered with an error (`NOAUTH`, `WRONGTYPE`, `READONLY`, `NOSCRIPT` after reload, …). */
  | 'REDIS_ERROR'
  /** A stored record could not be decrypted: wrong key, missing key, or a record written without encryption. */
  | 'DECRYPT_FAILED'
  /** A stored value is not what this package writes (hand-edited, or written by something else). */
  | 'CORRUPT_RECORD'
  /** `PINTEREST_TOKEN_ENCRYPTION_KEY` / `encryptionKey` is not 32 bytes of base64. */
  | 'INVALID_ENCRYPTION_KEY'
  /** `createRedisStores()` or a store constructor got options it cannot use. */
  | 'INVALID_OPTIONS'
  /** The stores were closed with `close()`; create new ones. */
  | 'STORE_CLOSED';

/** Options of {@link RedisStoreError}. */
export interface RedisStoreErrorOptions {
  /** A sanitized underlying error (never a raw client error: those can carry command arguments). */
  cause?: unknown;
  /** What to do about it. */
  hint?: string;
}

/**
 * Everything that goes wrong in `@kit/redis-store` (except lock waits that run out, which throw auth-core's
 * `LockTimeoutError`, code `LOCK_TIMEOUT`, as the `RefreshLock` contract asks).
 *
 * @example
 * ```ts
 * try {
 *   await auth.getAccessToken(accountId);
 * } catch (err) {
 *   if (err instanceof RedisStoreError && err.code === 'REDIS_UNAVAILABLE') return reply.code(503).send();
 *   throw err;
 * }
 * ```
 */
export class RedisStoreError extends PinterestAuthError {
  declare readonly code: RedisStoreErrorCode;

  constructor(code: RedisStoreErrorCode, message: string, options: RedisStoreErrorOptions = {}) {
    super(code, message, options);
  }
}

/**
 * A secret-free stand-in for a Redis client error, kept as `cause`: its message is only the error's kind
 * (`ECONNREFUSED`, `Command timed out`, the first word of a Redis reply error).
 */
export class RedisClientFailure extends Error {
  constructor(kind: string) {
    super(kind);
    this.name = 'RedisClientFailure';
  }
}
