/**
 * Storage contracts. Three small interfaces — {@link TokenStore}, {@link TransactionStore} and
 * {@link RefreshLock} — that every backend (memory, file, Redis, …) implements and proves with the conformance
 * suites exported from `@kit/auth-core/testing`.
 *
 * Conventions shared by all three:
 * - All methods are async and must not throw for "not found": they return `undefined`/`false`.
 * - Keys are arbitrary non-empty strings (up to 512 UTF-16 code units, any characters, including `:`, `/`, `.`,
 *   spaces and non-ASCII). A backend that needs restricted characters must encode them itself.
 * - Values are plain JSON: a store must round-trip every JSON-serialisable field of the value it is given, also
 *   fields it does not know about (forward compatibility), and must return a fresh copy (callers may mutate it).
 * - Times are Unix epoch milliseconds (`number`).
 *
 * @module
 */

/** Which Pinterest API a token belongs to; tokens are not interchangeable between the two. */
export type PinterestEnvironment = 'production' | 'sandbox';

/** How the tokens in a {@link TokenRecord} were obtained. */
export type TokenGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

/**
 * Everything known about one account's tokens. Stored as JSON; all times are Unix epoch milliseconds.
 */
export interface TokenRecord {
  /** The bearer access token (`pina…`, or `pinc…` for client credentials). Secret. */
  accessToken: string;
  /** Always `'bearer'` for Pinterest. */
  tokenType: 'bearer';
  /**
   * When the access token expires: the time the token request was SENT plus `expires_in` (so a slow response
   * can only make us refresh early, never late).
   */
  accessTokenExpiresAt: number;
  /** The refresh token (`pinr…`); absent for client-credentials tokens. Secret. */
  refreshToken?: string;
  /** When the refresh token expires (from `refresh_token_expires_at`, else sent-time + `refresh_token_expires_in`). */
  refreshTokenExpiresAt?: number;
  /** Scopes Pinterest granted (may be a superset of what was asked, [RFC 6749 §3.3](https://www.rfc-editor.org/rfc/rfc6749#section-3.3)). */
  scopes: string[];
  /** Scopes the app asked for when the record was made. */
  requestedScopes: string[];
  /** API environment the token is bound to. */
  environment: PinterestEnvironment;
  /** How the current access token was obtained. */
  grantType: TokenGrantType;
  /** When the token request that produced the current access token was sent. */
  obtainedAt: number;
}

/**
 * An opaque version tag of a stored record. Compare only with `===`. A store must give every successful write
 * of a key a version that differs from every version that key had before (not only the previous one), so that
 * a compare-and-set based on an old read can never succeed by accident (no ABA).
 */
export type TokenVersion = string;

/** A record together with the version it was read at. */
export interface VersionedTokenRecord {
  /** The stored record (a fresh copy). */
  record: TokenRecord;
  /** The version to pass to {@link TokenStore.compareAndSet} to replace exactly this record. */
  version: TokenVersion;
}

/**
 * Persistent per-account token storage with optimistic concurrency.
 *
 * Implementations: `MemoryTokenStore`, `FileTokenStore`, `@kit/redis-store`. Prove yours with
 * `describeTokenStoreConformance` from `@kit/auth-core/testing`.
 */
export interface TokenStore {
  /**
   * Read a record.
   * @returns the record and its current version, or `undefined` when the key has no record.
   */
  get(key: string): Promise<VersionedTokenRecord | undefined>;

  /**
   * Atomically write `record` under `key` if, and only if, the key's current version is `expectedVersion`.
   * `expectedVersion === null` means "only if the key has no record" (create). On success the key gets a new
   * version (see {@link TokenVersion}) and the whole record is replaced — never merged, never half-written,
   * also across processes/instances sharing the backend.
   * @returns `true` when written, `false` when the version did not match (nothing was written).
   */
  compareAndSet(key: string, expectedVersion: TokenVersion | null, record: TokenRecord): Promise<boolean>;

  /**
   * Remove the key's record unconditionally. Idempotent: deleting a missing key is not an error. After it
   * resolves, {@link TokenStore.get} returns `undefined` and `compareAndSet(key, null, …)` can create anew.
   */
  delete(key: string): Promise<void>;

  /**
   * The {@link RefreshLock} that belongs with this store, if it has one (optional). `createPinterestAuth`
   * uses it when its config has no `lock`, so passing just a shared store (file, Redis) also serialises
   * refreshes across everything sharing it, instead of each process falling back to an in-process lock.
   * `FileTokenStore` exposes a cross-process file lock here; `@kit/redis-store`'s token store a Redis lock on
   * the same connection. Its scope must cover every process that shares the store's records.
   */
  readonly lock?: RefreshLock;
}

/**
 * A login in progress, kept between {@link PinterestAuth.createAuthorizationURL} and the callback.
 */
export interface LoginTransaction {
  /** The exact redirect URI sent to the consent page (sent again, byte for byte, to the token endpoint). */
  redirectUri: string;
  /** Scopes asked for. */
  scopes: string[];
  /** Same-site path to go to after the login (validated when the login started). */
  returnTo: string;
  /** When the login started (epoch ms, from the auth config's clock). */
  createdAt: number;
  /** When it stops being accepted (epoch ms, from the auth config's clock). */
  expiresAt: number;
}

/**
 * Short-lived storage of login transactions, consumed exactly once.
 *
 * The id passed in is NOT the raw OAuth `state`: `@kit/auth-core` passes a SHA-256 digest of it (base64url, 43
 * characters), so a dump of the store does not reveal live states.
 */
export interface TransactionStore {
  /**
   * Store `tx` under `id` for `ttlMs` milliseconds (a positive integer), replacing any previous value under
   * `id`. After `ttlMs` has elapsed by the store's own clock, the transaction must no longer be returned.
   */
  put(id: string, tx: LoginTransaction, ttlMs: number): Promise<void>;

  /**
   * Atomically read AND delete the transaction (consume it). When several callers `take` the same id
   * concurrently — in one process or across processes sharing the backend — at most one receives the
   * transaction; all others receive `undefined`.
   * @returns the transaction, or `undefined` when it was never stored, was already taken, or its TTL elapsed
   *   (an expired transaction is never returned, even if the backend has not purged it yet).
   */
  take(id: string): Promise<LoginTransaction | undefined>;
}

/** Options of {@link RefreshLock.acquire}. */
export interface RefreshLockOptions {
  /**
   * How long the lock stays valid if its holder never releases it (crash). After `ttlMs` another caller may
   * take it over. Holders must finish their critical section well within this time.
   */
  ttlMs: number;
  /** How long to wait for a held lock before giving up with `LockTimeoutError` (`code: 'LOCK_TIMEOUT'`). */
  waitMs: number;
}

/** Releases a lock. Idempotent; never releases a lock that has since been taken over by someone else. */
export type ReleaseLock = () => Promise<void>;

/**
 * A mutual-exclusion lock per account key, so that only one refresh of an account's tokens runs at a time
 * across everything sharing the lock's backend (one process for the in-process lock, one machine for the file
 * lock, many instances for Redis).
 */
export interface RefreshLock {
  /**
   * Wait until the lock for `key` is free (at most `waitMs`), take it for at most `ttlMs`, and resolve with its
   * release function. Locks of different keys are independent.
   * @throws LockTimeoutError (code `'LOCK_TIMEOUT'`) when the lock stayed held for `waitMs`.
   */
  acquire(key: string, options: RefreshLockOptions): Promise<ReleaseLock>;
}
