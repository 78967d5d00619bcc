/**
 * Turns errors into friendly pages, all in one place: what happened, in the user's words, then the one thing to
 * do next. Pinterest's failures arrive as typed errors from `@kit/auth-core`; branch on their `code` and `kind`.
 */
import { ERROR_CODES, SCOPE_DESCRIPTIONS } from '@kit/auth-core';
import type { Problem } from './views/pages.js';

/** Why a login did not complete; the `reason` of `/auth/problem`. */
export type LoginProblem = 'denied' | 'expired' | 'failed';

/** The `reason` for auth-core's `code` of a refused callback (CallbackError and token-request errors). */
export function loginProblemFor(code: string | undefined): LoginProblem {
  switch (code) {
    case ERROR_CODES.ACCESS_DENIED:
      return 'denied';
    case ERROR_CODES.STATE_MISMATCH:
    case ERROR_CODES.UNKNOWN_STATE:
    case ERROR_CODES.TRANSACTION_EXPIRED:
    case ERROR_CODES.INVALID_CALLBACK:
      return 'expired';
    default:
      return 'failed';
  }
}

/** `/auth/login?grant=` named a scope Pinterest does not have. */
export function unknownPermission(scope: string): Problem {
  return {
    status: 400,
    title: 'Unknown permission',
    message: `Pinterest has no permission called "${scope}", so the link that brought you here is wrong. Go back to your profile and use its links.`,
    action: { href: '/profile', label: 'Back to your profile' },
  };
}

/** A problem page plus whether the session must end (its tokens are gone or useless). */
export interface ProblemOutcome {
  problem: Problem;
  endSession: boolean;
}

/** Shape of the errors we branch on (duck-typed, so errors from another copy of auth-core work too). */
interface KnownError {
  code?: string;
  kind?: string;
  statusCode?: number;
  missingScopes?: string[];
  requestId?: string;
}

function loginAgain(returnTo: string, label = 'Log in again'): Problem['action'] {
  return { href: `/auth/login?returnTo=${encodeURIComponent(returnTo)}`, label };
}

// #region grant-link
/** Incremental consent: a new consent asking for `scopes` on top of the login's, back to `returnTo` after. */
function grant(returnTo: string, scopes: string[]): Problem['action'] {
  const query = new URLSearchParams({ returnTo, grant: scopes.join(',') });
  return { href: `/auth/login?${query}`, label: `Grant ${scopes.join(', ')}` };
}
// #endregion

/** Why the app asks for a scope, in the user's words. */
const WHY: Record<string, string> = {
  'pins:write': 'to publish the Pin for you',
  'boards:write': 'to add it to your board',
};

function describeScopes(scopes: string[]): string {
  return scopes
    .map((s) => `${s} (${(SCOPE_DESCRIPTIONS as Record<string, string>)[s] ?? 'see the scope list'})`)
    .join(', ');
}

/**
 * The page for an error thrown while serving `path` (for a form POST: the form's page, and `form` is true).
 */
export function problemForError(error: unknown, path: string, form = false): ProblemOutcome {
  const e = (error ?? {}) as KnownError;
  const detail = e.requestId ? `Pinterest request id: ${e.requestId}` : undefined;
  const withDetail = (p: Problem): Problem => (detail ? { ...p, detail } : p);

  if (e.code === ERROR_CODES.REAUTHORIZATION_REQUIRED) {
    return {
      endSession: true,
      problem: {
        status: 401,
        title: 'Please log in again',
        message: 'Your Pinterest connection has expired or was removed. Log in again to continue.',
        action: loginAgain(path),
      },
    };
  }
  // MISSING_SCOPE: auth-core refused before the request; API_ERROR missing_scope: Pinterest refused.
  const kind = e.code === ERROR_CODES.MISSING_SCOPE ? 'missing_scope' : e.kind;
  if (e.code === ERROR_CODES.API_ERROR || e.code === ERROR_CODES.MISSING_SCOPE) {
    switch (kind) {
      case 'missing_scope': {
        if (!e.missingScopes?.length) {
          return {
            endSession: false,
            problem: withDetail({
              status: 403,
              title: 'One more permission needed',
              message:
                'Pinterest refused: this login lacks a permission this page needs. Log in again to grant it.',
              action: loginAgain(path),
            }),
          };
        }
        const scopes = e.missingScopes;
        const why = scopes.map((s) => WHY[s]).filter(Boolean);
        return {
          endSession: false,
          problem: withDetail({
            status: 403,
            title: 'One more permission needed',
            message: `${why.length ? `The app needs ${scopes.join(' and ')} ${why.join(' and ')}` : `This page needs ${describeScopes(scopes)}`}, which your login did not grant (the app asks only for what it uses, when it first uses it). Pinterest will ask you once, then bring you back here; you stay logged in.`,
            action: grant(path, scopes),
          }),
        };
      }
      case 'auth_failed':
        return {
          endSession: true,
          problem: withDetail({
            status: 401,
            title: 'Please log in again',
            message: 'Pinterest no longer accepts this login (the password or username may have changed).',
            action: loginAgain(path),
          }),
        };
      case 'not_found':
        return {
          endSession: false,
          problem: withDetail({
            status: 404,
            title: 'Not found',
            message: form
              ? 'Pinterest has no such board or section (it may have been deleted, or the section is on another board). Choose the board and section again.'
              : 'Pinterest has no such board or Pin (it may have been deleted or made secret). Go back to your boards.',
            action: form
              ? { href: path, label: 'Back to the form' }
              : { href: '/boards', label: 'Back to your boards' },
          }),
        };
      case 'not_permitted':
      case 'trial_in_production':
        return {
          endSession: false,
          problem: withDetail({
            status: 403,
            title: 'Pinterest did not allow that',
            message:
              e.kind === 'trial_in_production'
                ? 'Apps with Trial access can only write through the sandbox. Set PINTEREST_ENV=sandbox or upgrade the app.'
                : 'Your Pinterest account is not allowed to see or change this. Go back and pick one of your own boards or Pins.',
            action: { href: '/profile', label: 'Back to your profile' },
          }),
        };
      case 'invalid_request':
        if (form) {
          // Pinterest refused what the form sent (an image URL it could not fetch, a section of another board…).
          return {
            endSession: false,
            problem: withDetail({
              status: 400,
              title: 'Pinterest did not accept that',
              message:
                'Pinterest refused the Pin as sent: often an image URL its servers cannot download (it must be public), or a section that is not on the board. Check the form and try again.',
              action: { href: path, label: 'Back to the form' },
            }),
          };
        }
        // Pinterest refused what the URL asked for (a bookmark it never handed out…): the link is wrong.
        return {
          endSession: false,
          problem: withDetail({
            status: 400,
            title: 'That link looks wrong',
            message:
              'Pinterest could not use this page link (it may be old or edited). Start again from the list.',
            action: { href: '/boards', label: 'Back to your boards' },
          }),
        };
      case 'rate_limited':
        return {
          endSession: false,
          problem: withDetail({
            status: 429,
            title: 'Slow down a little',
            message: 'Pinterest asked us to make fewer requests. Wait a minute, then try again.',
            action: { href: path, label: 'Try again' },
          }),
        };
      case 'server':
      case 'network':
      case 'timeout':
        return {
          endSession: false,
          problem: withDetail({
            status: 502,
            title: 'Pinterest is not answering',
            message: 'We could not reach Pinterest just now. Try again in a moment.',
            action: { href: path, label: 'Try again' },
          }),
        };
      default:
        break;
    }
  }
  if (
    e.code === ERROR_CODES.NETWORK_ERROR ||
    e.code === ERROR_CODES.TIMEOUT ||
    e.code === ERROR_CODES.PROTOCOL_ERROR
  ) {
    // A token refresh (not an API call) could not reach Pinterest or got an answer it could not read.
    return {
      endSession: false,
      problem: {
        status: 502,
        title: 'Pinterest is not answering',
        message: 'We could not reach Pinterest just now. Try again in a moment.',
        action: { href: path, label: 'Try again' },
      },
    };
  }
  if (
    e.code === ERROR_CODES.LOCK_TIMEOUT ||
    e.code === ERROR_CODES.STORE_CONFLICT ||
    e.code === ERROR_CODES.TOKEN_PERSIST_FAILED
  ) {
    // The token store was busy or failed while renewing this account's access: nothing is lost, retry.
    return {
      endSession: false,
      problem: {
        status: 503,
        title: 'Busy renewing your Pinterest access',
        message:
          'Your Pinterest access was being renewed and could not be saved in time. Try again in a moment.',
        action: { href: path, label: 'Try again' },
      },
    };
  }
  if (e.code === ERROR_CODES.MEDIA_FAILED) {
    return {
      endSession: false,
      problem: withDetail({
        status: 502,
        title: 'Pinterest could not process the media',
        message:
          'Pinterest accepted the upload but could not process it. Try another file, or the image URL instead.',
        action: { href: path, label: 'Back to the form' },
      }),
    };
  }
  if (e.code === 'FST_CSRF_INVALID_TOKEN' || e.code === 'FST_CSRF_MISSING_SECRET') {
    // @fastify/csrf-protection refused a form: stale (another login since) or posted from another site.
    return {
      endSession: false,
      problem: {
        status: 403,
        title: 'That did not come from this page',
        message:
          'The form was stale or sent from another site, so nothing was done. Reload the page and try again.',
        action: { href: path, label: 'Back to the page' },
      },
    };
  }
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') {
    // @fastify/multipart stopped reading an upload over the limit (MAX_IMAGE_BYTES in src/routes/publish.ts).
    return {
      endSession: false,
      problem: {
        status: 413,
        title: 'That image is too large',
        message:
          'Uploads can be at most 5 MB, so nothing was published. Choose a smaller JPEG or PNG, or give the image URL instead.',
        action: { href: path, label: 'Back to the form' },
      },
    };
  }
  if (e.code === 'REDIS_UNAVAILABLE' || e.code === 'REDIS_TIMEOUT') {
    // With REDIS_URL, sessions and tokens live in Redis: fail fast and say so, never fall back to memory.
    return {
      endSession: false,
      problem: {
        status: 503,
        title: 'Storage is not answering',
        message: 'The app cannot reach its session storage just now. Try again in a moment.',
        action: { href: path, label: 'Try again' },
      },
    };
  }
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own refusals: a bad query (400), a body too large (413) or of a type no route takes (415).
    return {
      endSession: false,
      problem: form
        ? {
            status: e.statusCode,
            title: 'That form could not be read',
            message:
              'What was sent is not what the form sends (too large, or in another format). Reload the form and try again.',
            action: { href: path, label: 'Back to the form' },
          }
        : {
            status: e.statusCode,
            title: 'That link looks wrong',
            message: 'Check the address and try again.',
            action: { href: '/', label: 'Home' },
          },
    };
  }
  return {
    endSession: false,
    problem: withDetail({
      status: 500,
      title: 'Something went wrong',
      message:
        'An unexpected error happened on our side. Try again; if it keeps happening, check the server log.',
      action: { href: '/', label: 'Home' },
    }),
  };
}

/** The page for `/auth/problem?reason=…`, where a login that did not complete lands. */
export function problemForLogin(reason: LoginProblem | undefined): Problem {
  switch (reason) {
    case 'denied':
      return {
        status: 403,
        title: 'You did not connect Pinterest',
        message:
          'You chose not to allow this app on Pinterest, so nothing was shared. You can log in whenever you like.',
        action: { href: '/auth/login', label: 'Log in with Pinterest' },
      };
    case 'expired':
      return {
        status: 400,
        title: 'That login has expired — please try again',
        message:
          'This login link was already used, is too old, or was started in another tab or browser. Start the login again from here.',
        action: { href: '/auth/login', label: 'Try again' },
      };
    case undefined:
      // Reached without a reason: nothing failed upstream, the visitor simply has no login to finish.
      return {
        status: 400,
        title: 'No login to finish here',
        message: 'Start the login from here.',
        action: { href: '/auth/login', label: 'Log in with Pinterest' },
      };
    default:
      return {
        status: 502,
        title: 'Login did not work',
        message:
          'Pinterest did not complete the login. Try again; if it keeps failing, check the server log.',
        action: { href: '/auth/login', label: 'Try again' },
      };
  }
}
