/**
 * The token lifecycle of stored accounts: a fresh access token on demand, refresh ahead of expiry (single
 * flight in process, serialised across processes by the {@link RefreshLock}), persistence of rotated tokens
 * with retries, and the upsert used by logins.
 *
 * @module
 */
import type { ResolvedConfig } from './config.js';
import { PinterestAuthError, ReauthorizationRequiredError, TokenPersistError } from './errors.js';
import type { RefreshLock, TokenRecord, TokenStore, TokenVersion } from './stores/types.js';
import type { TokenEndpoint } from './token-endpoint.js';
import { type PinterestTokenResponse, toTokenRecord } from './token-record.js';

/**
 * A waiter outlasts a crashed holder's lock TTL by this much before giving up (slack for lock polling and
 * clock differences between processes).
 */
const LOCK_WAIT_SLACK_MS = 5_000;
/**
 * Writes of refreshed tokens: 1 try + 3 retries, 50/100/200 ms apart (350 ms of waiting in all, well within
 * the lock's write margin), to ride out a blip of the store's backend.
 */
const SAVE_ATTEMPTS = 4;
const SAVE_BACKOFF_MS = 50;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Why a refresh is asked for. */
export interface RefreshReason {
  /** The access token Pinterest just refused: refresh even if it looks fresh, unless it was replaced. */
  rejected?: string;
  /** Refresh whatever the expiry. */
  force?: boolean;
}

/** Refresh and persistence of the tokens of stored accounts (internal). */
export class TokenLifecycle {
  readonly #config: ResolvedConfig;
  readonly #store: TokenStore;
  readonly #lock: RefreshLock;
  readonly #endpoint: TokenEndpoint;
  readonly #inflight = new Map<string, Promise<TokenRecord>>();

  constructor(config: ResolvedConfig, store: TokenStore, lock: RefreshLock, endpoint: TokenEndpoint) {
    this.#config = config;
    this.#store = store;
    this.#lock = lock;
    this.#endpoint = endpoint;
  }

  /** Whether the record's access token outlives the refresh skew. */
  isFresh(record: TokenRecord): boolean {
    return record.accessTokenExpiresAt - this.#config.refreshSkewMs > this.#config.now();
  }

  /** Upsert (a login or saveTokens replaces whatever was there). */
  async persist(key: string, record: TokenRecord): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const current = await this.#store.get(key);
      if (await this.#store.compareAndSet(key, current?.version ?? null, record)) return;
    }
    throw new PinterestAuthError('STORE_CONFLICT', 'Could not save the tokens: the record kept changing.', {
      hint: 'Another process is writing the same account continuously.',
    });
  }

  /** The stored record with a fresh access token, refreshing it first when needed. */
  async freshRecord(key: string): Promise<TokenRecord> {
    const current = await this.#store.get(key);
    if (!current) {
      throw new ReauthorizationRequiredError(
        'no_tokens',
        'No tokens are stored for this account: log in first.',
      );
    }
    const environment = this.#config.environment;
    if (current.record.environment !== environment) {
      throw new ReauthorizationRequiredError(
        'no_tokens',
        `The stored tokens belong to the ${current.record.environment} API, but this app is configured for ${environment}.`,
        { hint: `Log in again, or set PINTEREST_ENV=${current.record.environment}.` },
      );
    }
    if (this.isFresh(current.record)) return current.record;
    return this.refresh(key, {});
  }

  /** Refresh under the lock; concurrent callers in this process share one refresh. */
  refresh(key: string, reason: RefreshReason): Promise<TokenRecord> {
    const running = this.#inflight.get(key);
    if (running) return running;
    const run = this.#refreshLocked(key, reason).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, run);
    return run;
  }

  async #refreshLocked(key: string, reason: RefreshReason): Promise<TokenRecord> {
    const ttlMs = this.#config.lockTtlMs;
    const release = await this.#lock.acquire(key, { ttlMs, waitMs: ttlMs + LOCK_WAIT_SLACK_MS });
    try {
      // Re-read after taking the lock: another process may have refreshed meanwhile.
      const current = await this.#store.get(key);
      if (!current) {
        throw new ReauthorizationRequiredError(
          'no_tokens',
          'No tokens are stored for this account: log in first.',
        );
      }
      const record = current.record;
      const replaced = reason.rejected !== undefined && record.accessToken !== reason.rejected;
      if (!reason.force && this.isFresh(record) && (reason.rejected === undefined || replaced)) return record;
      if (!record.refreshToken) {
        throw new ReauthorizationRequiredError(
          'no_refresh_token',
          'The stored access token expired and there is no refresh token to renew it.',
        );
      }
      if (record.refreshTokenExpiresAt !== undefined && record.refreshTokenExpiresAt <= this.#config.now()) {
        await this.#store.delete(key);
        throw new ReauthorizationRequiredError(
          'refresh_token_expired',
          'The refresh token has expired (60 days without use); the stored tokens were deleted.',
        );
      }
      let result: Awaited<ReturnType<TokenEndpoint['refresh']>>;
      try {
        result = await this.#endpoint.refresh(record.refreshToken);
      } catch (error) {
        if (error instanceof ReauthorizationRequiredError) await this.#store.delete(key); // no retry loop
        throw error;
      }
      const next = toTokenRecord({
        response: result.response as PinterestTokenResponse,
        sentAt: result.sentAt,
        environment: record.environment,
        requestedScopes: record.requestedScopes,
        grantType: 'refresh_token',
        previous: record,
      });
      // Persist the rotated refresh token before anyone uses the new access token.
      return await this.#saveRefreshed(key, current.version, next);
    } finally {
      try {
        await release();
      } catch {
        // The lock's TTL frees it; a failed release must not mask the refresh's own outcome.
      }
    }
  }

  /**
   * Save refreshed tokens, retrying a failing store a few times: Pinterest has already rotated the refresh
   * token, so giving up at the first blip would log the user out.
   */
  async #saveRefreshed(key: string, expected: TokenVersion, next: TokenRecord): Promise<TokenRecord> {
    let lastError: unknown;
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      if (attempt > 0) await pause(SAVE_BACKOFF_MS * 2 ** (attempt - 1));
      let saved: TokenRecord | undefined;
      try {
        saved = await this.#saveRefreshedOnce(key, expected, next);
      } catch (error) {
        lastError = error;
        continue;
      }
      if (saved) return saved;
      throw new PinterestAuthError(
        'STORE_CONFLICT',
        'The refreshed tokens could not be saved: the record changed while the refresh lock was held.',
        { hint: 'Raise lockTtlMs, or check that every process uses the same lock.' },
      );
    }
    throw new TokenPersistError(SAVE_ATTEMPTS, lastError);
  }

  /**
   * One attempt to save refreshed tokens over the record read at `expected`. Resolves with the record now
   * stored, or `undefined` when someone else replaced it with tokens that are not fresh (a real conflict).
   */
  async #saveRefreshedOnce(
    key: string,
    expected: TokenVersion,
    next: TokenRecord,
  ): Promise<TokenRecord | undefined> {
    if (await this.#store.compareAndSet(key, expected, next)) return next;
    const now = await this.#store.get(key);
    // Our own earlier attempt may have landed although its answer was lost; or another holder refreshed.
    if (now && (now.record.accessToken === next.accessToken || this.isFresh(now.record))) return now.record;
    return undefined;
  }
}
