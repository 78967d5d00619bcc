/**
 * The end of a login: the callback checked strictly, the transaction consumed exactly once, the code
 * exchanged, the account fetched and its tokens stored under its id.
 *
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { apiRequest } from './api-request.js';
import type { PinterestSchemas } from './api-types.js';
import { type ResolvedConfig, requireOAuthConfig } from './config.js';
import { CallbackError, PinterestAuthError } from './errors.js';
import { transactionKey } from './login.js';
import type { RateLimitPacer } from './rate-limits.js';
import { safeReturnTo } from './return-to.js';
import type { TokenRecord, TransactionStore } from './stores/types.js';
import type { TokenEndpoint } from './token-endpoint.js';
import type { TokenLifecycle } from './token-lifecycle.js';
import { type PinterestTokenResponse, toTokenRecord } from './token-record.js';

/** `GET /v5/user_account`, with the `id` the tokens are stored under. */
export type PinterestUserAccount = PinterestSchemas['Account'] & { id: string };

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
  /**
   * Scopes asked for but not granted (empty when all were granted;
   * [RFC 6749 §3.3](https://www.rfc-editor.org/rfc/rfc6749#section-3.3)).
   */
  missingScopes: string[];
}

/** What `handleCallback` works with (internal). */
export interface CallbackParts {
  config: ResolvedConfig;
  transactions: TransactionStore;
  endpoint: TokenEndpoint;
  lifecycle: TokenLifecycle;
  pacer: RateLimitPacer;
}

/** The error codes of [RFC 6749 §4.1.2.1](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1): the only `error` values echoed back. */
const OAUTH_ERROR_CODES = new Set([
  'access_denied',
  'invalid_request',
  'unauthorized_client',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
]);

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

/** `handleCallback` (internal). */
export async function finishLogin(
  parts: CallbackParts,
  callbackUrl: string | URL,
  options: HandleCallbackOptions,
): Promise<CallbackResult> {
  const { config, transactions, endpoint } = parts;
  requireOAuthConfig(config, 'handleCallback');
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
    throw new CallbackError('INVALID_CALLBACK', 'The callback has no "state" parameter.', { loginKept: true });
  }
  if (!sameSecret(state, expectedState)) {
    throw new CallbackError('STATE_MISMATCH', "The callback's state does not match this browser's login.", {
      loginKept: true,
    });
  }
  // It is: consume the transaction now, atomically; it is used up by this callback, success or failure (C2).
  const tx = await transactions.take(transactionKey(expectedState));
  const names = [...params.keys()];
  const duplicated = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicated.length > 0) {
    throw new CallbackError(
      'INVALID_CALLBACK',
      `The callback repeats the parameter${duplicated.length > 1 ? 's' : ''} ${[...new Set(duplicated)].join(', ')}.`,
    );
  }
  if (url.pathname !== new URL(config.redirectUri).pathname) {
    throw new CallbackError('INVALID_CALLBACK', 'The callback path is not the configured redirect URI path.');
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
  const provider = {
    mode: 'fixed' as const,
    subject: 'login',
    credentials: async () => ({ token: record.accessToken, scopes: record.scopes }),
  };
  const account = await apiRequest<PinterestSchemas['Account']>(
    { config, provider, pacer: parts.pacer },
    { method: 'GET', path: '/user_account' },
  );
  if (!account || (typeof account.id !== 'string' && typeof account.id !== 'number')) {
    throw new PinterestAuthError('PROTOCOL_ERROR', 'GET /v5/user_account answered without an "id".');
  }
  const key = String(account.id);
  await parts.lifecycle.persist(key, record);
  return {
    key,
    account: { ...account, id: key },
    record,
    // Stored percent-encoded; checked again on the way out, as the store may be shared (H1).
    returnTo: safeReturnTo(tx.returnTo) ?? '/',
    grantedScopes: [...record.scopes],
    missingScopes: tx.scopes.filter((s) => !record.scopes.includes(s)),
  };
}
