/**
 * Where tokens, login transactions, refresh locks and browser sessions live. Default: the BFF's memory
 * (auth-core's MemoryTokenStore, server/session.ts's MemorySessionStore), fine for one instance. With
 * `REDIS_URL` set, `@kit/redis-store` keeps them all in Redis (AES-256-GCM at rest when
 * `PINTEREST_TOKEN_ENCRYPTION_KEY` holds 32 bytes of base64) so that several instances share them — any
 * instance serves any request, no sticky sessions — and a restart keeps users logged in. `@kit/redis-store` is imported only when `REDIS_URL` is set: without it, ioredis is
 * never loaded and nothing connects. With it, there is no fallback to memory (that would split state between
 * instances): a Redis that does not answer stops the start-up.
 */
import type { RefreshLock, TokenStore, TransactionStore } from '@kit/auth-core';
import { type SessionStore, SharedSessionStore, type StoredSession } from './session.js';

/** Stores to spread into the auth config, and how to close them. */
export interface Stores {
  description: string;
  stores: { store?: TokenStore; transactionStore?: TransactionStore; lock?: RefreshLock };
  /** Browser sessions shared by every instance (Redis); absent = in this process's memory. */
  sessions?: SessionStore;
  close(): Promise<void>;
}

/** Picks the stores from the environment; throws one line saying what to fix when Redis cannot be used. */
export async function createStores(env: NodeJS.ProcessEnv): Promise<Stores> {
  if (!env.REDIS_URL) {
    return { description: 'in memory (lost on restart)', stores: {}, close: async () => {} };
  }
  // Loaded here, not at the top: without REDIS_URL, ioredis is never imported.
  const { createRedisStores } = await import('@kit/redis-store');
  // Reads PINTEREST_TOKEN_ENCRYPTION_KEY itself; a malformed key or URL throws here, at start-up.
  const redis = createRedisStores({
    url: env.REDIS_URL,
    keyPrefix: env.REDIS_KEY_PREFIX || 'pinterest-react-spa:',
    env,
  });
  try {
    await redis.ping();
  } catch (error) {
    await redis.close().catch(() => {});
    throw new Error(
      `REDIS_URL: ${(error as Error).message} Start Redis or fix REDIS_URL (unset it to keep tokens in memory).`,
    );
  }
  const where = new URL(env.REDIS_URL);
  const encryption = redis.encrypted ? `, encrypted with key ${redis.keyFingerprint}` : ', NOT encrypted';
  return {
    description: `Redis at ${where.hostname}:${where.port || 6379} (tokens and sessions)${encryption}`,
    stores: { store: redis.store, transactionStore: redis.transactionStore, lock: redis.lock },
    // Keyed by the SHA-256 of the session id: a Redis dump holds no usable cookie.
    sessions: new SharedSessionStore(redis.createSessionStore<StoredSession>()),
    close: () => redis.close(),
  };
}
