/**
 * Options shared by {@link createRedisStores} and the three store classes, and how they become one backend
 * (connection + key layout + value codec).
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { createValueCodec, type ValueCodec } from './codec.js';
import { RedisConnection } from './connection.js';
import { createRecordCipher, ENCRYPTION_KEY_ENV, parseEncryptionKey } from './encryption.js';
import { RedisStoreError } from './errors.js';
import { DEFAULT_KEY_PREFIX, type KeyLayout, keyLayout } from './keys.js';

/**
 * Options of {@link createRedisStores}, {@link RedisTokenStore}, {@link RedisTransactionStore},
 * {@link RedisRefreshLock} and {@link RedisSessionStore}.
 */
export interface RedisStoresOptions {
  /**
   * Where Redis is: `redis://[user:password@]host:port[/db]`, or `rediss://…` for TLS. Default: the `REDIS_URL`
   * environment variable, else `redis://127.0.0.1:6379`. Ignored when `client` is given.
   */
  url?: string;
  /**
   * An ioredis client you created. It is used as it is and never closed by `close()`. Configure it to fail fast
   * yourself (`enableOfflineQueue: false`, `maxRetriesPerRequest: 0`, `commandTimeout`), or prefer `url`, for
   * which this package does that.
   */
  client?: Redis;
  /** Prefix of every key written. Default `'pinterest:'`. Give each app sharing a Redis its own prefix. */
  keyPrefix?: string;
  /**
   * AES-256-GCM key for token records, login transactions and sessions at rest: 32 bytes, as base64 or raw bytes.
   * Default: the `PINTEREST_TOKEN_ENCRYPTION_KEY` environment variable when set. `false` turns encryption off
   * even when the variable is set. Every instance sharing the Redis must use the same key.
   */
  encryptionKey?: string | Uint8Array | false;
  /** Bound on each Redis command, in ms (default 2000); slower answers fail with `REDIS_TIMEOUT`. */
  commandTimeoutMs?: number;
  /** Bound on establishing the connection, in ms (default 2000). */
  connectTimeoutMs?: number;
  /** Where `REDIS_URL` and `PINTEREST_TOKEN_ENCRYPTION_KEY` are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** What every store needs: the connection, the key names and the value codec. */
export interface RedisBackend {
  readonly connection: RedisConnection;
  readonly keys: KeyLayout;
  readonly codec: ValueCodec;
  /** Fingerprint of the encryption key, when encryption is on. */
  readonly keyFingerprint: string | undefined;
}

/**
 * Build a backend from options.
 * @throws RedisStoreError `INVALID_OPTIONS` or `INVALID_ENCRYPTION_KEY`, synchronously, so bad configuration
 *   stops an app at start-up rather than at its first request.
 */
export function createBackend(options: RedisStoresOptions): RedisBackend {
  const env = options.env ?? process.env;
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  if (typeof prefix !== 'string') {
    throw new RedisStoreError('INVALID_OPTIONS', 'keyPrefix must be a string.', {
      hint: `Leave it out for the default '${DEFAULT_KEY_PREFIX}'.`,
    });
  }
  const cipher = resolveCipher(options.encryptionKey, env);
  const connection = new RedisConnection({
    url: options.url ?? (nonEmpty(env.REDIS_URL) ? env.REDIS_URL : undefined),
    client: options.client,
    connectTimeoutMs: options.connectTimeoutMs,
    commandTimeoutMs: options.commandTimeoutMs,
  });
  return {
    connection,
    keys: keyLayout(prefix),
    codec: createValueCodec(cipher),
    keyFingerprint: cipher?.keyFingerprint,
  };
}

function resolveCipher(option: RedisStoresOptions['encryptionKey'], env: Record<string, string | undefined>) {
  if (option === false) return undefined;
  if (option !== undefined) return createRecordCipher(parseEncryptionKey(option, 'encryptionKey'));
  const fromEnv = env[ENCRYPTION_KEY_ENV];
  if (!nonEmpty(fromEnv)) return undefined;
  return createRecordCipher(parseEncryptionKey(fromEnv, ENCRYPTION_KEY_ENV));
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** Use `options` as a backend when it already is one (stores sharing a connection), else build one. */
export function backendFrom(options: RedisStoresOptions | RedisBackend): RedisBackend {
  return 'connection' in options && options.connection instanceof RedisConnection
    ? options
    : createBackend(options as RedisStoresOptions);
}

/** A fresh random id (128 bits, base64url): record versions and lock owners. */
export function randomId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
}
