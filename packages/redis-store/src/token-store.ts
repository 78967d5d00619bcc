import {
  type TokenRecord,
  type TokenStore,
  type TokenVersion,
  tokenRecordProblem,
  type VersionedTokenRecord,
} from '@kit/auth-core';
import { RedisStoreError } from './errors.js';
import { RedisRefreshLock } from './lock.js';
import { backendFrom, type RedisBackend, type RedisStoresOptions, randomId } from './options.js';
import { COMPARE_AND_SET } from './scripts.js';

/**
 * `@kit/auth-core`'s {@link TokenStore} on Redis: one hash per account (`<prefix>token:<key>` with fields
 * `version` and `record`), replaced only through an atomic compare-and-set Lua script, so two instances that
 * both refresh can never overwrite each other's rotated refresh token unnoticed.
 *
 * Versions are 128-bit random ids, so a version is never reused, not even after a delete (no ABA).
 *
 * {@link RedisTokenStore.lock} is the matching cross-instance {@link RedisRefreshLock} on the same connection:
 * `createPinterestAuth` uses a store's `lock` when no `lock` option is given, so passing only `store` can never
 * leave instances with an in-process lock each.
 *
 * @example
 * ```ts
 * const store = new RedisTokenStore({ url: process.env.REDIS_URL });
 * const auth = createPinterestAuth({ ...configFromEnv(), store });
 * ```
 */
export class RedisTokenStore implements TokenStore {
  readonly #backend: RedisBackend;
  /** The cross-instance refresh lock on this store's connection (picked up by `createPinterestAuth`). */
  readonly lock: RedisRefreshLock;

  /** @param options - connection options, or the backend shared by {@link createRedisStores}. */
  constructor(options: RedisStoresOptions | RedisBackend = {}) {
    this.#backend = backendFrom(options);
    this.lock = new RedisRefreshLock(this.#backend);
  }

  /** Read an account's record and its version; `undefined` when there is none. */
  async get(key: string): Promise<VersionedTokenRecord | undefined> {
    const { connection, keys, codec } = this.#backend;
    const [version, stored] = await connection.run('reading tokens', (client) =>
      client.hmget(keys.key('token', key), 'version', 'record'),
    );
    if (version === null || version === undefined || stored === null || stored === undefined)
      return undefined;
    const record = await codec.decode(stored, keys.context('token', key));
    // Checked whole: a record of the wrong shape must fail here, typed, not later inside auth-core (H7).
    const problem = tokenRecordProblem(record);
    if (problem !== undefined) {
      throw new RedisStoreError('CORRUPT_RECORD', `A stored token record is malformed: ${problem}.`, {
        hint: 'Delete the key and log the account in again.',
      });
    }
    return { record: record as TokenRecord, version };
  }

  /**
   * Write `record` if the stored version is still `expectedVersion` (`null`: only if there is no record).
   * @returns `true` when written, `false` when someone else wrote or deleted it first.
   */
  async compareAndSet(
    key: string,
    expectedVersion: TokenVersion | null,
    record: TokenRecord,
  ): Promise<boolean> {
    const { connection, keys, codec } = this.#backend;
    const encoded = await codec.encode(record, keys.context('token', key));
    const written = await connection.run('writing tokens', (client) =>
      COMPARE_AND_SET.run(
        client,
        [keys.key('token', key)],
        [expectedVersion === null ? 'create' : 'replace', expectedVersion ?? '', randomId(), encoded],
      ),
    );
    return written === 1;
  }

  /** Remove an account's record (idempotent). */
  async delete(key: string): Promise<void> {
    const { connection, keys } = this.#backend;
    await connection.run('deleting tokens', (client) => client.del(keys.key('token', key)));
  }

  /** Close the connection if this store created it (see {@link RedisConnection.close}). */
  close(): Promise<void> {
    return this.#backend.connection.close();
  }
}
