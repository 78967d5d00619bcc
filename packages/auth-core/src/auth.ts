/**
 * `createPinterestAuth`: one object per Pinterest app that ties the jobs together — login
 * (`login.ts`), callback (`callback.ts`), refresh and persistence (`token-lifecycle.ts`), token providers
 * (`token-providers.ts`) and the typed API client (`client.ts`).
 *
 * @module
 */

import { assertArgument } from './assert.js';
import { type CallbackResult, finishLogin, type HandleCallbackOptions } from './callback.js';
import { clientFor, type PinterestClient } from './client.js';
import { type PinterestAuthConfig, requireOAuthConfig, resolveConfig } from './config.js';
import { PinterestConfigError } from './errors.js';
import { type AuthorizationURL, type AuthorizationURLOptions, startLogin } from './login.js';
import { RateLimitPacer } from './rate-limits.js';
import { assertKnownScopes, type PinterestScope } from './scopes.js';
import { InProcessRefreshLock } from './stores/in-process-lock.js';
import { MemoryTokenStore } from './stores/memory-token-store.js';
import { MemoryTransactionStore } from './stores/memory-transaction-store.js';
import type {
  PinterestEnvironment,
  RefreshLock,
  TokenRecord,
  TokenStore,
  TransactionStore,
} from './stores/types.js';
import { TokenEndpoint } from './token-endpoint.js';
import { TokenLifecycle } from './token-lifecycle.js';
import {
  accessTokenProvider,
  accountProvider,
  recordProvider,
  type TokenProvider,
} from './token-providers.js';
import { type PinterestTokenResponse, toTokenRecord } from './token-record.js';

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
   * failure; [RFC 9700 §4.7](https://www.rfc-editor.org/rfc/rfc9700#section-4.7)), check the rest of the callback strictly, exchange the code (Basic auth,
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
   * `auth.client(record)`. [RFC 6749 §4.4](https://www.rfc-editor.org/rfc/rfc6749#section-4.4).
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
   * const pins = await auth.client(key).get('/boards/{board_id}/pins', { path: { board_id } });
   * ```
   * @throws PinterestConfigError without a key and without `accessToken`, or for a record without an access
   *   token or of the other environment; TypeError for anything else that is not a key or a record.
   */
  client(keyOrRecord?: string | TokenRecord): PinterestClient;
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
  assertArgument(
    typeof userConfig === 'object' && userConfig !== null,
    'the config of createPinterestAuth',
    'an object (e.g. configFromEnv())',
  );
  const config = resolveConfig(userConfig);
  const store: TokenStore = userConfig.store ?? new MemoryTokenStore();
  const transactions: TransactionStore =
    userConfig.transactionStore ?? new MemoryTransactionStore({ now: config.now });
  const storeLock = store.lock;
  const lock: RefreshLock =
    userConfig.lock ??
    (storeLock && typeof storeLock.acquire === 'function' ? storeLock : new InProcessRefreshLock());
  const endpoint = new TokenEndpoint(config);
  const lifecycle = new TokenLifecycle(config, store, lock, endpoint);
  // One pacer per app: clients made per request still share what the rate-limit headers said.
  const pacer = new RateLimitPacer(config.now);

  const provider = (keyOrRecord: string | TokenRecord | undefined): TokenProvider => {
    if (typeof keyOrRecord === 'object' && keyOrRecord !== null) return recordProvider(config, keyOrRecord);
    assertArgument(
      keyOrRecord === undefined || (typeof keyOrRecord === 'string' && keyOrRecord.length > 0),
      'the argument of client()',
      'an account key (a non-empty string), a token record, or nothing',
    );
    return keyOrRecord === undefined ? accessTokenProvider(config) : accountProvider(lifecycle, keyOrRecord);
  };
  const assertKey = (key: unknown, what: string) =>
    assertArgument(
      typeof key === 'string' && key.length > 0,
      `the account key of ${what}`,
      'a non-empty string',
    );

  return {
    environment: config.environment,
    apiBase: config.apiBase,
    store,

    createAuthorizationURL: (options) => startLogin(config, transactions, options),

    handleCallback: (callbackUrl, options) =>
      finishLogin({ config, transactions, endpoint, lifecycle, pacer }, callbackUrl, options),

    async getAccessToken(key) {
      assertKey(key, 'getAccessToken');
      return (await lifecycle.freshRecord(key)).accessToken;
    },

    async getTokens(key) {
      assertKey(key, 'getTokens');
      return (await store.get(key))?.record;
    },

    async saveTokens(key, tokenResponse, options = {}) {
      assertKey(key, 'saveTokens');
      assertArgument(
        typeof tokenResponse === 'object' && tokenResponse !== null,
        'the token response of saveTokens',
        "an object (Pinterest's token response)",
      );
      const record = toTokenRecord({
        response: tokenResponse,
        sentAt: options.sentAt ?? config.now(),
        environment: config.environment,
        requestedScopes: options.requestedScopes ?? config.scopes,
        grantType: 'authorization_code',
      });
      await lifecycle.persist(key, record);
      return record;
    },

    refresh(key) {
      assertKey(key, 'refresh');
      return lifecycle.refresh(key, { force: true });
    },

    async logout(key) {
      assertKey(key, 'logout');
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
      requireOAuthConfig(config, 'clientCredentials');
      assertArgument(
        Array.isArray(scopes),
        'the scopes of clientCredentials',
        'an array of Pinterest scopes',
      );
      assertKnownScopes(scopes);
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
      return clientFor({ config, provider: provider(keyOrRecord), pacer });
    },
  };
}
