/**
 * One Redis connection with bounded waits and typed failures. Every store operation goes through
 * {@link RedisConnection.run}, which fails fast with a {@link RedisStoreError} instead of queueing commands
 * while Redis is away: the offline queue is off, a command in flight when the connection drops is failed (not
 * silently re-sent), and every command has a timeout. The client keeps reconnecting in the background, so
 * operations succeed again as soon as Redis is back.
 *
 * @module
 */
import { Redis } from 'ioredis';
import { RedisClientFailure, RedisStoreError } from './errors.js';

/** Default for `connectTimeoutMs`: how long a connection attempt may take. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** Default for `commandTimeoutMs`: how long one command may take before it fails with `REDIS_TIMEOUT`. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;
/** Longest pause between two reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 1_000;

const UNAVAILABLE_HINT =
  'Check that Redis is running and that REDIS_URL points at it. Requests fail until it is back; the client reconnects on its own.';

/** Options of {@link createRedisClient} and {@link RedisConnection}. */
export interface ConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  url?: string;
  /** A client you created and own (it is never closed by this package). */
  client?: Redis;
  /** Bound on establishing a connection (ms). */
  connectTimeoutMs?: number;
  /** Bound on each command (ms). */
  commandTimeoutMs?: number;
}

/**
 * Create an ioredis client configured to fail fast: no offline queue, no re-sent commands, bounded connect and
 * command timeouts, reconnection in the background with capped back-off.
 * @throws RedisStoreError `INVALID_OPTIONS` when `url` is not a redis:// or rediss:// URL.
 */
export function createRedisClient(
  url: string,
  timeouts: { connectTimeoutMs?: number; commandTimeoutMs?: number } = {},
): Redis {
  describeUrl(url);
  return new Redis(url, {
    connectTimeout: timeouts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    commandTimeout: timeouts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    // A command in flight when the connection drops fails at once instead of waiting for a reconnection.
    maxRetriesPerRequest: 0,
    // Commands are never queued while disconnected: callers get REDIS_UNAVAILABLE now, not a hang.
    enableOfflineQueue: false,
    // A CAS or GETDEL whose reply was lost must not run twice behind the caller's back.
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 5), MAX_RECONNECT_DELAY_MS),
    lazyConnect: true,
  });
}

/** `host:port` of a Redis URL, for messages (never the password). */
function describeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidUrl('is not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw invalidUrl(`uses ${parsed.protocol} instead of redis: or rediss:`);
  }
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

function invalidUrl(problem: string): RedisStoreError {
  return new RedisStoreError('INVALID_OPTIONS', `The Redis URL ${problem}.`, {
    hint: 'Use redis://[user:password@]host:port[/db] (or rediss:// for TLS), e.g. REDIS_URL=redis://127.0.0.1:6379.',
  });
}

/**
 * A Redis client wrapped with readiness checks, timeouts and error translation. Owns (and closes) the client
 * only when it created it from a URL.
 */
export class RedisConnection {
  /** The underlying ioredis client. */
  readonly client: Redis;
  /** `host:port` for messages. */
  readonly target: string;
  readonly #owned: boolean;
  readonly #connectTimeoutMs: number;
  readonly #commandTimeoutMs: number;
  #lastFailure = 'not connected yet';
  /** One wait for the connection shared by every caller that arrives while it is being made. */
  #connecting: Promise<void> | undefined;
  #closed = false;

  constructor(options: ConnectionOptions) {
    this.#connectTimeoutMs = positive(
      options.connectTimeoutMs,
      DEFAULT_CONNECT_TIMEOUT_MS,
      'connectTimeoutMs',
    );
    this.#commandTimeoutMs = positive(
      options.commandTimeoutMs,
      DEFAULT_COMMAND_TIMEOUT_MS,
      'commandTimeoutMs',
    );
    if (options.client) {
      this.client = options.client;
      this.#owned = false;
      const { host, port, sentinels, name } = options.client.options;
      this.target = sentinels?.length
        ? `sentinel master ${name ?? '?'}`
        : `${host ?? '127.0.0.1'}:${port ?? 6379}`;
    } else {
      const url = options.url ?? 'redis://127.0.0.1:6379';
      this.target = describeUrl(url);
      this.client = createRedisClient(url, {
        connectTimeoutMs: this.#connectTimeoutMs,
        commandTimeoutMs: this.#commandTimeoutMs,
      });
      this.#owned = true;
    }
    // Keep only the kind of the last connection error (ECONNREFUSED, …) for our messages. Listening also stops
    // ioredis from printing "Unhandled error event" on every reconnection attempt.
    this.client.on('error', this.#onError);
  }

  readonly #onError = (error: unknown) => {
    this.#lastFailure = failureKind(error);
  };

  /** Whether the connection was closed with {@link RedisConnection.close}. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Wait (at most the connect timeout) until the client is connected.
   * @throws RedisStoreError `REDIS_UNAVAILABLE`, `REDIS_TIMEOUT` or `STORE_CLOSED`.
   */
  async ready(): Promise<void> {
    if (this.#closed) {
      throw new RedisStoreError('STORE_CLOSED', 'The Redis stores were closed; create new ones.');
    }
    const client = this.client;
    switch (client.status) {
      case 'ready':
        return;
      case 'wait':
        client.connect().catch(() => {});
        return this.#waitForReady();
      case 'connecting':
      case 'connect':
        return this.#waitForReady();
      default:
        // 'reconnecting', 'close', 'end': Redis was lost and is not back; say so now rather than wait.
        throw this.#unavailable(`the connection is down (${this.#lastFailure})`);
    }
  }

  #waitForReady(): Promise<void> {
    this.#connecting ??= this.#newWaitForReady().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  #newWaitForReady(): Promise<void> {
    const client = this.client;
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        client.off('ready', onReady);
        client.off('close', onClose);
      };
      const onReady = () => {
        cleanup();
        resolve();
      };
      const onClose = () => {
        cleanup();
        reject(this.#unavailable(`the connection attempt failed (${this.#lastFailure})`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new RedisStoreError(
            'REDIS_TIMEOUT',
            `Redis at ${this.target} did not accept a connection within ${this.#connectTimeoutMs} ms.`,
            { hint: UNAVAILABLE_HINT },
          ),
        );
      }, this.#connectTimeoutMs + 250);
      client.once('ready', onReady);
      client.once('close', onClose);
    });
  }

  /**
   * Run one store operation: wait for the connection, bound it by the command timeout, and turn every client
   * failure into a {@link RedisStoreError}.
   * @param action - what was being done, for the message (e.g. `reading tokens`).
   */
  async run<T>(action: string, operation: (client: Redis) => Promise<T>): Promise<T> {
    await this.ready();
    let timer: NodeJS.Timeout | undefined;
    const pending = operation(this.client);
    // A command that settles after our own timeout fired must not become an unhandled rejection.
    pending.catch(() => {});
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RedisClientFailure('Command timed out')),
        this.#commandTimeoutMs + 50,
      );
    });
    try {
      return await Promise.race([pending, timeout]);
    } catch (error) {
      throw this.translate(error, action);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Turn an ioredis failure into a secret-free {@link RedisStoreError}. */
  translate(error: unknown, action: string): RedisStoreError {
    if (error instanceof RedisStoreError) return error;
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    if (message === 'Command timed out') {
      return new RedisStoreError(
        'REDIS_TIMEOUT',
        `Redis at ${this.target} did not answer within ${this.#commandTimeoutMs} ms while ${action}.`,
        {
          cause: new RedisClientFailure('Command timed out'),
          hint: 'Redis is overloaded, paused or unreachable; a write that timed out may or may not have been applied.',
        },
      );
    }
    if (name === 'MaxRetriesPerRequestError') {
      return this.#unavailable(
        `the connection dropped while ${action} (the command may or may not have been applied)`,
      );
    }
    if (message.startsWith("Stream isn't writeable") || message === 'Connection is closed.') {
      if (this.#closed)
        return new RedisStoreError('STORE_CLOSED', 'The Redis stores were closed; create new ones.');
      return this.#unavailable(`the connection is down while ${action} (${this.#lastFailure})`);
    }
    if (name === 'ReplyError') {
      // Redis' own error text names the problem (WRONGTYPE, NOAUTH, READONLY, unknown command); it never
      // echoes our arguments. The client's error object does (`command.args`), so it is not kept.
      const text = message.slice(0, 200);
      const kind = text.split(' ')[0] ?? 'ERR';
      return new RedisStoreError('REDIS_ERROR', `Redis at ${this.target} refused ${action}: ${text}`, {
        cause: new RedisClientFailure(kind),
        hint: /unknown command/i.test(text)
          ? '@kit/redis-store needs Redis 6.2 or newer (GETDEL); Redis 7 is recommended.'
          : 'Check the Redis user permissions (ACL) and that nothing else writes to these keys.',
      });
    }
    return new RedisStoreError(
      'REDIS_ERROR',
      `Redis operation failed while ${action} (${name || 'unknown error'}).`,
      { cause: new RedisClientFailure(name || 'unknown error') },
    );
  }

  #unavailable(what: string): RedisStoreError {
    return new RedisStoreError('REDIS_UNAVAILABLE', `Redis at ${this.target} is unavailable: ${what}.`, {
      cause: new RedisClientFailure(this.#lastFailure),
      hint: UNAVAILABLE_HINT,
    });
  }

  /**
   * Stop using the connection. A client created from a URL is closed (QUIT, then disconnect); a client passed
   * in by the caller is left open for its owner.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#owned) {
      this.client.off('error', this.#onError);
      return;
    }
    const client = this.client;
    if (client.status === 'ready') {
      const quit = client.quit().catch(() => {});
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#commandTimeoutMs);
      });
      await Promise.race([quit, timeout]);
      clearTimeout(timer);
    }
    client.disconnect(false);
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RedisStoreError('INVALID_OPTIONS', `${name} must be a positive number of milliseconds.`, {
      hint: `Leave ${name} out for the default (${fallback} ms).`,
    });
  }
  return value;
}

/** The kind of a connection error (its errno code or class name), never its full text. */
function failureKind(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') {
      const first = message.split(' ')[0] ?? '';
      if (/^[A-Z][A-Z0-9_]+$/.test(first)) return first;
    }
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'error';
}
