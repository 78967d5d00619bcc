/**
 * Where tokens and login transactions live. Default: the BFF's memory (auth-core's MemoryTokenStore), fine for
 * one instance. With `REDIS_URL` set, `@kit/redis-store` keeps them in Redis (AES-256-GCM at rest when
 * `PINTEREST_TOKEN_ENCRYPTION_KEY` holds 32 bytes of base64) so that several instances share them and a restart keeps users logged in.
 * `@kit/redis-store` is optional: `npm install @kit/redis-store` when you want it.
 */
import type { RefreshLock, TokenStore, TransactionStore } from '@kit/auth-core';

/** Stores to spread into the auth config, and how to close them. */
export interface Stores {
  description: string;
  stores: { store?: TokenStore; transactionStore?: TransactionStore; lock?: RefreshLock };
  close(): Promise<void>;
}

/** The part of `@kit/redis-store` used here (typed locally: the package is optional). */
interface RedisStoresModule {
  createRedisStores(options: { url: string; keyPrefix?: string; env?: NodeJS.ProcessEnv }): {
    store: TokenStore;
    transactionStore: TransactionStore;
    lock: RefreshLock;
    encrypted: boolean;
    keyFingerprint: string | undefined;
    ping(): Promise<void>;
    close(): Promise<void>;
  };
}

/** Picks the stores from the environment; throws one line saying what to fix when Redis is asked for but missing. */
export async function createStores(env: NodeJS.ProcessEnv): Promise<Stores> {
  if (!env.REDIS_URL) {
    return { description: 'in memory (lost on restart)', stores: {}, close: async () => {} };
  }
  // A variable specifier keeps the package optional for TypeScript and bundlers alike.
  const specifier = '@kit/redis-store';
  let module: RedisStoresModule;
  try {
    module = (await import(specifier)) as RedisStoresModule;
  } catch {
    throw new Error(
      'REDIS_URL is set but @kit/redis-store is not installed: run `npm install @kit/redis-store`.',
    );
  }
  // Reads PINTEREST_TOKEN_ENCRYPTION_KEY itself; a malformed key or URL throws here, at start-up.
  const redis = module.createRedisStores({
    url: env.REDIS_URL,
    keyPrefix: env.REDIS_KEY_PREFIX || 'pinterest-react-spa:',
    env,
  });
  try {
    await redis.ping();
  } catch (error) {
    await redis.close().catch(() => {});
    throw new Error(
      `REDIS_URL: Redis does not answer (${(error as Error).message}); start it or fix the URL.`,
    );
  }
  const where = new URL(env.REDIS_URL);
  const encryption = redis.encrypted ? `, encrypted with key ${redis.keyFingerprint}` : ', NOT encrypted';
  return {
    description: `Redis at ${where.hostname}:${where.port || 6379}${encryption}`,
    stores: { store: redis.store, transactionStore: redis.transactionStore, lock: redis.lock },
    close: () => redis.close(),
  };
}
