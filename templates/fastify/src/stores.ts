/**
 * Where tokens, logins in progress and refresh locks live.
 *
 * - Default: a `FileTokenStore` (`data/tokens.json`, mode 0600 in a 0700 folder, git-ignored): tokens survive
 *   restarts; one machine (several processes are fine: its refresh lock is a lock file).
 * - `TOKEN_STORE=memory`: tokens vanish on restart (tests, demos).
 * - `REDIS_URL`: `@kit/redis-store` (install it: `npm install @kit/redis-store`) for several instances behind a
 *   load balancer: tokens, login transactions and the refresh lock are then shared.
 */
import { join } from 'node:path';
import {
  FileTokenStore,
  MemoryTokenStore,
  type RefreshLock,
  type TokenStore,
  type TransactionStore,
} from '@kit/auth-core';
import { type AppSettings, SettingsError } from './config.js';

/** The stores handed to `createPinterestAuth`, and how to release them. */
export interface AppStores {
  store: TokenStore;
  transactionStore?: TransactionStore;
  lock?: RefreshLock;
  /** One line for the banner, e.g. `file data/tokens.json`. */
  description: string;
  close(): Promise<void>;
}

/** What `@kit/redis-store` exports (declared here so that the package stays optional). */
interface RedisStoreModule {
  createRedisStores(options: { url: string; keyPrefix?: string; encryptionKey?: string | false }): {
    store: TokenStore;
    transactionStore: TransactionStore;
    lock: RefreshLock;
    encrypted: boolean;
    ping(): Promise<void>;
    close(): Promise<void>;
  };
}

// A variable specifier keeps TypeScript and bundlers from requiring the optional package at build time.
const REDIS_STORE_PACKAGE = '@kit/redis-store';

/** Builds the stores that `settings` ask for. */
export async function createStores(settings: AppSettings): Promise<AppStores> {
  if (settings.redisUrl) {
    let mod: RedisStoreModule;
    try {
      mod = (await import(REDIS_STORE_PACKAGE)) as RedisStoreModule;
    } catch {
      throw new SettingsError([
        'REDIS_URL is set but @kit/redis-store is not installed: run `npm install @kit/redis-store`, or unset REDIS_URL',
      ]);
    }
    const redis = mod.createRedisStores({
      url: settings.redisUrl,
      keyPrefix: 'pinterest-fastify-app:',
      encryptionKey: settings.tokenEncryptionKey ?? false,
    });
    // Fail at start-up, not at the first login, when Redis is unreachable or too old.
    await redis.ping();
    const where = new URL(settings.redisUrl).host;
    return {
      store: redis.store,
      transactionStore: redis.transactionStore,
      lock: redis.lock,
      description: `redis ${where}${redis.encrypted ? ' (encrypted at rest)' : ''}`,
      close: () => redis.close(),
    };
  }
  if (settings.tokenStore === 'memory') {
    return { store: new MemoryTokenStore(), description: 'memory (lost on restart)', close: async () => {} };
  }
  const file = new FileTokenStore({ path: join(settings.dataDir, 'tokens.json') });
  return { store: file, lock: file.lock, description: `file ${file.path}`, close: async () => {} };
}
