import { LockTimeoutError } from '../errors.js';
import type { RefreshLock, RefreshLockOptions, ReleaseLock } from './types.js';

interface Holder {
  token: symbol;
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
  waiters: Array<() => void>;
}

/**
 * A {@link RefreshLock} for one process: a mutex per key with a TTL. The default lock of
 * `createPinterestAuth` (which additionally single-flights concurrent refreshes of one key in memory).
 */
export class InProcessRefreshLock implements RefreshLock {
  readonly #held = new Map<string, Holder>();

  /** {@inheritDoc RefreshLock.acquire} */
  async acquire(key: string, options: RefreshLockOptions): Promise<ReleaseLock> {
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const holder = this.#held.get(key);
      if (!holder || holder.expiresAt <= Date.now()) {
        if (holder) this.#free(key, holder);
        return this.#take(key, options.ttlMs);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new LockTimeoutError(`Timed out after ${options.waitMs} ms waiting for the refresh lock.`);
      }
      // Wake up on release, on the holder's TTL, or at our own deadline, whichever comes first.
      await new Promise<void>((resolve) => {
        const wait = Math.max(1, Math.min(remaining, holder.expiresAt - Date.now()));
        const timer = setTimeout(done, wait);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        holder.waiters.push(done);
      });
    }
  }

  #take(key: string, ttlMs: number): ReleaseLock {
    const token = Symbol(key);
    const holder: Holder = {
      token,
      expiresAt: Date.now() + ttlMs,
      timer: setTimeout(() => this.#free(key, holder), ttlMs),
      waiters: [],
    };
    holder.timer.unref?.();
    this.#held.set(key, holder);
    return async () => {
      const current = this.#held.get(key);
      if (current?.token === token) this.#free(key, current);
    };
  }

  #free(key: string, holder: Holder): void {
    clearTimeout(holder.timer);
    if (this.#held.get(key) === holder) this.#held.delete(key);
    for (const wake of holder.waiters.splice(0)) wake();
  }
}
