/**
 * Turns failures of Pinterest calls into JSON answers the SPA understands. Nothing secret is in any of these
 * errors (auth-core guarantees it), but only chosen fields are sent anyway.
 */
import { MissingScopeError, PinterestApiError, ReauthorizationRequiredError } from '@kit/auth-core';

/** The JSON body of every error answer of `/api/*`. */
export interface ApiErrorBody {
  error: string;
  message: string;
  /** True when the user must go through the Pinterest login again (the session is gone). */
  reauth_required?: true;
  /** Scopes to add to PINTEREST_SCOPES, for `missing_scope`. */
  missing_scopes?: string[];
  /** Pinterest's request id, for support. */
  request_id?: string;
}

/** An error answer: HTTP status plus body; `endSession` tells the caller to drop the browser's session. */
export interface MappedError {
  status: number;
  body: ApiErrorBody;
  endSession: boolean;
}

/** Maps an error thrown by `@kit/auth-core` (or anything else) to an answer for the browser. */
export function mapPinterestError(error: unknown): MappedError {
  if (error instanceof ReauthorizationRequiredError) {
    return {
      status: 401,
      endSession: true,
      body: {
        error: 'reauth_required',
        reauth_required: true,
        message: 'Your Pinterest connection has expired. Please log in again.',
      },
    };
  }
  // Refused before the request: the token was not granted a scope the call needs.
  if (error instanceof MissingScopeError) {
    return {
      status: 403,
      endSession: false,
      body: {
        error: 'missing_scope',
        message: 'This needs a permission you have not granted yet. Log in again to grant it.',
        missing_scopes: error.missingScopes,
      },
    };
  }
  if (error instanceof PinterestApiError) {
    const requestId = error.requestId ? { request_id: error.requestId } : {};
    switch (error.kind) {
      case 'auth_failed':
        return {
          status: 401,
          endSession: true,
          body: {
            error: 'reauth_required',
            reauth_required: true,
            message: 'Pinterest no longer accepts this login. Please log in again.',
            ...requestId,
          },
        };
      case 'missing_scope':
        return {
          status: 403,
          endSession: false,
          body: {
            error: 'missing_scope',
            message: 'This needs a permission you have not granted yet. Log in again to grant it.',
            missing_scopes: error.missingScopes ?? [],
            ...requestId,
          },
        };
      case 'not_found':
        return {
          status: 404,
          endSession: false,
          body: { error: 'not_found', message: 'Not found on Pinterest.', ...requestId },
        };
      case 'not_permitted':
      case 'trial_in_production':
        return {
          status: 403,
          endSession: false,
          body: {
            error: 'not_permitted',
            message: 'Pinterest does not allow this for your app or account.',
            ...requestId,
          },
        };
      case 'rate_limited':
        return {
          status: 429,
          endSession: false,
          body: {
            error: 'rate_limited',
            message: 'Pinterest asked us to slow down. Try again in a moment.',
            ...requestId,
          },
        };
      case 'invalid_request':
        return {
          status: 400,
          endSession: false,
          body: { error: 'invalid_request', message: 'Pinterest refused this request.', ...requestId },
        };
      default:
        return {
          status: 502,
          endSession: false,
          body: {
            error: 'upstream_unavailable',
            message: 'Pinterest could not be reached. Try again.',
            ...requestId,
          },
        };
    }
  }
  return {
    status: 500,
    endSession: false,
    body: { error: 'internal', message: 'Something went wrong on our side.' },
  };
}
