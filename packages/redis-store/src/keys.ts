/**
 * Redis key layout. Every key starts with the configured prefix (default `pinterest:`):
 * - `<prefix>token:<account key>` — hash `{ version, record }` of one account's tokens;
 * - `<prefix>tx:<transaction id>` — string, one login transaction, with a PX expiry;
 * - `<prefix>lock:<account key>` — string, the refresh lock's owner id, with a PX expiry;
 * - `<prefix>session:<SHA-256 of the session id, hex>` — string, one browser session (JSON), with a PX expiry.
 *   Only the digest of the id is stored, so a Redis dump cannot be replayed as session cookies.
 *
 * Account keys are used as they are (readable with `redis-cli`), except keys that are not well-formed UTF-16
 * (lone surrogates would collapse to U+FFFD in UTF-8) or start with `~`: those are written as `~` plus the
 * hex of their UTF-16 code units, so two different keys never share a Redis key.
 *
 * @module
 */

/** Default key prefix. */
export const DEFAULT_KEY_PREFIX = 'pinterest:';

/** The kinds of keys this package writes. */
export type KeyKind = 'token' | 'tx' | 'lock' | 'session';

/** Builds the Redis key names for one prefix. */
export interface KeyLayout {
  /** Redis key of `kind` for the caller's `key`. */
  key(kind: KeyKind, key: string): string;
  /**
   * The authenticated context an encrypted value is bound to: kind and caller key, without the prefix (so a
   * prefix can be renamed without re-encrypting).
   */
  context(kind: KeyKind, key: string): string;
}

/** Key layout for `prefix`. */
export function keyLayout(prefix: string): KeyLayout {
  return {
    key: (kind, key) => `${prefix}${kind}:${encodeKeyPart(key)}`,
    context: (kind, key) => `@kit/redis-store/v1 ${kind}:${encodeKeyPart(key)}`,
  };
}

/** The caller's key as it appears in a Redis key name (see the module documentation). */
export function encodeKeyPart(key: string): string {
  if (!key.startsWith('~') && !/\p{Cs}/u.test(key)) return key;
  return `~${Buffer.from(key, 'utf16le').toString('hex')}`;
}
