/**
 * Rate-limit pacing. Pinterest counts requests per user, app and category (`x-ratelimit-category` of each
 * operation in the spec: `org_read`, `ads_analytics`, …) and tells the count left in `X-RateLimit-Remaining`
 * and the SECONDS until the window resets in `X-RateLimit-Reset`. The pacer remembers both per account and
 * category, lets requests go while the window has some left, and when it has none waits for the reset instead
 * of drawing a 429: a long walk finishes without a single 429 whenever the limit allows it (and a wait longer
 * than `retry.maxRateLimitWaitMs` fails at once as `rate_limited`, without a request).
 *
 * @module
 */
import { RATE_LIMIT_CATEGORIES } from './generated/rate-categories.js';

/** What the pacer knows of one account's category. */
interface Window {
  remaining: number;
  /** Epoch ms when the window resets. */
  resetAt: number;
}

/** The rate-limit category of `METHOD /path/{param}` (from the spec), or `'unknown'`. */
export function rateLimitCategory(method: string, template: string): string {
  return RATE_LIMIT_CATEGORIES[`${method.toUpperCase()} ${template}`] ?? 'unknown';
}

/** Reads `X-RateLimit-Reset` as seconds (≥ 0), or `undefined`. */
export function resetSeconds(headers: Headers): number | undefined {
  const raw = headers.get('x-ratelimit-reset');
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export async function abortableSleep(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!signal) return sleep(ms);
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** Paces requests per `subject|category` from the rate-limit headers of earlier answers (internal). */
export class RateLimitPacer {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /**
   * Before a request: the ms to wait first (0: go now). Takes one request from the window it knows of; when
   * none is left, the wait is until the window resets.
   */
  reserve(key: string): number {
    const window = this.#windows.get(key);
    if (!window) return 0;
    const now = this.#now();
    if (now >= window.resetAt) {
      this.#windows.delete(key);
      return 0;
    }
    if (window.remaining > 0) {
      window.remaining -= 1; // counted locally too, so concurrent calls do not all spend the last one
      return 0;
    }
    return window.resetAt - now;
  }

  /** After an answer: remembers what its headers say is left. */
  after(key: string, headers: Headers): void {
    const left = headers.get('x-ratelimit-remaining');
    if (left === null) return;
    const remaining = Number(left);
    const reset = resetSeconds(headers);
    if (left.trim() === '' || !Number.isFinite(remaining) || reset === undefined) return;
    this.#windows.set(key, { remaining: Math.max(0, remaining), resetAt: this.#now() + reset * 1000 });
  }
}
