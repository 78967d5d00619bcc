/**
 * Where a client gets its bearer token: a stored account (refreshed as needed), the configured
 * `accessToken` (PINTEREST_ACCESS_TOKEN, used as-is), or a token record the caller holds (used as-is).
 *
 * @module
 */
import type { ResolvedConfig } from './config.js';
import { PinterestConfigError, ReauthorizationRequiredError } from './errors.js';
import { fingerprint } from './fingerprint.js';
import type { TokenRecord } from './stores/types.js';
import type { TokenLifecycle } from './token-lifecycle.js';

/** A bearer token and the scopes it was granted (when known). */
export interface Credentials {
  token: string;
  /** Granted scopes; `undefined` when unknown (then no scope check is made before requests). */
  scopes?: readonly string[] | undefined;
}

/** Where a client gets its bearer token from (internal). */
export interface TokenProvider {
  /** `oauth`: per-account tokens (refreshable); `access_token`: PINTEREST_ACCESS_TOKEN; `fixed`: one token. */
  mode: 'oauth' | 'access_token' | 'fixed';
  /** Whom rate limits count against: the account key, or a token's fingerprint. */
  subject: string;
  credentials(): Promise<Credentials>;
  /** After a 401 code 2: a new token (one refresh), or `undefined` when none can be had. */
  onRejected?(rejected: string): Promise<string | undefined>;
  /** The hint of an `auth_failed` error, when the mode's default does not fit (e.g. client credentials). */
  rejectedHint?: string;
}

/** A stored account's tokens, refreshed ahead of expiry and once after a rejection. */
export function accountProvider(lifecycle: TokenLifecycle, key: string): TokenProvider {
  return {
    mode: 'oauth',
    subject: `account:${key}`,
    credentials: async () => {
      const record = await lifecycle.freshRecord(key);
      return { token: record.accessToken, scopes: record.scopes };
    },
    onRejected: async (rejected) => {
      try {
        return (await lifecycle.refresh(key, { rejected })).accessToken;
      } catch (error) {
        if (error instanceof ReauthorizationRequiredError) throw error;
        return undefined;
      }
    },
  };
}

/** The configured `accessToken`, as-is, never refreshed; its scopes are unknown. */
export function accessTokenProvider(config: ResolvedConfig): TokenProvider {
  const token = config.accessToken;
  if (!token) {
    throw new PinterestConfigError([
      'client() without an account key needs accessToken (PINTEREST_ACCESS_TOKEN); pass the account key otherwise.',
    ]);
  }
  return {
    mode: 'access_token',
    subject: `token:${fingerprint(token)}`,
    credentials: async () => ({ token }),
  };
}

/** A record the caller holds: its token as-is, no refresh, nothing stored. */
export function recordProvider(config: ResolvedConfig, record: TokenRecord): TokenProvider {
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
    subject: `token:${fingerprint(token)}`,
    credentials: async () => ({ token, scopes }),
    rejectedHint:
      record.grantType === 'client_credentials'
        ? 'The client-credentials token was rejected: it has probably expired (it has no refresh token). Ask for a new one with auth.clientCredentials(scopes) and build a new client.'
        : 'The token of this record was rejected and client(record) never refreshes it: use auth.client(key) for stored accounts, or log in again.',
  };
}
