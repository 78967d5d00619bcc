/**
 * The only Pinterest API calls the browser can cause. The proxy never forwards a path it was given: it matches
 * the raw request path against these patterns and rebuilds the upstream path from the pattern, so `..`,
 * encoded traversal (`%2e%2e`, `%2f`), backslashes, absolute URLs and `//host` never reach Pinterest (B4).
 */

import type { PathsWith } from '@kit/auth-core';

/** An allow-listed upstream operation, relative to the configured v5 base. */
export interface AllowedOperation {
  method: 'GET';
  /** The spec's path template; each `{param}` stands for a numeric Pinterest id. */
  pattern: PathsWith<'get'>;
  /** Query parameters passed through (anything else is dropped). */
  query: readonly string[];
}

/** Read-only operations the SPA (and your additions) may proxy. Add a line to allow one more. */
export const ALLOWED_OPERATIONS: readonly AllowedOperation[] = [
  { method: 'GET', pattern: '/user_account', query: [] },
  { method: 'GET', pattern: '/boards', query: ['bookmark', 'page_size', 'privacy'] },
  { method: 'GET', pattern: '/boards/{board_id}', query: [] },
  { method: 'GET', pattern: '/boards/{board_id}/pins', query: ['bookmark', 'page_size'] },
  { method: 'GET', pattern: '/boards/{board_id}/sections', query: ['bookmark', 'page_size'] },
  { method: 'GET', pattern: '/pins/{pin_id}', query: [] },
];

/** Pinterest ids are decimal strings. */
const ID = /^[0-9]{1,32}$/;
/** A raw path may only hold these characters: no `%`, `.`, `\`, `:`, `?`, `#`, `@`. */
const SAFE_PATH = /^(\/[A-Za-z0-9_-]+)+$/;
const MAX_QUERY_VALUE = 1024;

/** Why a proxied request was refused (stable codes for the JSON error body). */
export type RefusalCode = 'path_not_allowed' | 'method_not_allowed' | 'query_not_allowed';

/** The outcome of {@link resolveAllowedCall}. */
export type AllowListResult =
  | {
      ok: true;
      /** The operation's path template, and its parameters taken from the raw path. */
      operation: PathsWith<'get'>;
      params: Record<string, string>;
      query: Record<string, string>;
    }
  | { ok: false; code: RefusalCode; message: string };

/**
 * Matches a proxied call against {@link ALLOWED_OPERATIONS}.
 * @param method the request method
 * @param rawPath the path after the proxy prefix, exactly as it arrived (NOT decoded or normalised)
 * @param rawQuery the raw query string without `?` (may be empty)
 */
export function resolveAllowedCall(method: string, rawPath: string, rawQuery: string): AllowListResult {
  if (!SAFE_PATH.test(rawPath)) {
    return { ok: false, code: 'path_not_allowed', message: 'This path is not on the allow-list.' };
  }
  const segments = rawPath.split('/').slice(1);
  const matches = ALLOWED_OPERATIONS.filter((op) => matchPattern(op.pattern, segments));
  if (matches.length === 0) {
    return { ok: false, code: 'path_not_allowed', message: 'This path is not on the allow-list.' };
  }
  const operation = matches.find((op) => op.method === method);
  if (operation === undefined) {
    return { ok: false, code: 'method_not_allowed', message: `${method} is not allowed on this path.` };
  }
  const params = new URLSearchParams(rawQuery);
  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!operation.query.includes(name) || name in query || value.length > MAX_QUERY_VALUE) {
      return {
        ok: false,
        code: 'query_not_allowed',
        message: `Query parameter "${name.slice(0, 40)}" is not allowed here.`,
      };
    }
    query[name] = value;
  }
  if (query.page_size !== undefined && !/^(?:[1-9][0-9]?|1[0-9]{2}|2[0-4][0-9]|250)$/.test(query.page_size)) {
    return { ok: false, code: 'query_not_allowed', message: 'page_size must be an integer from 1 to 250.' };
  }
  // Rebuilt from the validated segments, never from the request string.
  return { ok: true, operation: operation.pattern, params: paramsOf(operation.pattern, segments), query };
}

function matchPattern(pattern: string, segments: string[]): boolean {
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return false;
  return parts.every((part, i) => {
    const segment = segments[i] ?? '';
    return isParam(part) ? ID.test(segment) : part === segment;
  });
}

const isParam = (part: string) => part.startsWith('{') && part.endsWith('}');

function paramsOf(pattern: string, segments: string[]): Record<string, string> {
  const parts = pattern.split('/').slice(1);
  return Object.fromEntries(
    parts.flatMap((part, i) => (isParam(part) ? [[part.slice(1, -1), segments[i] ?? '']] : [])),
  );
}
