import type { LoginTransaction, TransactionStore } from './types.js';

/** Options of {@link MemoryTransactionStore}. */
export interface MemoryTransactionStoreOptions {
  /** Clock in epoch ms (default `Date.now`); tests pass a fake one. */
  now?: () => number;
  /** Upper bound on transactions kept at once; the oldest are dropped first (default 10,000). */
  maxEntries?: number;
}

/**
 * A {@link TransactionStore} in process memory. Fine for a single-process server or a CLI; use a shared store
 * (e.g. Redis) when the callback may land on another instance than the one that started the login.
 * Bounded: at most `maxEntries` logins in flight (oldest dropped), expired ones purged on every write.
 */
export class MemoryTransactionStore implements TransactionStore {
  readonly #entries = new Map<string, { json: string; expiresAt: number }>();
  readonly #now: () => number;
  readonly #maxEntries: number;

  constructor(options: MemoryTransactionStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** {@inheritDoc TransactionStore.put} */
  async put(id: string, tx: LoginTransaction, ttlMs: number): Promise<void> {
    const now = this.#now();
    for (const [k, v] of this.#entries) if (v.expiresAt <= now) this.#entries.delete(k);
    this.#entries.delete(id);
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(id, { json: JSON.stringify(tx), expiresAt: now + ttlMs });
  }

  /** {@inheritDoc TransactionStore.take} */
  async take(id: string): Promise<LoginTransaction | undefined> {
    // Synchronous get+delete: nothing can interleave in one JS thread, so the take is atomic.
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    this.#entries.delete(id);
    if (entry.expiresAt <= this.#now()) return undefined;
    return JSON.parse(entry.json) as LoginTransaction;
  }
}
