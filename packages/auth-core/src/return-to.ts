// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A lone UTF-16 surrogate cannot be percent-encoded (URL would turn it into U+FFFD silently). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BASE = 'http://base.invalid';

function looksSafe(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.includes('\\') &&
    !CONTROL.test(path) &&
    !LONE_SURROGATE.test(path) &&
    // A same-site path resolves to the base origin whatever the base is.
    new URL(path, BASE).origin === BASE
  );
}

function passesEveryDecoding(value: string): boolean {
  let current = value;
  for (let i = 0; i < 4; i++) {
    if (!looksSafe(current)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}

/**
 * `value` as a safe post-login destination, or `undefined` when it is not one. Safe means a path on this site
 * (`/x`, `/x?y#z`), never another origin: protocol-relative (`//evil`), backslash tricks (`/\evil`), absolute
 * URLs (`https://evil`, `javascript:`), control characters and the same tricks percent-encoded (`/%2F%2Fevil`,
 * which some frameworks decode before redirecting) are refused (RFC 9700 §4.11: open redirectors).
 *
 * What comes back is percent-encoded the way a URL serialises it (RFC 3986 §2.1; `/Ā` → `/%C4%80`, a space →
 * `%20`): printable ASCII only, so it can always go into a `Location` header (RFC 9110 §10.2.2) — a raw `Ā`
 * there makes Node throw `ERR_INVALID_CHAR` after the login already succeeded.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return undefined;
  if (!passesEveryDecoding(value)) return undefined;
  const url = new URL(value, BASE);
  const encoded = `${url.pathname}${url.search}${url.hash}`;
  // Serialising can only add escapes; check the result again so that what leaves is what was checked.
  return encoded.length <= 4 * 2048 && passesEveryDecoding(encoded) ? encoded : undefined;
}

/**
 * Whether `value` is a safe post-login destination (see {@link safeReturnTo}, which also gives the form to
 * store and redirect to).
 */
export function isSafeReturnTo(value: unknown): value is string {
  return safeReturnTo(value) !== undefined;
}
