import type { ResolvedConfig } from './config.js';
import { PinterestApiError, type PinterestApiErrorKind, PinterestAuthError } from './errors.js';
import { scrub } from './redact.js';
import { requiredScopesFor } from './scopes.js';
import { isTimeout, networkReason } from './token-endpoint.js';

/** Where the client gets its bearer token from (internal). */
export interface TokenProvider {
  /** `oauth`: per-account tokens (refreshable); `access_token`: PINTEREST_ACCESS_TOKEN; `fixed`: one token. */
  mode: 'oauth' | 'access_token' | 'fixed';
  token(): Promise<string>;
  /** After a 401 code 2: a new token (one refresh), or `undefined` when none can be had. */
  onRejected?(rejected: string): Promise<string | undefined>;
  /** Scopes the token was granted, to name missing ones. */
  grantedScopes?(): Promise<readonly string[] | undefined>;
  /** The hint of an `auth_failed` error, when the mode's default does not fit (e.g. client credentials). */
  rejectedHint?: string;
}

/** Query parameters; `undefined` values are left out, arrays repeat the parameter. */
export type QueryParams = Record<
  string,
  string | number | boolean | undefined | readonly (string | number)[]
>;

/** Options of {@link PinterestClient.get} and {@link PinterestClient.delete}. */
export interface RequestOptions {
  query?: QueryParams;
}

/** One page of a bookmark-paginated list. */
export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; `null` on the last page. */
  bookmark: string | null;
}

/** Options of {@link PinterestClient.page}. */
export interface PageOptions {
  bookmark?: string | null;
  /** `page_size` (Pinterest: default 25, max 250). */
  pageSize?: number;
  query?: QueryParams;
}

/** Options of {@link PinterestClient.paginate}. */
export interface PaginateOptions {
  pageSize?: number;
  query?: QueryParams;
}

/**
 * A small typed client for Pinterest API v5. Paths are relative to the v5 base of the configured environment
 * (`/user_account`, `/boards`, `/boards/{id}/pins`). Every request has a timeout; 429 answers are retried after
 * `X-RateLimit-Reset` seconds (else exponential back-off with jitter); 5xx, network errors and timeouts are
 * retried for idempotent methods only (GET, DELETE); a 401 code 2 triggers one token refresh and one retry. All
 * failures are {@link PinterestApiError}s.
 */
export interface PinterestClient {
  /** `GET` a resource. */
  get<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  /** `POST` a JSON body (not retried on 5xx/network errors: not idempotent). */
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  /** `PATCH` a JSON body (not retried on 5xx/network errors). */
  patch<T = unknown>(path: string, body?: unknown): Promise<T>;
  /** `DELETE` a resource. */
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  /** One page of a bookmark-paginated list (`{ items, bookmark }`). */
  page<T = unknown>(path: string, options?: PageOptions): Promise<Page<T>>;
  /** Every item of a bookmark-paginated list, fetching pages lazily. */
  paginate<T = unknown>(path: string, options?: PaginateOptions): AsyncIterable<T>;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function buildUrl(base: string, path: string, query: QueryParams | undefined): URL {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.includes('\\')) {
    throw new PinterestAuthError(
      'INVALID_PATH',
      `API path must start with a single "/" (got "${String(path)}").`,
      {
        hint: 'Use a path relative to the v5 base, e.g. "/boards".',
      },
    );
  }
  const [pathname = '', search] = path.split('?', 2);
  if (pathname.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new PinterestAuthError(
      'INVALID_PATH',
      `API path must not contain "." or ".." segments (got "${path}").`,
    );
  }
  const url = new URL(`${base}${pathname}`);
  if (search) for (const [k, v] of new URLSearchParams(search)) url.searchParams.append(k, v);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
    else url.searchParams.set(key, String(value));
  }
  return url;
}

function backoff(config: ResolvedConfig, attempt: number): number {
  const cap = Math.min(config.retry.maxDelayMs, config.retry.baseDelayMs * 2 ** attempt);
  return Math.round(cap / 2 + Math.random() * (cap / 2)); // "equal jitter": never 0, never in lock-step
}

interface Failure {
  kind: PinterestApiErrorKind;
  status?: number;
  pinterestCode?: number;
  pinterestMessage?: string;
  requestId?: string;
  rateLimitResetSeconds?: number;
  cause?: unknown;
}

const ACCESS_TOKEN_HINT =
  'PINTEREST_ACCESS_TOKEN was rejected: it has probably expired (test tokens from My apps → Configure → "Generate access token" last 24 hours). Generate a new one there, or unset PINTEREST_ACCESS_TOKEN and log in with OAuth.';

/** Turns a failure into the error the caller sees, with an actionable hint. */
async function toError(
  config: ResolvedConfig,
  provider: TokenProvider,
  method: string,
  path: string,
  failure: Failure,
  secrets: string[],
): Promise<PinterestApiError> {
  const cleanPath = path.split('?')[0] ?? path;
  let kind = failure.kind;
  let missingScopes: string[] | undefined;
  let hint: string;
  switch (kind) {
    case 'auth_failed':
      hint =
        provider.rejectedHint ??
        (provider.mode === 'access_token'
          ? ACCESS_TOKEN_HINT
          : 'The access token was rejected even after a refresh: the user may have revoked the app or changed their password. Log in again.');
      break;
    case 'missing_scope': {
      const required = requiredScopesFor(method, cleanPath) ?? [];
      const granted = (await provider.grantedScopes?.().catch(() => undefined)) ?? [];
      missingScopes = required.filter((s) => !granted.includes(s));
      if (missingScopes.length === 0) missingScopes = required;
      hint =
        missingScopes.length > 0
          ? `The token lacks scope${missingScopes.length > 1 ? 's' : ''} ${missingScopes.join(', ')}: add ${missingScopes.length > 1 ? 'them' : 'it'} to PINTEREST_SCOPES (config.scopes) and have the user log in again — existing tokens never gain scopes.`
          : 'The token lacks a scope this call needs: add it to PINTEREST_SCOPES (config.scopes) and have the user log in again.';
      break;
    }
    case 'not_permitted':
      if (
        failure.status === 403 &&
        (/sandbox|trial/i.test(failure.pinterestMessage ?? '') ||
          (config.environment === 'production' && method !== 'GET'))
      ) {
        kind = 'trial_in_production';
        hint =
          'Trial apps cannot write to production: set PINTEREST_ENV=sandbox (environment: "sandbox") and use a sandbox token, or apply for Standard access.';
      } else {
        hint = 'This account may not access that resource (not its board/Pin, or not allowed for this app).';
      }
      break;
    case 'not_found':
      hint =
        'Check the id in the path: the user, board or Pin does not exist (or is not visible to this account).';
      break;
    case 'rate_limited':
      hint =
        failure.rateLimitResetSeconds !== undefined
          ? `Rate limited: the limit resets in ${failure.rateLimitResetSeconds} s. Slow down or batch requests.`
          : 'Rate limited: slow down (Trial apps: 1000 requests/day).';
      break;
    case 'server':
      hint = 'Pinterest had a server error; try again later. Quote the request id to Pinterest support.';
      break;
    case 'network':
      hint = `Could not reach ${new URL(config.apiBase).host}: check the network and PINTEREST_API_URI.`;
      break;
    case 'timeout':
      hint = `No answer within ${config.timeoutMs} ms: try again later or raise timeoutMs.`;
      break;
    default:
      hint = 'Pinterest rejected the request parameters; see the message.';
  }
  const status = failure.status === undefined ? kind : `${failure.status} ${kind}`;
  const code = failure.pinterestCode === undefined ? '' : ` code ${failure.pinterestCode}`;
  const message = failure.pinterestMessage ? `: ${failure.pinterestMessage}` : '';
  const rid = failure.requestId ? ` (x-pinterest-rid ${failure.requestId})` : '';
  const fields: ConstructorParameters<typeof PinterestApiError>[1] = { kind, method, path: cleanPath, hint };
  if (failure.status !== undefined) fields.status = failure.status;
  if (failure.pinterestCode !== undefined) fields.pinterestCode = failure.pinterestCode;
  if (failure.pinterestMessage !== undefined) fields.pinterestMessage = failure.pinterestMessage;
  if (failure.requestId !== undefined) fields.requestId = failure.requestId;
  if (missingScopes !== undefined) fields.missingScopes = missingScopes;
  return new PinterestApiError(
    scrub(`${method} ${cleanPath} failed: ${status}${code}${message}${rid}`, secrets),
    fields,
    failure.cause === undefined ? {} : { cause: failure.cause },
  );
}

function kindFor(status: number, code: number | undefined): PinterestApiErrorKind {
  if (status === 401) return code === 3 ? 'missing_scope' : code === 7 ? 'not_permitted' : 'auth_failed';
  if (status === 403) return 'not_permitted';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'invalid_request';
}

async function readErrorBody(response: Response, secrets: string[]) {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    return {
      code: typeof body.code === 'number' ? body.code : undefined,
      message: typeof body.message === 'string' ? scrub(body.message, secrets).slice(0, 500) : undefined,
    };
  } catch {
    return { code: undefined, message: undefined };
  }
}

/** Perform one API call with retries, refresh-on-401 and error mapping (internal). */
export async function apiRequest<T>(
  config: ResolvedConfig,
  provider: TokenProvider,
  method: string,
  path: string,
  options: { query?: QueryParams; body?: unknown } = {},
): Promise<T> {
  const url = buildUrl(config.apiBase, path, options.query);
  const idempotent = IDEMPOTENT.has(method);
  let token = await provider.token();
  let refreshed = false;
  const secrets = () => [token, config.appSecret];
  for (let attempt = 0; ; attempt++) {
    const canRetry = attempt < config.retry.maxRetries;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await config.fetch(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      const kind = isTimeout(error) ? 'timeout' : 'network';
      if (idempotent && canRetry) {
        await config.sleep(backoff(config, attempt));
        continue;
      }
      const failure: Failure = { kind };
      if (kind === 'network') failure.cause = new Error(networkReason(error));
      throw await toError(config, provider, method, path, failure, secrets());
    }
    const requestId = response.headers.get('x-pinterest-rid') ?? undefined;
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      try {
        const text = await response.text();
        return (text ? JSON.parse(text) : undefined) as T;
      } catch (error) {
        if (isTimeout(error)) {
          if (idempotent && canRetry) {
            await config.sleep(backoff(config, attempt));
            continue;
          }
          throw await toError(config, provider, method, path, { kind: 'timeout', requestId }, secrets());
        }
        throw await toError(
          config,
          provider,
          method,
          path,
          {
            kind: 'server',
            status: response.status,
            pinterestMessage: 'response body is not valid JSON',
            requestId,
          },
          secrets(),
        );
      }
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw await toError(
        config,
        provider,
        method,
        path,
        {
          kind: 'invalid_request',
          status: response.status,
          pinterestMessage: 'unexpected redirect (redirects are not followed with a bearer token)',
          requestId,
        },
        secrets(),
      );
    }
    const { code, message } = await readErrorBody(response, secrets());
    const failure: Failure = { kind: kindFor(response.status, code), status: response.status };
    if (code !== undefined) failure.pinterestCode = code;
    if (message !== undefined) failure.pinterestMessage = message;
    if (requestId !== undefined) failure.requestId = requestId;

    if (failure.kind === 'auth_failed' && !refreshed && provider.onRejected) {
      refreshed = true; // one refresh and one retry, never a loop
      const next = await provider.onRejected(token);
      if (next !== undefined) {
        token = next;
        attempt -= 1; // the retry after a refresh does not count against the back-off budget
        continue;
      }
    }
    if (response.status === 429) {
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      const hasReset = response.headers.has('x-ratelimit-reset') && Number.isFinite(reset) && reset >= 0;
      if (hasReset) failure.rateLimitResetSeconds = reset;
      const wait = hasReset ? Math.ceil(reset * 1000) : backoff(config, attempt);
      if (canRetry && wait <= config.retry.maxRateLimitWaitMs) {
        await config.sleep(wait);
        continue;
      }
    } else if (response.status >= 500 && idempotent && canRetry) {
      await config.sleep(backoff(config, attempt));
      continue;
    }
    throw await toError(config, provider, method, path, failure, secrets());
  }
}

/** Build a {@link PinterestClient} over a token provider (internal; use `auth.client()`). */
export function clientFor(config: ResolvedConfig, provider: TokenProvider): PinterestClient {
  const call = <T>(method: string, path: string, options?: { query?: QueryParams; body?: unknown }) =>
    apiRequest<T>(config, provider, method, path, options);
  const page = async <T>(path: string, options: PageOptions = {}): Promise<Page<T>> => {
    const query: QueryParams = { ...options.query };
    if (options.pageSize !== undefined) query.page_size = options.pageSize;
    if (options.bookmark) query.bookmark = options.bookmark;
    const result = await call<{ items?: T[]; bookmark?: string | null }>('GET', path, { query });
    return { items: result?.items ?? [], bookmark: result?.bookmark ?? null };
  };
  return {
    get: (path, options) => call('GET', path, { query: options?.query }),
    post: (path, body) => call('POST', path, { body }),
    patch: (path, body) => call('PATCH', path, { body }),
    delete: (path, options) => call('DELETE', path, { query: options?.query }),
    page,
    async *paginate<T>(path: string, options: PaginateOptions = {}): AsyncIterable<T> {
      let bookmark: string | null = null;
      const seen = new Set<string>();
      do {
        const result: Page<T> = await page<T>(path, { ...options, bookmark });
        yield* result.items;
        bookmark = result.bookmark;
        // A bookmark seen before would loop forever: stop instead.
        if (bookmark !== null && seen.has(bookmark)) break;
        if (bookmark !== null) seen.add(bookmark);
      } while (bookmark !== null);
    },
  };
}
