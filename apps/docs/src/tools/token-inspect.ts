/**
 * Token response inspector logic: reads a response of `POST /v5/oauth/token` (or one of Pinterest's
 * `{code, message}` error bodies) and says when each token expires, what to store and what to do next.
 * Pure and local: the tokens are never sent anywhere, and only their kinds and fingerprints are shown.
 */

const DAY = 86_400;
/** Pinterest's documented lifetimes (FACTS §2). */
export const ACCESS_TOKEN_SECONDS = 30 * DAY;
export const REFRESH_TOKEN_SECONDS = 60 * DAY;

export interface TokenFacts {
  kind: 'tokens';
  /** `authorization_code`, `refresh_token`, `client_credentials`, or `unknown` when the response does not say. */
  grant: 'authorization_code' | 'refresh_token' | 'client_credentials' | 'unknown';
  accessToken: { prefix: string; expiresAt: Date | undefined; expiresIn: number | undefined };
  refreshToken: { prefix: string; expiresAt: Date | undefined } | undefined;
  /** Granted scopes (space-separated in the response; may be a superset of what was asked). */
  scopes: string[];
  /** Asked for but not granted (only when the asked scopes are given). */
  missingScopes: string[];
  /** Granted but not asked for: normal, Pinterest returns everything the user ever granted. */
  extraScopes: string[];
  store: string[];
  nextSteps: string[];
  problems: string[];
}

export interface ErrorFacts {
  kind: 'error';
  status: string;
  code: number | undefined;
  message: string;
  meaning: string;
  fix: string;
}

export interface InvalidInput {
  kind: 'invalid';
  problems: string[];
}

/** What a token's prefix says about it (Pinterest's tokens start with `pina`, `pinr` or `pinc`). */
export type TokenKind = 'access' | 'refresh' | 'client_credentials';

/** A bare token pasted on its own, not a JSON response. */
export interface BareToken {
  kind: 'bare';
  prefix: string;
  /** `undefined` when the prefix is not one of Pinterest's. */
  tokenKind: TokenKind | undefined;
  /** What the prefix tells. */
  known: string[];
  /** What no one can tell from the token itself, and how to find out. */
  unknown: string[];
}

export type Inspection = TokenFacts | ErrorFacts | InvalidInput | BareToken;

/** Pinterest's token prefixes (FACTS §2): user access token, refresh token, client-credentials token. */
export const TOKEN_PREFIXES: Record<string, TokenKind> = {
  pina: 'access',
  pinr: 'refresh',
  pinc: 'client_credentials',
};

/** Relative time in words: "in 1 day", "in 3 days", "in 5 hours", "2 days ago", "in less than an hour". */
export function relativeTime(date: Date, now: Date): string {
  const hours = (date.getTime() - now.getTime()) / 3_600_000;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const ahead = hours >= 0;
  const abs = Math.abs(hours);
  let amount: string;
  if (abs < 1) return ahead ? 'in less than an hour' : 'less than an hour ago';
  if (abs < 24) amount = unit(Math.round(abs), 'hour');
  else amount = unit(Math.round(abs / 24), 'day');
  return ahead ? `in ${amount}` : `${amount} ago`;
}

/**
 * Reads a bare token (no JSON around it). A token is opaque: its prefix tells its kind, nothing else.
 * @param token - the pasted text, already trimmed
 */
export function inspectBareToken(token: string): BareToken {
  const prefix = token.slice(0, 4);
  const tokenKind = TOKEN_PREFIXES[prefix];
  const unknown = [
    'When it expires: the token carries no date. Its lifetime came with it in the token response (expires_in), or from where you generated it (a test token from My apps lasts 24 hours, a sandbox token 30 days).',
    'Whose account it belongs to and which scopes it has: call GET /v5/user_account with it; a 401 code 3 on another call names a missing scope.',
    'Whether it still works: it may have been revoked early (a password change, a leak). A call answering 401 code 2 says it is dead.',
    'Production or sandbox: a token works only on the host that issued it; try it on api.pinterest.com or api-sandbox.pinterest.com.',
  ];
  const known: string[] = [];
  if (tokenKind === 'access') {
    known.push(
      'pina: a user access token (from a code exchange, a refresh, or a test token from My apps). Send it as Authorization: Bearer.',
    );
  } else if (tokenKind === 'refresh') {
    known.push(
      'pinr: a refresh token. It is not sent to the API: only to POST /v5/oauth/token with grant_type=refresh_token, and each use returns a new one that replaces it.',
    );
    unknown[1] =
      'Which account and scopes it is for: refresh it, then call GET /v5/user_account with the new access token.';
  } else if (tokenKind === 'client_credentials') {
    known.push(
      'pinc: a client-credentials token. It acts as the app owner’s own account and cannot be refreshed: request a new one when it expires.',
    );
  } else {
    known.push(
      `“${prefix}” is not one of Pinterest’s token prefixes (pina access, pinr refresh, pinc client credentials). Is this a Pinterest token, or part of one?`,
    );
  }
  return { kind: 'bare', prefix, tokenKind, known, unknown };
}

const KNOWN_ERRORS: Record<number, { status: string; meaning: string; fix: string }> = {
  1: {
    status: '400',
    meaning: 'Invalid parameters.',
    fix: 'Check the form body: grant_type, code or refresh_token, and a redirect_uri identical to the one sent to the consent page. The body must be application/x-www-form-urlencoded, not query parameters.',
  },
  2: {
    status: '401',
    meaning:
      'Authentication failed: wrong App ID/secret in the Basic header, an expired or already used authorization code, or a dead refresh token.',
    fix: 'Exchange a code once and at once (within minutes). Send Authorization: Basic base64(app_id:app_secret). If a refresh token was refused, delete the stored tokens and ask the user to log in again.',
  },
  3: {
    status: '401',
    meaning: 'The token lacks a scope the operation needs.',
    fix: 'Add the scope to PINTEREST_SCOPES and have the user log in again; a refresh cannot add scopes.',
  },
  7: {
    status: '401',
    meaning: 'Not authorized to access this board or Pin.',
    fix: 'The user cannot see this object (a secret board needs boards:read_secret, or it belongs to someone else).',
  },
  8: {
    status: '429',
    meaning: 'Rate limited.',
    fix: 'Wait X-RateLimit-Reset seconds (it is a duration, not a timestamp), else back off exponentially with jitter.',
  },
  29: {
    status: '403',
    meaning: 'Not permitted. Trial apps get this when writing to production.',
    fix: 'Create boards and Pins through the sandbox (https://api-sandbox.pinterest.com/v5) until the app has Standard access.',
  },
};

/**
 * Inspects pasted JSON.
 * @param text - the response body as pasted
 * @param receivedAt - when the response arrived (expiry is counted from the request time; now is close enough)
 * @param requestedScopes - the scopes the app asked for, to report any that were not granted
 */
export function inspectTokenResponse(
  text: string,
  receivedAt: Date,
  requestedScopes: readonly string[] = [],
): Inspection {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'invalid', problems: ['Paste a token response (JSON) or a token.'] };
  // A bare token: one word, not JSON (an object, array, string or number).
  if (/^[^\s{["\d-][^\s]*$/.test(trimmed) && !/^(true|false|null)$/.test(trimmed)) {
    return inspectBareToken(trimmed);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: 'invalid',
      problems: [`This is not valid JSON (${reason}). Paste the whole response body.`],
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { kind: 'invalid', problems: ['Expected a JSON object such as {"access_token": "pina…", …}.'] };
  }
  const record = body as Record<string, unknown>;
  if (!('access_token' in record)) {
    if (typeof record.code === 'number' && typeof record.message === 'string') {
      const known = KNOWN_ERRORS[record.code];
      return {
        kind: 'error',
        status: known?.status ?? 'unknown',
        code: record.code,
        message: record.message,
        meaning: known?.meaning ?? 'An error Pinterest does not document for the token endpoint.',
        fix:
          known?.fix ??
          'Branch on the HTTP status first; log the x-pinterest-rid header for Pinterest support.',
      };
    }
    if (typeof record.error === 'string') {
      return {
        kind: 'invalid',
        problems: [
          `This is an RFC 6749 error ({"error": "${record.error}"}), which Pinterest does not send: its errors are {"code": <int>, "message": "…"}. Is this response from Pinterest (or @kit/pinterest-mock)?`,
        ],
      };
    }
    return { kind: 'invalid', problems: ['There is no access_token in this object.'] };
  }
  return inspectTokens(record, receivedAt, requestedScopes);
}

function prefixOf(token: unknown): string {
  return typeof token === 'string' ? token.slice(0, 4) : '';
}

function secondsField(record: Record<string, unknown>, name: string, problems: string[]): number | undefined {
  const value = record[name];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  problems.push(`${name} should be a number of seconds; it is ${JSON.stringify(value)}.`);
  return undefined;
}

function inspectTokens(
  record: Record<string, unknown>,
  receivedAt: Date,
  requestedScopes: readonly string[],
): TokenFacts {
  const problems: string[] = [];
  const accessPrefix = prefixOf(record.access_token);
  if (typeof record.access_token !== 'string' || record.access_token === '') {
    problems.push('access_token should be a non-empty string.');
  }
  const responseType = typeof record.response_type === 'string' ? record.response_type : '';
  let grant: TokenFacts['grant'] =
    responseType === 'authorization_code' ||
    responseType === 'refresh_token' ||
    responseType === 'client_credentials'
      ? responseType
      : 'unknown';
  if (grant === 'unknown' && accessPrefix === 'pinc') grant = 'client_credentials';
  if (accessPrefix && accessPrefix !== 'pina' && accessPrefix !== 'pinc') {
    problems.push(
      `Pinterest access tokens start with pina (user) or pinc (client credentials); this one starts with "${accessPrefix}".`,
    );
  }
  if (typeof record.token_type === 'string' && record.token_type.toLowerCase() !== 'bearer') {
    problems.push(`token_type is "${record.token_type}"; Pinterest issues bearer tokens.`);
  }

  const expiresIn = secondsField(record, 'expires_in', problems);
  if (expiresIn === undefined)
    problems.push('expires_in is missing: assume 30 days (2592000 s) from the request.');
  const accessExpiresAt = new Date(receivedAt.getTime() + (expiresIn ?? ACCESS_TOKEN_SECONDS) * 1000);

  let refreshToken: TokenFacts['refreshToken'];
  if (typeof record.refresh_token === 'string' && record.refresh_token !== '') {
    const refreshPrefix = prefixOf(record.refresh_token);
    if (refreshPrefix !== 'pinr')
      problems.push(`Refresh tokens start with pinr; this one starts with "${refreshPrefix}".`);
    const refreshIn = secondsField(record, 'refresh_token_expires_in', problems);
    const refreshAt = secondsField(record, 'refresh_token_expires_at', problems);
    const expiresAt =
      refreshAt !== undefined
        ? new Date(refreshAt * 1000)
        : new Date(receivedAt.getTime() + (refreshIn ?? REFRESH_TOKEN_SECONDS) * 1000);
    if (refreshIn !== undefined && refreshIn > REFRESH_TOKEN_SECONDS) {
      problems.push(
        `refresh_token_expires_in is ${refreshIn} s (${Math.round(refreshIn / DAY)} days): that is the legacy refresh token, which Pinterest no longer supports. Send continuous_refresh=true with the code exchange to get 60-day rotating refresh tokens.`,
      );
    }
    refreshToken = { prefix: refreshPrefix, expiresAt };
  } else if (grant === 'authorization_code' || grant === 'refresh_token') {
    problems.push(
      grant === 'refresh_token'
        ? 'No refresh_token in a refresh response: keep the one you already have (that is what @kit/auth-core does).'
        : 'No refresh_token in a code exchange: send continuous_refresh=true (required for apps created before 2025-09-25).',
    );
  }

  let scopes: string[] = [];
  if (typeof record.scope === 'string') {
    if (record.scope.includes(','))
      problems.push('scope is usually space-separated in responses; this one has commas.');
    scopes = record.scope.split(/[\s,]+/).filter(Boolean);
  } else {
    problems.push('scope is missing: call an endpoint and watch for 401 code 3 to learn what is missing.');
  }
  const missingScopes = requestedScopes.filter((s) => !scopes.includes(s));
  const extraScopes = requestedScopes.length > 0 ? scopes.filter((s) => !requestedScopes.includes(s)) : [];

  const store = [
    'access_token, encrypted at rest or in a file only your user can read (0600), never in the browser',
    `its expiry as an absolute time: ${accessExpiresAt.toISOString()} (received time + expires_in, measured from when the request was sent)`,
  ];
  if (refreshToken) {
    store.push(
      'refresh_token, replacing the previous one: every refresh returns a new one and the old one must be assumed dead',
    );
    store.push(`the refresh token's expiry: ${refreshToken.expiresAt?.toISOString()}`);
  }
  store.push('the granted scopes (from scope), to detect missing ones before calling an endpoint');
  store.push(
    'the environment the token belongs to (production or sandbox): tokens do not work on the other host',
  );

  const nextSteps: string[] = [];
  if (grant === 'client_credentials') {
    nextSteps.push(
      'This token acts as the app owner’s own account and cannot be refreshed: request a new one when it expires.',
    );
  } else {
    nextSteps.push(
      'Call GET /v5/user_account with the token to learn whose account it is, and key the record by its id.',
    );
    if (refreshToken) {
      nextSteps.push(
        `Refresh a little before ${accessExpiresAt.toISOString()} (@kit/auth-core refreshes 5 minutes ahead) with grant_type=refresh_token, and store the new refresh token before using the new access token.`,
      );
      if (refreshToken.expiresAt) {
        nextSteps.push(
          `If the app is not used before ${refreshToken.expiresAt.toISOString()} the refresh token expires and the user must log in again.`,
        );
      }
    } else {
      // No refresh token: a test token from My apps, or a response missing one. Refreshing is impossible.
      nextSteps.push(
        `There is no refresh token, so this access token cannot be refreshed. Use it until ${accessExpiresAt.toISOString()}; then generate a new test token in My apps → Configure, or log the user in again with OAuth.`,
      );
    }
  }
  if (missingScopes.length > 0) {
    nextSteps.push(
      `Not granted: ${missingScopes.join(', ')}. Calls that need them will fail with 401 code 3; ask the user to log in again.`,
    );
  }
  return {
    kind: 'tokens',
    grant,
    accessToken: { prefix: accessPrefix, expiresAt: accessExpiresAt, expiresIn },
    refreshToken,
    scopes,
    missingScopes,
    extraScopes,
    store,
    nextSteps,
    problems,
  };
}

/** First 8 hex characters of SHA-256: enough to tell two tokens apart without showing either. */
export async function fingerprint(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest).slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
