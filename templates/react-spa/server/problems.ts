/**
 * The one place where failures become answers for the browser: auth-core's typed errors (branch on `code`, then
 * on `kind` for API errors), storage failures and Fastify's own refusals. Every message says what happened,
 * then what to do. Nothing secret is in any of these errors (auth-core guarantees it), and only chosen fields
 * are sent anyway.
 */

/** The JSON body of every error answer of `/api/*` and `/auth/*`. */
export interface ApiErrorBody {
  /** Stable code the SPA branches on. */
  error: string;
  /** What happened, then what to do, in the user's words. */
  message: string;
  /** True when the user must go through the Pinterest login again (the session is gone). */
  reauth_required?: true;
  /** Scopes the login lacks, for `missing_scope`. */
  missing_scopes?: string[];
  /** For `missing_scope`: where the browser goes to grant them (incremental consent, session kept). */
  grant_url?: string;
  /** Pinterest's request id, for support. */
  request_id?: string;
}

/** An error answer: HTTP status plus body; `endSession` tells the caller to drop the browser's session. */
export interface Problem {
  status: number;
  body: ApiErrorBody;
  endSession: boolean;
}

/** Shape of the errors we branch on (duck-typed, so errors from another copy of auth-core work too). */
interface KnownError {
  code?: unknown;
  kind?: unknown;
  statusCode?: unknown;
  missingScopes?: unknown;
  requestId?: unknown;
  validation?: unknown;
  message?: unknown;
}

/** Why the app asks for a scope, in the user's words (the consent says the rest). */
const WHY: Record<string, string> = {
  'pins:write': 'to publish Pins for you',
  'boards:write': 'to add Pins to your boards',
};

/** The incremental consent for `scopes`, back to `returnTo` afterwards (see routes/auth.ts). */
export function grantUrl(scopes: string[], returnTo: string): string {
  return `/auth/login?${new URLSearchParams({ grant: scopes.join(','), returnTo })}`;
}

const problem = (status: number, error: string, message: string, extra: Partial<ApiErrorBody> = {}) => ({
  status,
  endSession: false,
  body: { error, message, ...extra },
});

/**
 * Maps an error thrown while serving a request to an answer.
 * @param returnTo where a grant or a new login should bring the user back (the SPA page, not the API path)
 */
export function problemFor(error: unknown, returnTo = '/'): Problem {
  const e = (error ?? {}) as KnownError;
  const requestId = typeof e.requestId === 'string' ? { request_id: e.requestId } : {};

  if (e.code === 'REAUTHORIZATION_REQUIRED') {
    return {
      ...problem(
        401,
        'reauth_required',
        'Your Pinterest connection has expired. Please log in again to continue.',
        {
          reauth_required: true,
        },
      ),
      endSession: true,
    };
  }
  // MISSING_SCOPE: auth-core refused before the request; API_ERROR missing_scope: Pinterest refused.
  const kind = e.code === 'MISSING_SCOPE' ? 'missing_scope' : e.kind;
  if (e.code === 'MISSING_SCOPE' || e.code === 'API_ERROR') {
    switch (kind) {
      case 'missing_scope': {
        const scopes = Array.isArray(e.missingScopes) ? (e.missingScopes as string[]) : [];
        const why = scopes.map((scope) => WHY[scope]).filter(Boolean);
        return problem(
          403,
          'missing_scope',
          scopes.length === 0
            ? 'Pinterest refused: your login lacks a permission this needs. Log in again to grant it.'
            : `This needs ${scopes.join(' and ')}${why.length ? ` (${why.join(', ')})` : ''}, which your login did not grant: the app asks only when it first needs it. Grant it on Pinterest; you stay logged in and come back here.`,
          {
            missing_scopes: scopes,
            ...(scopes.length ? { grant_url: grantUrl(scopes, returnTo) } : {}),
            ...requestId,
          },
        );
      }
      case 'auth_failed':
        return {
          ...problem(
            401,
            'reauth_required',
            'Pinterest no longer accepts this login (the password may have changed). Please log in again.',
            { reauth_required: true, ...requestId },
          ),
          endSession: true,
        };
      case 'not_found':
        return problem(
          404,
          'not_found',
          'Pinterest has no such board or Pin (it may be deleted or secret). Go back to your boards.',
          requestId,
        );
      case 'not_permitted':
        return problem(
          403,
          'not_permitted',
          'Pinterest does not allow this for your account. Try another board or Pin.',
          requestId,
        );
      case 'trial_in_production':
        return problem(
          403,
          'not_permitted',
          'Apps with Trial access can write only through the sandbox. Set PINTEREST_ENV=sandbox or upgrade the app.',
          requestId,
        );
      case 'rate_limited':
        return problem(
          429,
          'rate_limited',
          'Pinterest asked us to make fewer requests. Wait a minute, then try again.',
          requestId,
        );
      case 'invalid_request':
        return problem(
          400,
          'invalid_request',
          'Pinterest refused this request as it was sent. Check what you entered and try again.',
          requestId,
        );
      default:
        return problem(
          502,
          'upstream_unavailable',
          'Pinterest could not be reached just now. Try again in a moment.',
          requestId,
        );
    }
  }
  if (e.code === 'TIMEOUT' || e.code === 'NETWORK_ERROR') {
    return problem(
      502,
      'upstream_unavailable',
      'Pinterest could not be reached just now. Try again in a moment.',
    );
  }
  if (e.code === 'REDIS_UNAVAILABLE' || e.code === 'REDIS_TIMEOUT') {
    // Sessions and tokens live in Redis (REDIS_URL): fail fast and say so, never fall back to memory.
    return problem(
      503,
      'storage_unavailable',
      'The app cannot reach its session storage just now. Try again in a moment.',
    );
  }
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : 'Invalid request.';
  // Fastify's own refusals (schema validation, body too large, unsupported type): its message names the field.
  if (e.validation) return problem(400, 'invalid_request', message);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413)
      return problem(413, 'too_large', 'That is too large to send. Pick a smaller image (up to 10 MB).');
    return problem(e.statusCode, 'invalid_request', message);
  }
  return problem(
    500,
    'internal',
    'Something went wrong on our side. Try again; if it keeps happening, check the server log.',
  );
}

/** Reasons the SPA turns into a friendly message after a login that did not complete (src/messages.ts). */
export function loginErrorReason(code: unknown): 'denied' | 'expired' | 'invalid' | 'failed' {
  switch (code) {
    case 'ACCESS_DENIED':
      return 'denied';
    case 'UNKNOWN_STATE':
    case 'TRANSACTION_EXPIRED':
    case 'STATE_MISMATCH':
      return 'expired';
    case 'INVALID_CALLBACK':
      return 'invalid';
    default:
      return 'failed';
  }
}
