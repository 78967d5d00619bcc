/**
 * Typed errors. Every error carries a stable string `code`; messages are written for humans and are not
 * stable. No error ever holds a token, authorization code, state or app secret: not in its message, not in
 * its `cause`, not in `toJSON()`, not in what `util.inspect` prints. Where an identifier helps, a
 * {@link fingerprint} is used instead.
 *
 * @module
 */

/**
 * Every `code` an `@kit/auth-core` error can carry, as documented constants: compare `error.code` with these
 * (`error.code === ERROR_CODES.MISSING_SCOPE`) instead of string literals.
 */
export const ERROR_CODES = Object.freeze({
  /** {@link PinterestConfigError}: the configuration is invalid; `problems` lists what to fix. */
  INVALID_CONFIG: 'INVALID_CONFIG',
  /** A public function got an argument it cannot use; the message names the argument and what it expects. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** An API path that is not a v5 path template, or a path parameter missing or empty. */
  INVALID_PATH: 'INVALID_PATH',
  /** `createAuthorizationURL({ returnTo })` got a path that is not on this site (open-redirect protection). */
  INVALID_RETURN_TO: 'INVALID_RETURN_TO',
  /** {@link CallbackError}: the user (or Pinterest) declined the authorization. */
  ACCESS_DENIED: 'ACCESS_DENIED',
  /** {@link CallbackError}: the callback is malformed (duplicate or missing parameters, wrong path). */
  INVALID_CALLBACK: 'INVALID_CALLBACK',
  /** {@link CallbackError}: the callback's `state` is not this browser's login ([RFC 9700 §4.7](https://www.rfc-editor.org/rfc/rfc9700#section-4.7)). */
  STATE_MISMATCH: 'STATE_MISMATCH',
  /** {@link CallbackError}: no such login in progress (already used, or never started here). */
  UNKNOWN_STATE: 'UNKNOWN_STATE',
  /** {@link CallbackError}: the login took longer than the transaction lifetime. */
  TRANSACTION_EXPIRED: 'TRANSACTION_EXPIRED',
  /** {@link ProtocolError}: Pinterest answered something that is not a valid OAuth or API response. */
  PROTOCOL_ERROR: 'PROTOCOL_ERROR',
  /** {@link TokenRequestError}: the token endpoint refused the request. */
  TOKEN_REQUEST_FAILED: 'TOKEN_REQUEST_FAILED',
  /** {@link TimeoutError}: a token request did not complete in time. */
  TIMEOUT: 'TIMEOUT',
  /** {@link NetworkError}: Pinterest could not be reached. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** {@link ReauthorizationRequiredError}: the account has no usable tokens; send the user through login. */
  REAUTHORIZATION_REQUIRED: 'REAUTHORIZATION_REQUIRED',
  /** {@link LockTimeoutError}: the refresh lock stayed held for longer than `waitMs`. */
  LOCK_TIMEOUT: 'LOCK_TIMEOUT',
  /** The stored record kept changing while tokens were being saved. */
  STORE_CONFLICT: 'STORE_CONFLICT',
  /** {@link TokenPersistError}: refreshed tokens could not be written to the store. */
  TOKEN_PERSIST_FAILED: 'TOKEN_PERSIST_FAILED',
  /** The token file is not what the file store writes. */
  TOKEN_FILE_CORRUPT: 'TOKEN_FILE_CORRUPT',
  /** The token folder can be read by other users and is not the store's to tighten (the message gives the chmod). */
  TOKEN_DIR_NOT_PRIVATE: 'TOKEN_DIR_NOT_PRIVATE',
  /** {@link PinterestApiError}: an API call failed; branch on its `kind`. */
  API_ERROR: 'API_ERROR',
  /** {@link MissingScopeError}: the stored token was not granted a scope the operation needs (no request made). */
  MISSING_SCOPE: 'MISSING_SCOPE',
  /** {@link MediaProcessingError}: Pinterest could not process an uploaded video or image (`status: failed`). */
  MEDIA_FAILED: 'MEDIA_FAILED',
  /** {@link ReportError}: an asynchronous report ended `FAILED`, `CANCELLED`, `EXPIRED` or `DOES_NOT_EXIST`. */
  REPORT_FAILED: 'REPORT_FAILED',
} as const);

/** The union of every {@link ERROR_CODES} value. */
export type PinterestAuthErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** Options shared by every error constructor. */
export interface PinterestAuthErrorOptions {
  /** The underlying error. Must itself be free of secrets (the library only passes sanitized causes). */
  cause?: unknown;
  /** What to do about it, in one or two sentences. */
  hint?: string;
}

/**
 * Base class of every error thrown by `@kit/auth-core`. Branch on {@link PinterestAuthError.code}.
 */
export class PinterestAuthError extends Error {
  /**
   * Stable machine-readable code: one of {@link ERROR_CODES} for this package's errors; packages that extend
   * this class (e.g. `@kit/redis-store`) add their own.
   */
  readonly code: PinterestAuthErrorCode | (string & {});
  /** What to do about it (may be empty). */
  readonly hint: string;

  constructor(
    code: PinterestAuthErrorCode | (string & {}),
    message: string,
    options: PinterestAuthErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint ?? '';
  }

  /** A JSON view safe to log or return from an internal endpoint (no secrets by construction). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    if (this.hint) out.hint = this.hint;
    for (const [k, v] of Object.entries(this)) {
      if (k !== 'code' && k !== 'hint' && v !== undefined) out[k] = v;
    }
    return out;
  }
}

/**
 * The configuration is invalid. {@link PinterestConfigError.problems} lists one line per problem, each naming
 * the setting (environment variable name when the config came from {@link configFromEnv}) and how to fix it.
 */
export class PinterestConfigError extends PinterestAuthError {
  declare readonly code: 'INVALID_CONFIG';
  /** One human-readable line per problem. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      'INVALID_CONFIG',
      `Invalid Pinterest auth configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** Why an OAuth callback was refused (see {@link CallbackError}). */
export type CallbackErrorCode =
  | 'ACCESS_DENIED'
  | 'INVALID_CALLBACK'
  | 'STATE_MISMATCH'
  | 'UNKNOWN_STATE'
  | 'TRANSACTION_EXPIRED';

/**
 * The OAuth callback was refused before any token request was made:
 * - `ACCESS_DENIED`: the user denied consent (`error=` in the callback);
 * - `INVALID_CALLBACK`: duplicate parameters, missing `code` or `state`;
 * - `STATE_MISMATCH`: the callback's `state` is not the one this browser started (CSRF, [RFC 9700 §4.7](https://www.rfc-editor.org/rfc/rfc9700#section-4.7); or an
 *   older tab's login) — nothing was consumed, so the browser's own login in progress can still finish;
 * - `UNKNOWN_STATE`: no such login in progress (already used, or never started here);
 * - `TRANSACTION_EXPIRED`: the login was started more than the transaction lifetime ago.
 */
export class CallbackError extends PinterestAuthError {
  declare readonly code: CallbackErrorCode;
  /** The `error` parameter Pinterest sent, for `ACCESS_DENIED` (a short code, not a secret). */
  readonly oauthError?: string;
  /**
   * `true` when this callback was refused before it touched the browser's login in progress: its `state` was
   * missing, repeated or another one (or the browser had none). That login can still finish, so keep its
   * state cookie. `false` when the callback was this browser's and used the login up (C2): clear the cookie.
   */
  readonly loginKept: boolean;

  constructor(
    code: CallbackErrorCode,
    message: string,
    options: PinterestAuthErrorOptions & { oauthError?: string; loginKept?: boolean } = {},
  ) {
    super(code, message, { hint: options.hint ?? 'Start the login again.', cause: options.cause });
    if (options.oauthError !== undefined) this.oauthError = options.oauthError;
    this.loginKept = options.loginKept ?? false;
  }
}

/**
 * The token endpoint answered something that is not a valid OAuth token response: a redirect (3xx; redirects
 * are never followed), a body that is not JSON, or JSON without `access_token`/`token_type` ([RFC 6749 §5.1](https://www.rfc-editor.org/rfc/rfc6749#section-5.1)).
 * Code `PROTOCOL_ERROR`.
 */
export class ProtocolError extends PinterestAuthError {
  declare readonly code: 'PROTOCOL_ERROR';
  /** HTTP status of the offending response. */
  readonly status?: number;

  constructor(message: string, options: PinterestAuthErrorOptions & { status?: number } = {}) {
    super('PROTOCOL_ERROR', message, options);
    if (options.status !== undefined) this.status = options.status;
  }
}

/**
 * The token endpoint refused the request (`{code, message}` body), e.g. a bad authorization code or bad client
 * credentials. Code `TOKEN_REQUEST_FAILED`. A dead refresh token raises {@link ReauthorizationRequiredError}
 * instead.
 */
export class TokenRequestError extends PinterestAuthError {
  declare readonly code: 'TOKEN_REQUEST_FAILED';
  /** HTTP status. */
  readonly status: number;
  /** Pinterest's numeric `code` from the body, when present. */
  readonly pinterestCode?: number;
  /** `x-pinterest-rid` response header: give it to Pinterest support. */
  readonly requestId?: string;

  constructor(
    message: string,
    fields: { status: number; pinterestCode?: number; requestId?: string },
    options: PinterestAuthErrorOptions = {},
  ) {
    super('TOKEN_REQUEST_FAILED', message, options);
    this.status = fields.status;
    if (fields.pinterestCode !== undefined) this.pinterestCode = fields.pinterestCode;
    if (fields.requestId !== undefined) this.requestId = fields.requestId;
  }
}

/** A request to Pinterest did not complete in time. Code `TIMEOUT`. */
export class TimeoutError extends PinterestAuthError {
  declare readonly code: 'TIMEOUT';
  constructor(message: string, options: PinterestAuthErrorOptions = {}) {
    super('TIMEOUT', message, options);
  }
}

/** Pinterest could not be reached (DNS, connection refused, reset). Code `NETWORK_ERROR`. */
export class NetworkError extends PinterestAuthError {
  declare readonly code: 'NETWORK_ERROR';
  constructor(message: string, options: PinterestAuthErrorOptions = {}) {
    super('NETWORK_ERROR', message, options);
  }
}

/** Why the user has to log in again (see {@link ReauthorizationRequiredError}). */
export type ReauthorizationReason =
  | 'no_tokens'
  | 'refresh_token_rejected'
  | 'refresh_token_expired'
  | 'no_refresh_token'
  | 'access_token_rejected';

/**
 * The account has no usable tokens any more: the user must go through the consent page again. Code
 * `REAUTHORIZATION_REQUIRED`. When the refresh token was rejected the stored record has already been deleted,
 * so retrying will not loop.
 */
export class ReauthorizationRequiredError extends PinterestAuthError {
  declare readonly code: 'REAUTHORIZATION_REQUIRED';
  /** Why. */
  readonly reason: ReauthorizationReason;

  constructor(reason: ReauthorizationReason, message: string, options: PinterestAuthErrorOptions = {}) {
    super('REAUTHORIZATION_REQUIRED', message, {
      hint: options.hint ?? 'Send the user through the Pinterest login (consent page) again.',
      cause: options.cause,
    });
    this.reason = reason;
  }
}

/**
 * A {@link RefreshLock} could not be acquired within `waitMs`. Code `LOCK_TIMEOUT`. Store implementations
 * (e.g. Redis) throw this class so that callers can branch on the code.
 */
export class LockTimeoutError extends PinterestAuthError {
  declare readonly code: 'LOCK_TIMEOUT';
  constructor(message: string, options: PinterestAuthErrorOptions = {}) {
    super('LOCK_TIMEOUT', message, {
      hint: options.hint ?? 'Another process holds the refresh lock for too long; check for a stuck process.',
      cause: options.cause,
    });
  }
}

/**
 * A refresh succeeded at Pinterest, but the new tokens could not be written to the {@link TokenStore}, even
 * after a few short retries of the compare-and-set (the store kept failing). Code `TOKEN_PERSIST_FAILED`.
 *
 * The previous refresh token must be assumed dead (refresh tokens rotate), and the new one is lost with this
 * error, so the account will most likely have to log in again once the store works. Never holds a token: the
 * store's error is kept as `cause` only when it is one of this library's secret-free typed errors (e.g. a
 * `RedisStoreError`); otherwise only its name and code are reported.
 */
export class TokenPersistError extends PinterestAuthError {
  declare readonly code: 'TOKEN_PERSIST_FAILED';
  /** How many times the write was tried. */
  readonly attempts: number;
  /** `code` of the store's last error, when it had a string one (e.g. `'REDIS_UNAVAILABLE'`, `'EACCES'`). */
  readonly storeErrorCode?: string;

  constructor(attempts: number, storeError: unknown) {
    const code = (storeError as { code?: unknown } | null)?.code;
    const storeErrorCode = typeof code === 'string' ? code : undefined;
    const name = storeError instanceof Error ? storeError.name : typeof storeError;
    super(
      'TOKEN_PERSIST_FAILED',
      `Pinterest issued new tokens, but they could not be saved to the token store after ${attempts} attempts (last error: ${name}${storeErrorCode ? ` ${storeErrorCode}` : ''}).`,
      {
        hint: 'Check the token store (connection, disk space, permissions). The previous refresh token was rotated away, so the user will probably have to log in again.',
        cause: storeError instanceof PinterestAuthError ? storeError : undefined,
      },
    );
    this.attempts = attempts;
    if (storeErrorCode !== undefined) this.storeErrorCode = storeErrorCode;
  }
}

/** The category of an API failure; see {@link PinterestApiError}. */
export type PinterestApiErrorKind =
  | 'auth_failed'
  | 'missing_scope'
  | 'not_permitted'
  | 'trial_in_production'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid_request';

/** Fields of a {@link PinterestApiError}. */
export interface PinterestApiErrorFields {
  kind: PinterestApiErrorKind;
  status?: number;
  pinterestCode?: number;
  pinterestMessage?: string;
  requestId?: string;
  method: string;
  path: string;
  missingScopes?: string[];
  hint: string;
}

/**
 * A Pinterest API call failed. Branch on {@link PinterestApiError.kind} (derived from the HTTP status first,
 * Pinterest's `code` second — see FACTS §3); show {@link PinterestApiError.hint} to the developer and log
 * {@link PinterestApiError.requestId} (`x-pinterest-rid`, what Pinterest support asks for). Code `API_ERROR`.
 */
export class PinterestApiError extends PinterestAuthError {
  declare readonly code: 'API_ERROR';
  /** Category of the failure. */
  readonly kind: PinterestApiErrorKind;
  /** HTTP status (absent for network errors and timeouts). */
  readonly status?: number;
  /** Pinterest's numeric `code` from the `{code, message}` body. */
  readonly pinterestCode?: number;
  /** Pinterest's `message` (not stable; do not branch on it). */
  readonly pinterestMessage?: string;
  /** `x-pinterest-rid` response header. */
  readonly requestId?: string;
  /** HTTP method of the failed call. */
  readonly method: string;
  /** Path of the failed call, relative to the v5 base, without the query string. */
  readonly path: string;
  /** For `missing_scope`: the scopes to add to the configuration (the user must then log in again). */
  readonly missingScopes?: string[];

  constructor(message: string, fields: PinterestApiErrorFields, options: { cause?: unknown } = {}) {
    super('API_ERROR', message, { hint: fields.hint, cause: options.cause });
    this.kind = fields.kind;
    this.method = fields.method;
    this.path = fields.path;
    if (fields.status !== undefined) this.status = fields.status;
    if (fields.pinterestCode !== undefined) this.pinterestCode = fields.pinterestCode;
    if (fields.pinterestMessage !== undefined) this.pinterestMessage = fields.pinterestMessage;
    if (fields.requestId !== undefined) this.requestId = fields.requestId;
    if (fields.missingScopes !== undefined) this.missingScopes = fields.missingScopes;
  }
}

/**
 * A call was refused BEFORE any request: the operation needs scopes the stored token was not granted. Code
 * `MISSING_SCOPE`. Tokens never gain scopes: add the scopes to the configuration (`PINTEREST_SCOPES`) and have
 * the user log in again ([RFC 6749 §3.3](https://www.rfc-editor.org/rfc/rfc6749#section-3.3), https://www.rfc-editor.org/rfc/rfc6749#section-3.3).
 */
export class MissingScopeError extends PinterestAuthError {
  declare readonly code: 'MISSING_SCOPE';
  /** The operation, as `METHOD /path/{param}`. */
  readonly operation: string;
  /** The scopes the token lacks. */
  readonly missingScopes: string[];

  constructor(operation: string, missingScopes: string[]) {
    const s = missingScopes.length > 1 ? 's' : '';
    super(
      'MISSING_SCOPE',
      `${operation} needs scope${s} ${missingScopes.join(', ')}, which the token was not granted.`,
      {
        hint: `Add ${missingScopes.join(', ')} to PINTEREST_SCOPES (config.scopes) and have the user log in again: existing tokens never gain scopes.`,
      },
    );
    this.operation = operation;
    this.missingScopes = missingScopes;
  }
}

/**
 * Pinterest could not process uploaded media: `GET /v5/media/{media_id}` answered `status: "failed"`. Code
 * `MEDIA_FAILED`. Check the file against Pinterest's video requirements and upload it again.
 */
export class MediaProcessingError extends PinterestAuthError {
  declare readonly code: 'MEDIA_FAILED';
  /** The media id Pinterest gave at registration. */
  readonly mediaId: string;

  constructor(mediaId: string) {
    super('MEDIA_FAILED', `Pinterest could not process media ${mediaId} (status "failed").`, {
      hint: "Check the file (format, length, size) against Pinterest's media requirements and upload it again.",
    });
    this.mediaId = mediaId;
  }
}

/**
 * An asynchronous report did not finish: its `report_status` became `FAILED`, `CANCELLED`, `EXPIRED` or
 * `DOES_NOT_EXIST`. Code `REPORT_FAILED`.
 */
export class ReportError extends PinterestAuthError {
  declare readonly code: 'REPORT_FAILED';
  /** The last `report_status` Pinterest gave. */
  readonly reportStatus: string;

  constructor(reportStatus: string, message: string) {
    super('REPORT_FAILED', message, {
      hint: 'Create the report again; check its dates, columns and level against the ad account.',
    });
    this.reportStatus = reportStatus;
  }
}
