import { fingerprint } from './fingerprint.js';

/** Pinterest token shapes: `pina…` (access), `pinr…` (refresh), `pinc…` (client credentials). */
const TOKEN_PATTERN = /\bpin[acr][A-Za-z0-9_.~+/=-]{16,}/g;

/**
 * Replace every occurrence of the given secrets — and anything shaped like a Pinterest token — in `text` with
 * `fp:<fingerprint>`. Used on text that comes from outside (Pinterest's error messages, library error messages)
 * before it goes into one of our errors.
 */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(`fp:${fingerprint(secret)}`);
  }
  return out.replace(TOKEN_PATTERN, (token) => `fp:${fingerprint(token)}`);
}
