import { ProtocolError } from './errors.js';
import { parseScopeList } from './scopes.js';
import type { PinterestEnvironment, TokenGrantType, TokenRecord } from './stores/types.js';

/**
 * A token response as Pinterest sends it (`POST /v5/oauth/token`, 200). Pass one to `auth.saveTokens` when the
 * code exchange was done elsewhere (e.g. by @fastify/oauth2).
 */
export interface PinterestTokenResponse {
  access_token: string;
  token_type?: string;
  /** Seconds (2592000 = 30 days). */
  expires_in?: number;
  /** Space-separated granted scopes. */
  scope?: string;
  refresh_token?: string;
  /** Seconds (5184000 = 60 days). */
  refresh_token_expires_in?: number;
  /** Unix seconds. */
  refresh_token_expires_at?: number;
  response_type?: string;
  [field: string]: unknown;
}

/** Inputs of {@link toTokenRecord}. */
export interface TokenRecordInput {
  response: PinterestTokenResponse;
  /** When the request that produced `response` was SENT (epoch ms). */
  sentAt: number;
  environment: PinterestEnvironment;
  requestedScopes: string[];
  grantType: TokenGrantType;
  /** The record being refreshed: its refresh token is kept when the response carries none. */
  previous?: TokenRecord;
}

/** Build a {@link TokenRecord} from a token response (validates the fields we rely on). */
export function toTokenRecord(input: TokenRecordInput): TokenRecord {
  const { response, sentAt, previous } = input;
  if (typeof response.access_token !== 'string' || response.access_token.length === 0) {
    throw new ProtocolError('The token response has no "access_token".');
  }
  if (response.token_type !== undefined && String(response.token_type).toLowerCase() !== 'bearer') {
    throw new ProtocolError(
      `The token response has token_type "${String(response.token_type)}", not "bearer".`,
    );
  }
  const expiresIn = Number(response.expires_in);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new ProtocolError('The token response has no valid "expires_in" (seconds).');
  }
  const record: TokenRecord = {
    accessToken: response.access_token,
    tokenType: 'bearer',
    accessTokenExpiresAt: sentAt + expiresIn * 1000,
    scopes:
      typeof response.scope === 'string'
        ? parseScopeList(response.scope)
        : [...(previous?.scopes ?? input.requestedScopes)],
    requestedScopes: [...input.requestedScopes],
    environment: input.environment,
    grantType: input.grantType,
    obtainedAt: sentAt,
  };
  if (typeof response.refresh_token === 'string' && response.refresh_token.length > 0) {
    record.refreshToken = response.refresh_token;
    const relative = Number(response.refresh_token_expires_in);
    const absolute = Number(response.refresh_token_expires_at);
    // A relative lifetime counts from our own send time (immune to clock skew); else trust the absolute one.
    if (Number.isFinite(relative) && relative > 0) record.refreshTokenExpiresAt = sentAt + relative * 1000;
    else if (Number.isFinite(absolute) && absolute > 0) record.refreshTokenExpiresAt = absolute * 1000;
  } else if (previous?.refreshToken) {
    // Pinterest did not rotate: the old refresh token stays valid and must be kept.
    record.refreshToken = previous.refreshToken;
    if (previous.refreshTokenExpiresAt !== undefined)
      record.refreshTokenExpiresAt = previous.refreshTokenExpiresAt;
  }
  return record;
}
