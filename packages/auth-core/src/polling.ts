/**
 * Polling with back-off for the API's long-running jobs (media processing, asynchronous reports), and the
 * plain downloads/uploads to storage hosts that must never carry the bearer token.
 *
 * @module
 */
import { assertArgument } from './assert.js';
import { isLoopbackHost } from './config.js';
import { NetworkError, PinterestAuthError } from './errors.js';
import { abortableSleep } from './rate-limits.js';
import { networkReason } from './token-endpoint.js';

/** How a helper polls a job: the first wait, the growth factor and the longest wait (ms). */
export interface PollOptions {
  /** First wait between polls (default 1000 ms). */
  pollDelayMs?: number;
  /** Longest wait between polls (default 15000 ms): waits grow by half each poll up to it. */
  maxPollDelayMs?: number;
  /** Give up after this many polls (default 200). */
  maxPolls?: number;
}

/** Options every long-running helper takes. */
export interface JobOptions extends PollOptions {
  /** Cancels the job: the promise rejects with the signal's reason at the next step. */
  signal?: AbortSignal;
  /** `fetch` for the storage host (upload or download; default: the global one). No bearer token is sent. */
  fetch?: typeof fetch;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Validates the poll options (oauth4webapi-style assertions). */
export function assertJobOptions(options: JobOptions): void {
  assertArgument(typeof options === 'object' && options !== null, 'the options', 'an object');
  for (const name of ['pollDelayMs', 'maxPollDelayMs', 'maxPolls'] as const) {
    const value = options[name];
    assertArgument(
      value === undefined || (Number.isFinite(value) && value >= 0),
      `options.${name}`,
      'a non-negative number',
    );
  }
  assertArgument(
    options.signal === undefined || options.signal instanceof AbortSignal,
    'options.signal',
    'an AbortSignal',
  );
  assertArgument(
    options.fetch === undefined || typeof options.fetch === 'function',
    'options.fetch',
    'a function',
  );
}

/**
 * Calls `check` until it returns a value other than `undefined`, waiting with back-off between calls
 * (1 s, 1.5 s, 2.25 s, … up to `maxPollDelayMs`).
 */
export async function pollUntil<T>(
  what: string,
  check: (poll: number) => Promise<T | undefined>,
  options: JobOptions,
): Promise<T> {
  const maxPolls = options.maxPolls ?? 200;
  const max = options.maxPollDelayMs ?? 15_000;
  let delay = Math.min(options.pollDelayMs ?? 1_000, max);
  for (let poll = 1; poll <= maxPolls; poll++) {
    options.signal?.throwIfAborted();
    const done = await check(poll);
    if (done !== undefined) return done;
    await abortableSleep(realSleep, delay, options.signal);
    delay = Math.min(max, Math.ceil(delay * 1.5));
  }
  throw new PinterestAuthError('TIMEOUT', `${what} did not finish after ${maxPolls} polls.`, {
    hint: 'Try again later, or raise maxPolls / maxPollDelayMs.',
  });
}

/**
 * A storage host's URL (Pinterest's `upload_url`, a report's `url`): https, or http on a loopback host (local
 * mocks). Anything else is refused before a byte is sent.
 */
export function storageUrl(value: unknown, what: string): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {}
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
    throw new PinterestAuthError(
      'PROTOCOL_ERROR',
      `Pinterest answered an unusable ${what} (not an https URL).`,
    );
  }
  return url;
}

/**
 * A request to a storage host (never with the bearer token): network failures become a typed
 * {@link NetworkError}; an abort rejects with the signal's reason.
 */
export async function storageFetch(
  options: JobOptions,
  url: URL,
  init: RequestInit,
  what: string,
): Promise<Response> {
  try {
    return await (options.fetch ?? globalThis.fetch)(url, {
      ...init,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new NetworkError(`Could not reach ${url.host} for ${what} (${networkReason(error)}).`, {
      hint: 'Check the network; the link may also have expired (start again).',
    });
  }
}
