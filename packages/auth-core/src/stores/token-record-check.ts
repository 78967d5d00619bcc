/**
 * What a stored {@link TokenRecord} must look like. A store reads bytes someone else may have edited, truncated
 * or written with another version: it checks them here and answers a typed error, never a `TypeError` from
 * deep inside the library.
 *
 * @module
 */
import type { TokenRecord } from './types.js';

const ENVIRONMENTS = new Set(['production', 'sandbox']);
const GRANT_TYPES = new Set(['authorization_code', 'refresh_token', 'client_credentials']);

const isTime = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isScopes = (value: unknown) => Array.isArray(value) && value.every((s) => typeof s === 'string');

/**
 * `undefined` when `value` is a well-formed {@link TokenRecord}, else what is wrong with it, in a few words
 * naming the field (never its value: fields hold tokens).
 */
export function tokenRecordProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'the record is not an object';
  const r = value as Record<string, unknown>;
  if (typeof r.accessToken !== 'string' || r.accessToken === '')
    return 'accessToken is not a non-empty string';
  if (r.tokenType !== 'bearer') return 'tokenType is not "bearer"';
  if (!isTime(r.accessTokenExpiresAt)) return 'accessTokenExpiresAt is not a time in ms';
  if (r.refreshToken !== undefined && (typeof r.refreshToken !== 'string' || r.refreshToken === ''))
    return 'refreshToken is not a non-empty string';
  if (r.refreshTokenExpiresAt !== undefined && !isTime(r.refreshTokenExpiresAt))
    return 'refreshTokenExpiresAt is not a time in ms';
  if (!isScopes(r.scopes)) return 'scopes is not a list of strings';
  if (!isScopes(r.requestedScopes)) return 'requestedScopes is not a list of strings';
  if (!ENVIRONMENTS.has(r.environment as string)) return 'environment is not "production" or "sandbox"';
  if (!GRANT_TYPES.has(r.grantType as string)) return 'grantType is not a known grant type';
  if (!isTime(r.obtainedAt)) return 'obtainedAt is not a time in ms';
  return undefined;
}

/** Whether `value` is a well-formed {@link TokenRecord} (see {@link tokenRecordProblem}). */
export function isTokenRecord(value: unknown): value is TokenRecord {
  return tokenRecordProblem(value) === undefined;
}
