import type { TokenRecord, TokenStore, TokenVersion, VersionedTokenRecord } from './types.js';

let nextVersion = 0;

/** A version never used before in this process (monotonic counter + random tag: no ABA across instances). */
function newVersion(): TokenVersion {
  nextVersion += 1;
  return `${nextVersion.toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A {@link TokenStore} in process memory: fast, lost on restart, not shared between processes. The default
 * store of `createPinterestAuth`. Records are deep-copied on the way in and out.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #entries = new Map<string, { json: string; version: TokenVersion }>();

  /** {@inheritDoc TokenStore.get} */
  async get(key: string): Promise<VersionedTokenRecord | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    return { record: JSON.parse(entry.json) as TokenRecord, version: entry.version };
  }

  /** {@inheritDoc TokenStore.compareAndSet} */
  async compareAndSet(
    key: string,
    expectedVersion: TokenVersion | null,
    record: TokenRecord,
  ): Promise<boolean> {
    const current = this.#entries.get(key);
    if ((current?.version ?? null) !== expectedVersion) return false;
    this.#entries.set(key, { json: JSON.stringify(record), version: newVersion() });
    return true;
  }

  /** {@inheritDoc TokenStore.delete} */
  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}
