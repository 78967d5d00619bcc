import { createHash } from 'node:crypto';

/**
 * A short, stable stand-in for a secret in logs: the first 8 hex characters of its SHA-256.
 * The request log writes it as `fp:<8 hex>`; compare with `` `fp:${fingerprint(value)}` ``.
 */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}
