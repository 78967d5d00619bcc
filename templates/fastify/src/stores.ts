/**
 * Where tokens, logins in progress, refresh locks and browser sessions live.
 *
 * - Default: a `FileTokenStore` (`data/tokens.json`, mode 0600 in a 0700 folder, git-ignored): tokens survive
 *   restarts; one machine (several processes are fine: its refresh lock is a lock file).
 * - `TOKEN_STORE=memory`: tokens vanish on restart (tests, demos).
 * - `REDIS_URL`: `@kit/redis-store`, for several instances behind a load balancer: tokens, login transactions,
 *   the refresh lock and the browser sessions are then shared (encrypted at rest with
 *   `PINTEREST_TOKEN_ENCRYPTION_KEY`), so any instance serves any request: no sticky sessions. It is imported
 *   only when `REDIS_URL` is set, so without it ioredis is never loaded and nothing connects.
 *
 * Without `REDIS_URL`, sessions stay in the process's memory (@fastify/session's store; see src/plugins/session.ts).
 */
import { join } from 'node:path';
import type { SessionStore } from '@fastify/session';
import {
  FileTokenStore,
  MemoryTokenStore,
  type RefreshLock,
  type TokenStore,
  type TransactionStore,
} from '@kit/auth-core';
import type { RedisSessionStore } from '@kit/redis-store';
import type { Session } from 'fastify';
import { type AppSettings, SettingsError } from './config.js';

/** The stores handed to `createPinterestAuth`, and how to release them. */
export interface AppStores {
  store: TokenStore;
  transactionStore?: TransactionStore;
  lock?: RefreshLock;
  /** Browser sessions shared by every instance (Redis); absent = in this process's memory. */
  sessionStore?: SessionStore;
  /** One line for the banner, e.g. `file data/tokens.json`. */
  description: string;
  close(): Promise<void>;
}

/** Builds the stores that `settings` ask for. */
export async function createStores(settings: AppSettings): Promise<AppStores> {
  if (settings.redisUrl) return createRedisBackedStores(settings.redisUrl, settings.tokenEncryptionKey);
  if (settings.tokenStore === 'memory') {
    return { store: new MemoryTokenStore(), description: 'memory (lost on restart)', close: async () => {} };
  }
  const file = new FileTokenStore({ path: join(settings.dataDir, 'tokens.json') });
  return { store: file, lock: file.lock, description: `file ${file.path}`, close: async () => {} };
}

/**
 * Tokens, login transactions, the refresh lock and sessions in Redis, checked at start-up: a bad key or an unreachable
 * Redis stops the app with one line naming the variable, instead of failing at the first login. There is no
 * fallback to a local store, which would split state between instances.
 */
async function createRedisBackedStores(url: string, encryptionKey: string | undefined): Promise<AppStores> {
  // Loaded here, not at the top: without REDIS_URL, ioredis is never imported.
  const { createRedisStores } = await import('@kit/redis-store');
  let redis: ReturnType<typeof createRedisStores>;
  try {
    redis = createRedisStores({
      url,
      keyPrefix: 'pinterest-fastify-app:',
      encryptionKey: encryptionKey ?? false,
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const variable = code === 'INVALID_ENCRYPTION_KEY' ? 'PINTEREST_TOKEN_ENCRYPTION_KEY' : 'REDIS_URL';
    throw new SettingsError([`${variable}: ${message}`]);
  }
  try {
    await redis.ping();
  } catch (error) {
    await redis.close().catch(() => {});
    throw new SettingsError([
      `REDIS_URL: ${(error as Error).message} Start Redis or fix REDIS_URL (unset it to keep tokens in DATA_DIR).`,
    ]);
  }
  const where = new URL(url).host;
  return {
    store: redis.store,
    transactionStore: redis.transactionStore,
    lock: redis.lock,
    // Keys are the SHA-256 of the session id: a Redis dump holds no usable cookie.
    sessionStore: fastifySessionStore(redis.createSessionStore<Session>()),
    description: `redis ${where} (tokens and sessions${redis.encrypted ? `, encrypted at rest, key ${redis.keyFingerprint}` : ''})`,
    close: () => redis.close(),
  };
}

/**
 * `@kit/redis-store`'s session store (promises, a TTL per write) in the callback shape `@fastify/session` calls.
 * Each session lives in Redis until its cookie expires; one already expired is deleted instead of written.
 */
export function fastifySessionStore(sessions: RedisSessionStore<Session>, now = Date.now): SessionStore {
  return {
    get(id, done) {
      sessions.get(id).then((session) => done(null, session ?? null), done);
    },
    set(id, session, done) {
      const expires = session.cookie.expires ? new Date(session.cookie.expires).getTime() : Number.NaN;
      const ttlMs = expires - now();
      const write = ttlMs > 0 ? sessions.set(id, session, ttlMs) : sessions.delete(id);
      write.then(() => done(), done);
    },
    destroy(id, done) {
      sessions.delete(id).then(() => done(), done);
    },
  };
}
