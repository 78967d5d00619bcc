import { fingerprint } from './fingerprint.js';

/** Parameter names whose values are secrets, codes, tokens or state: logged as fingerprints only. */
const SECRET_PARAMS = new Set([
  'code',
  'state',
  'token',
  'access_token',
  'refresh_token',
  'client_secret',
  'password',
]);

const fingerprintCache = new Map<string, string>();

/** `fp:<8 hex>`, memoised because the hot path sees the same Authorization header over and over. */
export function fp(value: string): string {
  let result = fingerprintCache.get(value);
  if (result === undefined) {
    result = `fp:${fingerprint(value)}`;
    if (fingerprintCache.size > 5000) fingerprintCache.clear();
    fingerprintCache.set(value, result);
  }
  return result;
}

/** Copies a parameter object, fingerprinting secret values. */
export function redactParams(params: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!params) return out;
  for (const [key, value] of Object.entries(params)) {
    const text = Array.isArray(value) ? value.join(',') : String(value);
    out[key] = SECRET_PARAMS.has(key) ? fp(text) : text;
  }
  return out;
}

/** Keeps the scheme of an Authorization header and fingerprints the credentials. */
export function redactAuthorization(value: string): string {
  const space = value.indexOf(' ');
  if (space === -1) return fp(value);
  return `${value.slice(0, space)} ${fp(value.slice(space + 1))}`;
}

/** Request headers for the log: Authorization and cookies fingerprinted. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'authorization' || name === 'proxy-authorization') out[name] = redactAuthorization(text);
    else if (name === 'cookie') out[name] = fp(text);
    else out[name] = text;
  }
  return out;
}

/** A URL for logs with secret query values fingerprinted. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const safe = new URLSearchParams();
  for (const [key, value] of params) safe.append(key, SECRET_PARAMS.has(key) ? fp(value) : value);
  return `${url.slice(0, q)}?${safe.toString()}`;
}
