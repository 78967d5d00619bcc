/**
 * The start of a login: a transaction stored under the digest of a fresh `state`, and the consent URL.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { assertArgument } from './assert.js';
import { type ResolvedConfig, requireOAuthConfig } from './config.js';
import { PinterestAuthError } from './errors.js';
import { safeReturnTo } from './return-to.js';
import { assertKnownScopes, type PinterestScope } from './scopes.js';
import type { LoginTransaction, TransactionStore } from './stores/types.js';

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
   * (or session) and pass it back to `handleCallback`: this binds the login to the browser
   * ([RFC 9700 §4.7](https://www.rfc-editor.org/rfc/rfc9700#section-4.7)). Secret: never log it.
   */
  state: string;
}

/** The key a login transaction is stored under: the SHA-256 of its `state`, so the store never holds it. */
export const transactionKey = (state: string) => createHash('sha256').update(state).digest('base64url');

/** `createAuthorizationURL` (internal). */
export async function startLogin(
  config: ResolvedConfig,
  transactions: TransactionStore,
  options: AuthorizationURLOptions = {},
): Promise<AuthorizationURL> {
  requireOAuthConfig(config, 'createAuthorizationURL');
  assertArgument(
    typeof options === 'object' && options !== null,
    'the options of createAuthorizationURL',
    'an object ({ returnTo?, scopes? })',
  );
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
  assertArgument(Array.isArray(scopes), 'options.scopes', 'an array of Pinterest scopes');
  assertKnownScopes(scopes);
  const state = oauth.generateRandomState(); // 32 bytes from the CSPRNG, base64url
  const createdAt = config.now();
  const tx: LoginTransaction = {
    redirectUri: config.redirectUri,
    scopes: [...scopes],
    returnTo,
    createdAt,
    expiresAt: createdAt + config.transactionTtlMs,
  };
  await transactions.put(transactionKey(state), tx, config.transactionTtlMs);
  const url = new URL(config.authorizationEndpoint);
  url.searchParams.set('client_id', config.appId);
  url.searchParams.set('redirect_uri', config.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', scopes.join(','));
  url.searchParams.set('state', state);
  return { url: url.href, state };
}
