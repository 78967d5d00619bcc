/**
 * One v5 API call: the scope check before the request, path expansion, rate-limit pacing, the bearer token,
 * retries (429 after `X-RateLimit-Reset`; 5xx, network errors and timeouts for idempotent methods), one
 * refresh after a 401 code 2, and the mapping of every failure to a {@link PinterestApiError}.
 *
 * @module
 */
import type { ResolvedConfig } from './config.js';
import {
  MissingScopeError,
  PinterestApiError,
  type PinterestApiErrorKind,
  PinterestAuthError,
} from './errors.js';
import { queryString } from './query-string.js';
import { abortableSleep, type RateLimitPacer, rateLimitCategory, resetSeconds } from './rate-limits.js';
import { scrub } from './redact.js';
import { requiredScopesFor, scopesOfOperation } from './scopes.js';
import { isTimeout, networkReason } from './token-endpoint.js';
import type { TokenProvider } from './token-providers.js';

/**
 * Query parameters; `undefined` values are left out, lists and objects go on the wire as the spec says for each
 * parameter (see `query-string.ts`).
 */
export type QueryValues = Record<string, unknown>;

/** The inputs of one call (internal). */
export interface ApiCall {
  method: string;
  /** The v5 path template (`/boards/{board_id}/pins`). */
  path: string;
  params?: Record<string, unknown> | undefined;
  query?: QueryValues | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** What every call of one client shares (internal). */
export interface ApiContext {
  config: ResolvedConfig;
  provider: TokenProvider;
  pacer: RateLimitPacer;
}

const PARAM = /\{([^}]+)\}/g;
/** The parameter names of each template seen (the client calls the same few templates again and again). */
const PARAM_NAMES = new Map<string, string[]>();

/** `/boards/{board_id}/pins` + `{ board_id: '1' }` → `/boards/1/pins`; every parameter required, no extras. */
export function expandPath(template: string, params: Record<string, unknown> | undefined): string {
  if (typeof template !== 'string' || !template.startsWith('/') || template.startsWith('//')) {
    throw new PinterestAuthError(
      'INVALID_PATH',
      `API path must be a v5 path template starting with "/" (got ${JSON.stringify(template)}).`,
      { hint: 'Use a path of the spec without the /v5 prefix, e.g. "/boards/{board_id}/pins".' },
    );
  }
  if (params !== undefined && (params === null || typeof params !== 'object')) {
    throw new PinterestAuthError('INVALID_PATH', `options.path of ${template} must be an object.`);
  }
  let names = PARAM_NAMES.get(template);
  if (names === undefined) {
    names = [...template.matchAll(PARAM)].map((m) => m[1] as string);
    PARAM_NAMES.set(template, names);
  }
  if (names.length === 0 && params === undefined) return template;
  const extra = Object.keys(params ?? {}).filter((k) => !names?.includes(k));
  if (extra.length > 0) {
    throw new PinterestAuthError(
      'INVALID_PATH',
      `${template} has no path parameter ${extra.join(', ')} (it has ${names.length > 0 ? names.join(', ') : 'none'}).`,
    );
  }
  return template.replace(PARAM, (_, name: string) => {
    const value = params?.[name];
    if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '') {
      throw new PinterestAuthError(
        'INVALID_PATH',
        `Path parameter "${name}" of ${template} is missing or empty: pass options.path.${name}.`,
      );
    }
    return encodeURIComponent(String(value));
  });
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

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
function toError(
  config: ResolvedConfig,
  provider: TokenProvider,
  granted: readonly string[],
  method: string,
  path: string,
  failure: Failure,
  secrets: string[],
): PinterestApiError {
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

/** Perform one API call (internal: use a client from `auth.client()`). */
export async function apiRequest<T>(context: ApiContext, call: ApiCall): Promise<T> {
  const { config, provider, pacer } = context;
  const { method, signal } = call;
  const operation = `${method} ${call.path}`;
  const category = rateLimitCategory(method, call.path);
  if (category === 'unknown') {
    throw new PinterestAuthError('INVALID_PATH', `${operation} is not an operation of Pinterest API v5.`, {
      hint: 'Use a path template of the spec without the /v5 prefix, e.g. "/boards/{board_id}/pins".',
    });
  }
  const path = expandPath(call.path, call.params);
  const url = new URL(`${config.apiBase}${path}`);
  url.search = queryString(method, call.path, call.query);
  const idempotent = IDEMPOTENT.has(method);
  signal?.throwIfAborted();
  const credentials = await provider.credentials();
  let token = credentials.token;
  const granted = credentials.scopes;
  if (granted) {
    const missing = scopesOfOperation(method, call.path).filter((s) => !granted.includes(s));
    if (missing.length > 0) throw new MissingScopeError(operation, missing);
  }
  const paceKey = `${provider.subject}|${category}`;
  const wait = (ms: number) => abortableSleep(config.sleep, ms, signal);
  let refreshed = false;
  const secrets = () => [token, config.appSecret];
  const fail = (failure: Failure) =>
    toError(config, provider, granted ?? [], method, path, failure, secrets());
  const timeout = (): AbortSignal => {
    const limit = AbortSignal.timeout(config.timeoutMs);
    return signal ? AbortSignal.any([signal, limit]) : limit;
  };
  let body: string | undefined;
  const baseHeaders: Record<string, string> = { accept: 'application/json' };
  if (call.body !== undefined) {
    baseHeaders['content-type'] = 'application/json';
    body = JSON.stringify(call.body);
  }
  for (let attempt = 0; ; attempt++) {
    const canRetry = attempt < config.retry.maxRetries;
    const paced = pacer.reserve(paceKey);
    if (paced > 0) {
      if (paced > config.retry.maxRateLimitWaitMs) {
        throw fail({ kind: 'rate_limited', rateLimitResetSeconds: Math.ceil(paced / 1000) });
      }
      await wait(paced);
    }
    let response: Response;
    try {
      response = await config.fetch(url, {
        method,
        headers: { ...baseHeaders, authorization: `Bearer ${token}` },
        body,
        redirect: 'manual',
        signal: timeout(),
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const kind = isTimeout(error) ? 'timeout' : 'network';
      if (idempotent && canRetry) {
        await wait(backoff(config, attempt));
        continue;
      }
      const failure: Failure = { kind };
      if (kind === 'network') failure.cause = new Error(networkReason(error));
      throw fail(failure);
    }
    pacer.after(paceKey, response.headers);
    const requestId = response.headers.get('x-pinterest-rid') ?? undefined;
    if (response.ok) {
      if (response.status === 204) {
        await response.body?.cancel();
        return undefined as T;
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (idempotent && canRetry) {
          await wait(backoff(config, attempt));
          continue;
        }
        throw fail({ kind: isTimeout(error) ? 'timeout' : 'network', requestId });
      }
      try {
        return (text ? JSON.parse(text) : undefined) as T;
      } catch {
        throw fail({
          kind: 'server',
          status: response.status,
          pinterestMessage: 'response body is not valid JSON',
          requestId,
        });
      }
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw fail({
        kind: 'invalid_request',
        status: response.status,
        pinterestMessage: 'unexpected redirect (redirects are not followed with a bearer token)',
        requestId,
      });
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
      const reset = resetSeconds(response.headers);
      if (reset !== undefined) failure.rateLimitResetSeconds = reset;
      const delay = reset !== undefined ? Math.ceil(reset * 1000) : backoff(config, attempt);
      if (canRetry && delay <= config.retry.maxRateLimitWaitMs) {
        await wait(delay);
        continue;
      }
    } else if (response.status >= 500 && idempotent && canRetry) {
      await wait(backoff(config, attempt));
      continue;
    }
    throw fail(failure);
  }
}
