import { createHash } from 'node:crypto';

/**
 * A short, stable, non-reversible identifier for a secret: the first 8 hex characters of its SHA-256.
 *
 * Use it wherever a log line or error would otherwise need the secret itself (token, code, state, app secret):
 * two fingerprints can be compared by a human, but 32 bits of a hash reveal nothing useful about the value.
 *
 * @example
 * ```ts
 * fingerprint('pina_example'); // → '3f1c0a9e' (8 lowercase hex characters)
 * ```
 */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
}
