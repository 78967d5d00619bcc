// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse
const CONTROL = /[\u0000-\u001f\u007f]/;

function looksSafe(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.includes('\\') &&
    !CONTROL.test(path) &&
    // A same-site path resolves to the base origin whatever the base is.
    new URL(path, 'http://base.invalid').origin === 'http://base.invalid'
  );
}

/**
 * Whether `value` is a safe post-login destination: a path on this site (`/x`, `/x?y#z`), never another origin.
 * Refuses protocol-relative (`//evil`), backslash tricks (`/\evil`), absolute URLs (`https://evil`,
 * `javascript:`), control characters, and the same tricks percent-encoded (`/%2F%2Fevil`, `%2F%2Fevil`), which
 * some frameworks decode before redirecting (RFC 9700 §4.11: open redirectors).
 */
export function isSafeReturnTo(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return false;
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
