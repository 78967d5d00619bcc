/**
 * A small HTTP client for the mock's tests. Every response from a Pinterest route (`/v5/…`,
 * `/sandbox/v5/…`) is checked against openapi-v5.json before the test sees it. Tests use plain `fetch` only
 * for responses that are off-spec on purpose (injected malformed JSON, a reset connection, an unknown route).
 */
import { expect } from 'vitest';
import { type PinterestMock, SCOPE_DESCRIPTIONS } from '../../src/index.js';
import { assertMatchesSpec } from './openapi.js';

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: T;
}

function isPinterestRoute(path: string): boolean {
  return /^(\/sandbox)?\/v5\//.test(path);
}

/** Performs a request against the mock; validates Pinterest responses against the spec. */
export async function http<T = unknown>(
  mock: Pick<PinterestMock, 'url'>,
  method: string,
  pathAndQuery: string,
  init: { headers?: Record<string, string>; body?: string; redirect?: RequestRedirect } = {},
): Promise<HttpResult<T>> {
  const url = new URL(pathAndQuery, mock.url);
  const response = await fetch(url, {
    method,
    headers: init.headers,
    body: init.body,
    redirect: init.redirect ?? 'manual',
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isPinterestRoute(url.pathname)) {
    if (text !== '' && body === undefined)
      throw new Error(`${method} ${url.pathname}: body is not JSON: ${text}`);
    assertMatchesSpec(method, url.pathname, response.status, body, text);
    // Every Pinterest response carries a request id.
    expect(response.headers.get('x-pinterest-rid')).toMatch(/^\d{16}$/);
  }
  return { status: response.status, headers: response.headers, text, body: body as T };
}

export const APP_ID = '1000001';
export const APP_SECRET = 'mock-app-secret';
export const REDIRECT_URI = 'http://localhost:8085/';

export function basic(appId = APP_ID, secret = APP_SECRET): string {
  return `Basic ${Buffer.from(`${appId}:${secret}`).toString('base64')}`;
}

/** `POST /v5/oauth/token` with a form body and Basic auth (override either to test failures). */
export function tokenRequest<T = Record<string, unknown>>(
  mock: Pick<PinterestMock, 'url'>,
  form: Record<string, string>,
  options: { authorization?: string | null; prefix?: string } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const authorization = options.authorization === undefined ? basic() : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  return http<T>(mock, 'POST', `${options.prefix ?? ''}/v5/oauth/token`, {
    headers,
    body: new URLSearchParams(form).toString(),
  });
}

/** A Bearer GET/POST on the API. */
export function api<T = Record<string, unknown>>(
  mock: Pick<PinterestMock, 'url'>,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return http<T>(mock, method, path, {
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The consent URL for the default app. */
export function consentPath(params: Partial<Record<string, string>> = {}): string {
  const query = new URLSearchParams({
    client_id: APP_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'user_accounts:read,boards:read,pins:read',
    state: 'state-123',
  });
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) query.delete(key);
    else query.set(key, value);
  }
  return `/oauth/?${query.toString()}`;
}

/** Runs consent (auto-approve must be on) and returns the code from the redirect. */
export async function authorize(
  mock: Pick<PinterestMock, 'url'>,
  params: Partial<Record<string, string>> = {},
): Promise<string> {
  const response = await http(mock, 'GET', consentPath(params));
  expect(response.status).toBe(302);
  const code = new URL(response.headers.get('location') ?? '').searchParams.get('code');
  if (!code) throw new Error(`no code in ${response.headers.get('location')}`);
  return code;
}

export interface TokenBody {
  access_token: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
  refresh_token_expires_in?: number;
  refresh_token_expires_at?: number;
  response_type: string;
  token_type: string;
}

/** Consent + code exchange: a fresh user token set. */
export async function login(
  mock: Pick<PinterestMock, 'url'>,
  params: Partial<Record<string, string>> = {},
  prefix = '',
): Promise<TokenBody> {
  const code = await authorize(mock, params);
  const response = await tokenRequest<TokenBody>(
    mock,
    { grant_type: 'authorization_code', code, redirect_uri: params.redirect_uri ?? REDIRECT_URI },
    { prefix },
  );
  expect(response.status).toBe(200);
  return response.body;
}

export const ALL_READ = 'user_accounts:read,boards:read,pins:read';
export const READ_WRITE = 'user_accounts:read,boards:read,boards:write,pins:read,pins:write';

/** Every one of Pinterest's 19 scopes. */
export const EVERY_SCOPE = Object.keys(SCOPE_DESCRIPTIONS).join(',');
