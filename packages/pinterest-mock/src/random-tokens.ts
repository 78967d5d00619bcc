/**
 * Opaque token strings (`pina_…`, `pinc_…`, `pinr_…`): 32 bytes from the CSPRNG, base64url. The bytes are drawn
 * a page at a time, since asking the CSPRNG for 32 bytes per token was the token endpoint's largest cost;
 * each byte is used for one token only.
 */
import { randomFillSync } from 'node:crypto';

const TOKEN_BYTES = 32;
const PAGE_BYTES = TOKEN_BYTES * 128;

let page = Buffer.alloc(0);
let offset = 0;

/** `<prefix>_<43 base64url characters>`, never the same twice. */
export function randomToken(prefix: string): string {
  if (offset + TOKEN_BYTES > page.length) {
    page = randomFillSync(Buffer.allocUnsafe(PAGE_BYTES));
    offset = 0;
  }
  const token = `${prefix}_${page.toString('base64url', offset, offset + TOKEN_BYTES)}`;
  // Used bytes are wiped so the page never holds a live token's randomness for longer than needed.
  page.fill(0, offset, offset + TOKEN_BYTES);
  offset += TOKEN_BYTES;
  return token;
}
