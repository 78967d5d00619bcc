import { createHash, timingSafeEqual } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { apiRequest, clientFor, type PinterestClient, type TokenProvider } from './client.js';
import { type PinterestAuthConfig, type ResolvedConfig, resolveConfig } from './config.js';
import {
  CallbackError,
  PinterestAuthError,
  PinterestConfigError,
  ReauthorizationRequiredError,
  TokenPersistError,
} from './errors.js';
import { safeReturnTo } from './return-to.js';
import { closestScope, isPinterestScope, type PinterestScope } from './scopes.js';
import { InProcessRefreshLock } from './stores/in-process-lock.js';
import { MemoryTokenStore } from './stores/memory-token-store.js';
import { MemoryTransactionStore } from './stores/memory-transaction-store.js';
import type {
  LoginTransaction,
  PinterestEnvironment,
  RefreshLock,
  TokenRecord,
  TokenStore,
  TokenVersion,
  TransactionStore,
} from './stores/types.js';
import { TokenEndpoint } from './token-endpoint.js';
import { type PinterestTokenResponse, toTokenRecord } from './token-record.js';

/** Options of {@link PinterestAuth.createAuthorizationURL}. */
export interface AuthorizationURLOptions {
  /** Same-site path to return to after the login (default `/`); see {@link safeReturnTo}. */
  returnTo?: string;
  /** Scopes to ask for this time (default: the configured ones). */
  scopes?: PinterestScope[];
}

/** Result of {@link PinterestAuth.createAuthorizationURL}. */
export interface AuthorizationURL {
  /** The consent page URL to redirect the browser to. */
  url: string;
  /**
   * The OAuth `state` (32 random bytes, base64url). Keep it in the browser's own short-lived, HttpOnly cookie
   * (or session) and pass it back to `handleCallback`: this binds the login to the browser (RFC 9700 §4.7).
   * Secret: never log it.
   */
  state: string;
}

/** `GET /v5/user_account` (optional fields may be absent). */
export interface PinterestUserAccount {
  id: string;
  username?: string;
  account_type?: 'PINNER' | 'BUSINESS' | string;
  profile_image?: string;
  website_url?: string;
  about?: string;
  business_name?: string;
  board_count?: number;
  pin_count?: number;
  follower_count?: number;
  following_count?: number;
  monthly_views?: number;
  [field: string]: unknown;
}

/** Options of {@link PinterestAuth.handleCallback}. */
export interface HandleCallbackOptions {
  /** The `state` this browser got from `createAuthorizationURL` (from its cookie/session). */
  state: string | undefined | null;
}

/** Result of a successful {@link PinterestAuth.handleCallback}. */
export interface CallbackResult {
  /** The account key tokens are stored under: the Pinterest user account id. */
  key: string;
  /** `GET /v5/user_account` with the new token. */
  account: PinterestUserAccount;
  /** The stored token record (secret: keep it on the server). */
  record: TokenRecord;
  /** The validated same-site path given to `createAuthorizationURL` (default `/`). */
  returnTo: string;
  /** Scopes Pinterest granted (may be more than asked). */
  grantedScopes: string[];
  /** Scopes asked for but not granted (empty when all were granted; RFC 6749 §3.3). */
  missingScopes: string[];
}

/** Options of {@link PinterestAuth.saveTokens}. */
export interface SaveTokensOptions {
  /** When the token request was sent (default: now); lifetimes count from it. */
  sentAt?: number;
  /** Scopes that were asked for (default: the configured ones). */
  requestedScopes?: string[];
}

/** The auth object returned by {@link createPinterestAuth}. */
export interface PinterestAuth {
  /** API environment of this instance. */
  readonly environment: PinterestEnvironment;
  /** API base URL (`…/v5`). */
  readonly apiBase: string;
  /** The token store in use. */
  readonly store: TokenStore;
  /**
   * Start a login: store a transaction (redirect URI, scopes, returnTo, times; 10-minute lifetime) under the
   * digest of a fresh `state`, and build the consent URL.
   * @throws PinterestAuthError `INVALID_RETURN_TO` for an unsafe `returnTo`; PinterestConfigError when the app
   *   id/secret/redirect URI are missing (access-token-only config).
   */
  createAuthorizationURL(options?: AuthorizationURLOptions): Promise<AuthorizationURL>;
  /**
   * Finish a login: check that the callback's `state` is this browser's (`options.state`, compared in constant
   * time) — a callback that is not (an older tab's, a forged one) is refused with `STATE_MISMATCH` and leaves
   * the browser's login in progress untouched — then consume the transaction (exactly once, success or
   * failure; RFC 9700 §4.7), check the rest of the callback strictly, exchange the code (Basic auth,
   * `continuous_refresh=true`, the same `redirect_uri`), fetch the account and store its tokens under its id.
   * @param callbackUrl - The full callback URL, or the request path + query (`req.url`), resolved against the
   *   configured redirect URI (never against request headers).
   * @throws CallbackError before any token request; TokenRequestError / ProtocolError / TimeoutError /
   *   NetworkError from the exchange; PinterestApiError from `GET /user_account`.
   */
  handleCallback(callbackUrl: string | URL, options: HandleCallbackOptions): Promise<CallbackResult>;
  /**
   * A valid access token for the account, refreshed `refreshSkewMs` ahead of expiry. Concurrent callers share
   * one refresh (in process) and refreshes are serialised by the configured {@link RefreshLock} (across
   * processes/instances), re-reading the store after taking the lock.
   * @throws ReauthorizationRequiredError when there are no tokens or the refresh token is dead (record deleted).
   */
  getAccessToken(key: string): Promise<string>;
  /** The stored record, if any (secret: keep it on the server). */
  getTokens(key: string): Promise<TokenRecord | undefined>;
  /** Store a raw Pinterest token response (e.g. from @fastify/oauth2) under `key`. */
  saveTokens(
    key: string,
    tokenResponse: PinterestTokenResponse,
    options?: SaveTokensOptions,
  ): Promise<TokenRecord>;
  /** Refresh now, whatever the expiry (single-flight and locked like `getAccessToken`). */
  refresh(key: string): Promise<TokenRecord>;
  /**
   * Log out: delete the local tokens FIRST, then try to revoke them (Pinterest only allows revocation for system
   * users and answers 403 otherwise; that never blocks the logout).
   * @returns `revoked: true` only when Pinterest confirmed every revocation.
   */
  logout(key: string): Promise<{ revoked: boolean }>;
  /**
   * Client credentials grant: a token acting as the APP OWNER's own account (owner needs 2FA), with no refresh
   * token; reads work, many writes do not. The record is returned, not stored: call the API with
   * `auth.client(record)`. RFC 6749 §4.4.
   */
  clientCredentials(scopes: PinterestScope[]): Promise<TokenRecord>;
  /**
   * An API client:
   * - `client(key)`: for the stored account `key`, refreshing its tokens as needed;
   * - `client()`: for `accessToken` (PINTEREST_ACCESS_TOKEN), used as-is, never refreshed;
   * - `client(record)`: for the access token of a {@link TokenRecord} you hold, used as-is, never refreshed and
   *   never stored — typically the app owner's token from {@link PinterestAuth.clientCredentials}. When it
   *   expires, ask for a new one.
   *
   * @example
   * ```ts
   * const owner = auth.client(await auth.clientCredentials(['user_accounts:read']));
   * const me = await owner.get('/user_account');
   * ```
   * @throws PinterestConfigError without a key and without `accessToken`, or for a record without an access
   *   token or of the other environment; TypeError for anything else that is not a key or a record.
   */
  client(keyOrRecord?: string | TokenRecord): PinterestClient;
}

/** Internal hooks for {@link createPinterestClient}. */
const INTERNALS = Symbol('kit.auth-core.internals');

interface Internals {
  config: ResolvedConfig;
  provider(keyOrRecord: string | TokenRecord | undefined): TokenProvider;
}

const OAUTH_ERROR_CODES = new Set([
  'access_denied',
  'invalid_request',
  'unauthorized_client',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
]);

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

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

function resolveCallbackUrl(callbackUrl: string | URL, redirectUri: string): URL {
  try {
    return callbackUrl instanceof URL ? callbackUrl : new URL(callbackUrl, redirectUri);
  } catch {
    throw new CallbackError('INVALID_CALLBACK', 'The callback URL could not be parsed.');
  }
}

/**
 * Create the auth object: OAuth login, token lifecycle and API clients for one Pinterest app.
 *
 * @throws PinterestConfigError listing every problem of the config.
 * @example
 * ```ts
 * const auth = createPinterestAuth(configFromEnv());
 * const { url, state } = await auth.createAuthorizationURL({ returnTo: '/boards' });
 * ```
 */
export function createPinterestAuth(userConfig: PinterestAuthConfig): PinterestAuth {
  const config = resolveConfig(userConfig);
  const store: TokenStore = userConfig.store ?? new MemoryTokenStore();
  const transactions: TransactionStore =
    userConfig.transactionStore ?? new MemoryTransactionStore({ now: config.now });
  const storeLock = store.lock;
  const lock: RefreshLock =
    userConfig.lock ??
    (storeLock && typeof storeLock.acquire === 'function' ? storeLock : new InProcessRefreshLock());
  const endpoint = new TokenEndpoint(config);
  const inflight = new Map<string, Promise<TokenRecord>>();
  const lockOptions = { ttlMs: config.lockTtlMs, waitMs: config.lockTtlMs + LOCK_WAIT_SLACK_MS };

  const requireOAuthConfig = (what: string) => {
    const missing = (['appId', 'appSecret', 'redirectUri'] as const).filter((k) => !config[k]);
    if (missing.length > 0) {
      throw new PinterestConfigError(
        missing.map(
          (k) =>
            `${what} needs ${k} (PINTEREST_${k === 'appId' ? 'APP_ID' : k === 'appSecret' ? 'APP_SECRET' : 'REDIRECT_URI'}).`,
        ),
      );
    }
  };

  const isFresh = (record: TokenRecord) => record.accessTokenExpiresAt - config.refreshSkewMs > config.now();

  const checkScopes = (scopes: readonly string[]) => {
    const problems = scopes
      .filter((s) => !isPinterestScope(s))
      .map((s) => `unknown scope "${s}" — did you mean "${closestScope(s)}"?`);
    if (problems.length > 0) throw new PinterestConfigError(problems);
  };

  /** Upsert (used when a login or saveTokens replaces whatever was there). */
  async function persist(key: string, record: TokenRecord): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const current = await store.get(key);
      if (await store.compareAndSet(key, current?.version ?? null, record)) return;
    }
    throw new PinterestAuthError('STORE_CONFLICT', 'Could not save the tokens: the record kept changing.', {
      hint: 'Another process is writing the same account continuously.',
    });
  }

  /**
   * One attempt to save refreshed tokens over the record read at `expected`. Resolves with the record now
   * stored, or `undefined` when someone else replaced it with tokens that are not fresh (a real conflict).
   * Throws what the store throws.
   */
  async function saveRefreshedOnce(
    key: string,
    expected: TokenVersion,
    next: TokenRecord,
  ): Promise<TokenRecord | undefined> {
    if (await store.compareAndSet(key, expected, next)) return next;
    const now = await store.get(key);
    // Our own earlier attempt may have landed although its answer was lost; or another holder refreshed.
    if (now && (now.record.accessToken === next.accessToken || isFresh(now.record))) return now.record;
    return undefined;
  }

  /**
   * Save refreshed tokens, retrying a failing store a few times: Pinterest has already rotated the refresh
   * token, so giving up at the first blip would log the user out.
   */
  async function saveRefreshed(key: string, expected: TokenVersion, next: TokenRecord): Promise<TokenRecord> {
    let lastError: unknown;
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      if (attempt > 0) await pause(SAVE_BACKOFF_MS * 2 ** (attempt - 1));
      let saved: TokenRecord | undefined;
      try {
        saved = await saveRefreshedOnce(key, expected, next);
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
   * Refresh under the lock. `rejected`: the access token Pinterest just refused (refresh even if it looks fresh,
   * unless someone else already replaced it); `force`: refresh whatever the expiry.
   */
  function refreshShared(key: string, reason: { rejected?: string; force?: boolean }): Promise<TokenRecord> {
    const running = inflight.get(key);
    if (running) return running; // in-process single-flight
    const run = (async () => {
      const release = await lock.acquire(key, { ...lockOptions });
      try {
        // Re-read after taking the lock: another process may have refreshed meanwhile.
        const current = await store.get(key);
        if (!current) {
          throw new ReauthorizationRequiredError(
            'no_tokens',
            'No tokens are stored for this account: log in first.',
          );
        }
        const record = current.record;
        const replaced = reason.rejected !== undefined && record.accessToken !== reason.rejected;
        if (!reason.force && isFresh(record) && (reason.rejected === undefined || replaced)) return record;
        if (!record.refreshToken) {
          throw new ReauthorizationRequiredError(
            'no_refresh_token',
            'The stored access token expired and there is no refresh token to renew it.',
          );
        }
        if (record.refreshTokenExpiresAt !== undefined && record.refreshTokenExpiresAt <= config.now()) {
          await store.delete(key);
          throw new ReauthorizationRequiredError(
            'refresh_token_expired',
            'The refresh token has expired (60 days without use); the stored tokens were deleted.',
          );
        }
        let result: Awaited<ReturnType<TokenEndpoint['refresh']>>;
        try {
          result = await endpoint.refresh(record.refreshToken);
        } catch (error) {
          if (error instanceof ReauthorizationRequiredError) await store.delete(key); // no retry loop
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
        return await saveRefreshed(key, current.version, next);
      } finally {
        try {
          await release();
        } catch {
          // The lock's TTL frees it; a failed release must not mask the refresh's own outcome.
        }
      }
    })().finally(() => inflight.delete(key));
    inflight.set(key, run);
    return run;
  }

  async function getAccessToken(key: string): Promise<string> {
    const current = await store.get(key);
    if (!current) {
      throw new ReauthorizationRequiredError(
        'no_tokens',
        'No tokens are stored for this account: log in first.',
      );
    }
    if (current.record.environment !== config.environment) {
      throw new ReauthorizationRequiredError(
        'no_tokens',
        `The stored tokens belong to the ${current.record.environment} API, but this app is configured for ${config.environment}.`,
        { hint: `Log in again, or set PINTEREST_ENV=${current.record.environment}.` },
      );
    }
    if (isFresh(current.record)) return current.record.accessToken;
    return (await refreshShared(key, {})).accessToken;
  }

  /** A provider for a record the caller holds: its token as-is, no refresh, nothing stored. */
  function recordProvider(record: TokenRecord): TokenProvider {
    if (typeof record.accessToken !== 'string' || record.accessToken.length === 0) {
      throw new PinterestConfigError(['client(record) needs a token record with an accessToken.']);
    }
    if (record.environment !== undefined && record.environment !== config.environment) {
      throw new PinterestConfigError([
        `client(record): the token belongs to the ${record.environment} API, but this app is configured for ${config.environment}; ask for a token with this auth object.`,
      ]);
    }
    const token = record.accessToken;
    const scopes = Array.isArray(record.scopes) ? [...record.scopes] : undefined;
    return {
      mode: 'fixed',
      token: async () => token,
      grantedScopes: async () => scopes,
      rejectedHint:
        record.grantType === 'client_credentials'
          ? 'The client-credentials token was rejected: it has probably expired (it has no refresh token). Ask for a new one with auth.clientCredentials(scopes) and build a new client.'
          : 'The token of this record was rejected and client(record) never refreshes it: use auth.client(key) for stored accounts, or log in again.',
    };
  }

  function provider(keyOrRecord: string | TokenRecord | undefined): TokenProvider {
    if (typeof keyOrRecord === 'object' && keyOrRecord !== null) return recordProvider(keyOrRecord);
    if (keyOrRecord !== undefined && typeof keyOrRecord !== 'string') {
      throw new TypeError('client() takes an account key (string), a token record, or nothing.');
    }
    const key = keyOrRecord;
    if (key === undefined) {
      const token = config.accessToken;
      if (!token) {
        throw new PinterestConfigError([
          'client() without an account key needs accessToken (PINTEREST_ACCESS_TOKEN); pass the account key otherwise.',
        ]);
      }
      return { mode: 'access_token', token: async () => token };
    }
    return {
      mode: 'oauth',
      token: () => getAccessToken(key),
      onRejected: async (rejected) => {
        try {
          return (await refreshShared(key, { rejected })).accessToken;
        } catch (error) {
          if (error instanceof ReauthorizationRequiredError) throw error;
          return undefined;
        }
      },
      grantedScopes: async () => (await store.get(key))?.record.scopes,
    };
  }

  const auth: PinterestAuth & { [INTERNALS]: Internals } = {
    environment: config.environment,
    apiBase: config.apiBase,
    store,

    async createAuthorizationURL(options = {}) {
      requireOAuthConfig('createAuthorizationURL');
      const returnTo = safeReturnTo(options.returnTo ?? '/');
      if (returnTo === undefined) {
        throw new PinterestAuthError(
          'INVALID_RETURN_TO',
          'returnTo must be a path on this site, such as "/boards".',
          {
            hint: 'Pass a path starting with a single "/"; other origins are refused (open-redirect protection).',
          },
        );
      }
      const scopes = options.scopes ?? config.scopes;
      checkScopes(scopes);
      const state = oauth.generateRandomState(); // 32 bytes from the CSPRNG, base64url
      const createdAt = config.now();
      const tx: LoginTransaction = {
        redirectUri: config.redirectUri,
        scopes: [...scopes],
        returnTo,
        createdAt,
        expiresAt: createdAt + config.transactionTtlMs,
      };
      await transactions.put(sha256(state), tx, config.transactionTtlMs);
      const url = new URL(config.authorizationEndpoint);
      url.searchParams.set('client_id', config.appId);
      url.searchParams.set('redirect_uri', config.redirectUri);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', scopes.join(','));
      url.searchParams.set('state', state);
      return { url: url.href, state };
    },

    async handleCallback(callbackUrl, options) {
      requireOAuthConfig('handleCallback');
      const expectedState = options?.state;
      if (typeof expectedState !== 'string' || expectedState.length === 0) {
        throw new CallbackError(
          'STATE_MISMATCH',
          'No login state for this browser (cookie missing or expired): the callback was not started here.',
          { loginKept: true },
        );
      }
      const url = resolveCallbackUrl(callbackUrl, config.redirectUri);
      const params = url.searchParams;
      // Is this callback this browser's login? Answer that BEFORE touching the transaction: a callback that is
      // not (an older tab's, W2; a forged one, C3) must not use up the login the browser has in progress.
      const states = params.getAll('state');
      if (states.length > 1) {
        throw new CallbackError('INVALID_CALLBACK', 'The callback repeats the parameter state.', {
          loginKept: true,
        });
      }
      const state = states[0];
      if (!state) {
        throw new CallbackError('INVALID_CALLBACK', 'The callback has no "state" parameter.', {
          loginKept: true,
        });
      }
      if (!sameSecret(state, expectedState)) {
        throw new CallbackError(
          'STATE_MISMATCH',
          "The callback's state does not match this browser's login.",
          { loginKept: true },
        );
      }
      // It is: consume the transaction now, atomically; it is used up by this callback, success or failure (C2).
      const tx = await transactions.take(sha256(expectedState));
      const names = [...params.keys()];
      const duplicated = names.filter((name, i) => names.indexOf(name) !== i);
      if (duplicated.length > 0) {
        throw new CallbackError(
          'INVALID_CALLBACK',
          `The callback repeats the parameter${duplicated.length > 1 ? 's' : ''} ${[...new Set(duplicated)].join(', ')}.`,
        );
      }
      if (url.pathname !== new URL(config.redirectUri).pathname) {
        throw new CallbackError(
          'INVALID_CALLBACK',
          'The callback path is not the configured redirect URI path.',
        );
      }
      if (!tx) {
        throw new CallbackError(
          'UNKNOWN_STATE',
          'No such login in progress: it was already used or has expired.',
        );
      }
      if (tx.expiresAt <= config.now()) {
        throw new CallbackError('TRANSACTION_EXPIRED', 'The login took too long (more than 10 minutes).');
      }
      const error = params.get('error');
      if (error !== null) {
        // Only echo the registered RFC 6749 §4.1.2.1 codes: anything else could carry attacker text or secrets.
        const oauthError = OAUTH_ERROR_CODES.has(error) ? error : 'unknown_error';
        throw new CallbackError('ACCESS_DENIED', `The login was not completed (error=${oauthError}).`, {
          oauthError,
          hint: 'The user declined (or Pinterest refused) the authorization; they can try again.',
        });
      }
      const code = params.get('code');
      if (!code) throw new CallbackError('INVALID_CALLBACK', 'The callback has no "code" parameter.');
      let validated: URLSearchParams;
      try {
        validated = oauth.validateAuthResponse(
          endpoint.authorizationServer,
          endpoint.client,
          params,
          expectedState,
        );
      } catch {
        // oauth4webapi's error holds the parameters (code, state) in `cause`: do not pass it on.
        throw new CallbackError('INVALID_CALLBACK', 'The callback is not a valid authorization response.');
      }
      const result = await endpoint.exchangeCode(validated, tx.redirectUri, [code, state]);
      const record = toTokenRecord({
        response: result.response as PinterestTokenResponse,
        sentAt: result.sentAt,
        environment: config.environment,
        requestedScopes: tx.scopes,
        grantType: 'authorization_code',
      });
      const account = await apiRequest<PinterestUserAccount>(
        config,
        { mode: 'fixed', token: async () => record.accessToken, grantedScopes: async () => record.scopes },
        'GET',
        '/user_account',
      );
      if (!account || (typeof account.id !== 'string' && typeof account.id !== 'number')) {
        throw new PinterestAuthError('PROTOCOL_ERROR', 'GET /v5/user_account answered without an "id".');
      }
      const key = String(account.id);
      await persist(key, record);
      return {
        key,
        account,
        record,
        // Stored percent-encoded; checked again on the way out, as the store may be shared (H1).
        returnTo: safeReturnTo(tx.returnTo) ?? '/',
        grantedScopes: [...record.scopes],
        missingScopes: tx.scopes.filter((s) => !record.scopes.includes(s)),
      };
    },

    getAccessToken,

    async getTokens(key) {
      return (await store.get(key))?.record;
    },

    async saveTokens(key, tokenResponse, options = {}) {
      const record = toTokenRecord({
        response: tokenResponse,
        sentAt: options.sentAt ?? config.now(),
        environment: config.environment,
        requestedScopes: options.requestedScopes ?? config.scopes,
        grantType: 'authorization_code',
      });
      await persist(key, record);
      return record;
    },

    refresh(key) {
      return refreshShared(key, { force: true });
    },

    async logout(key) {
      const current = await store.get(key);
      await store.delete(key); // local first: a failed revoke never keeps the user logged in
      if (!current) return { revoked: false };
      const { refreshToken, accessToken } = current.record;
      const attempts = await Promise.allSettled([
        ...(refreshToken ? [endpoint.revoke(refreshToken, 'refresh_token')] : []),
        endpoint.revoke(accessToken, 'access_token'),
      ]);
      return { revoked: attempts.every((a) => a.status === 'fulfilled') };
    },

    async clientCredentials(scopes) {
      requireOAuthConfig('clientCredentials');
      checkScopes(scopes);
      if (scopes.length === 0)
        throw new PinterestConfigError(['clientCredentials needs at least one scope.']);
      const result = await endpoint.clientCredentials(scopes);
      return toTokenRecord({
        response: result.response as PinterestTokenResponse,
        sentAt: result.sentAt,
        environment: config.environment,
        requestedScopes: scopes,
        grantType: 'client_credentials',
      });
    },

    client(keyOrRecord) {
      return clientFor(config, provider(keyOrRecord));
    },

    [INTERNALS]: { config, provider },
  };
  Object.defineProperty(auth, INTERNALS, { enumerable: false });
  return auth;
}

/**
 * An API client for one account (`key`), for a token record you hold (e.g. from `auth.clientCredentials()`), or
 * for the configured access token when both are omitted. Same as `auth.client(keyOrRecord)`.
 */
export function createPinterestClient(
  auth: PinterestAuth,
  keyOrRecord?: string | TokenRecord,
): PinterestClient {
  const internals = (auth as { [INTERNALS]?: Internals })[INTERNALS];
  if (!internals) throw new TypeError('createPinterestClient needs an object made by createPinterestAuth().');
  return clientFor(internals.config, internals.provider(keyOrRecord));
}
