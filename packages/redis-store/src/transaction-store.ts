import type { LoginTransaction, TransactionStore } from '@kit/auth-core';
import { RedisStoreError } from './errors.js';
import { backendFrom, type RedisBackend, type RedisStoresOptions } from './options.js';

/**
 * `@kit/auth-core`'s {@link TransactionStore} on Redis: each login transaction is a string key
 * (`<prefix>tx:<id>`) set with a PX expiry (Redis' own clock drops it) and consumed with GETDEL, so of several
 * callbacks carrying the same state — on any instance — exactly one gets the transaction (RFC 9700 §4.7).
 * Needs Redis 6.2 or newer (GETDEL).
 */
export class RedisTransactionStore implements TransactionStore {
  readonly #backend: RedisBackend;

  /** @param options - connection options, or the backend shared by {@link createRedisStores}. */
  constructor(options: RedisStoresOptions | RedisBackend = {}) {
    this.#backend = backendFrom(options);
  }

  /** Keep `tx` under `id` for `ttlMs` milliseconds, replacing any previous value. */
  async put(id: string, tx: LoginTransaction, ttlMs: number): Promise<void> {
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
      throw new RedisStoreError(
        'INVALID_OPTIONS',
        `Transaction TTL must be a positive number of ms, got ${ttlMs}.`,
      );
    }
    const { connection, keys, codec } = this.#backend;
    const encoded = await codec.encode(tx, keys.context('tx', id));
    await connection.run('storing a login transaction', (client) =>
      client.set(keys.key('tx', id), encoded, 'PX', Math.ceil(ttlMs)),
    );
  }

  /** Read and delete the transaction in one atomic step; `undefined` when absent, taken or expired. */
  async take(id: string): Promise<LoginTransaction | undefined> {
    const { connection, keys, codec } = this.#backend;
    const stored = await connection.run('consuming a login transaction', (client) =>
      client.getdel(keys.key('tx', id)),
    );
    if (stored === null) return undefined;
    const tx = await codec.decode(stored, keys.context('tx', id));
    if (tx === null || typeof tx !== 'object' || Array.isArray(tx)) {
      throw new RedisStoreError('CORRUPT_RECORD', 'A stored login transaction is not a JSON object.', {
        hint: 'Start the login again.',
      });
    }
    return tx as LoginTransaction;
  }

  /** Close the connection if this store created it. */
  close(): Promise<void> {
    return this.#backend.connection.close();
  }
}
