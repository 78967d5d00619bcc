/**
 * Typed errors. Every error carries a stable string `code`; messages are written for humans and are not
 * stable. No error ever holds a token, authorization code, state or app secret: not in its message, not in
 * its `cause`, not in `toJSON()`, not in what `util.inspect` prints. Where an identifier helps, a
 * {@link fingerprint} is used instead.
 *
 * @module
 */

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
  /** Stable machine-readable code, e.g. `'STATE_MISMATCH'`, `'REAUTHORIZATION_REQUIRED'`. */
  readonly code: string;
  /** What to do about it (may be empty). */
  readonly hint: string;

  constructor(code: string, message: string, options: PinterestAuthErrorOptions = {}) {
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
 * - `STATE_MISMATCH`: the callback's `state` is not the one this browser started (CSRF, RFC 9700 §4.7; or an
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
 * are never followed), a body that is not JSON, or JSON without `access_token`/`token_type` (RFC 6749 §5.1).
 * Code `PROTOCOL_ERROR`.
 */
export class ProtocolError extends PinterestAuthError {
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
  constructor(message: string, options: PinterestAuthErrorOptions = {}) {
    super('TIMEOUT', message, options);
  }
}

/** Pinterest could not be reached (DNS, connection refused, reset). Code `NETWORK_ERROR`. */
export class NetworkError extends PinterestAuthError {
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
