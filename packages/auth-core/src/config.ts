import { PinterestConfigError } from './errors.js';
import { closestScope, isPinterestScope, type PinterestScope, parseScopeList } from './scopes.js';
import type { PinterestEnvironment, RefreshLock, TokenStore, TransactionStore } from './stores/types.js';

/** Default consent host (`${oauthUrl}/oauth/` is the consent page). */
export const DEFAULT_OAUTH_URL = 'https://www.pinterest.com';
/** Default API host per environment (`${apiUrl}/v5` is the API base). */
export const DEFAULT_API_URLS: Readonly<Record<PinterestEnvironment, string>> = Object.freeze({
  production: 'https://api.pinterest.com',
  sandbox: 'https://api-sandbox.pinterest.com',
});

/** Retry policy of the API client (see README "Retries"). */
export interface RetryOptions {
  /** Retries after the first attempt, for 429 and (idempotent requests only) 5xx/network/timeout. Default 3. */
  maxRetries?: number;
  /** First back-off delay; doubles each retry, with full jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of one back-off delay. Default 8,000 ms. */
  maxDelayMs?: number;
  /** Longest `X-RateLimit-Reset` wait accepted before giving up with a `rate_limited` error. Default 60,000 ms. */
  maxRateLimitWaitMs?: number;
}

/**
 * Configuration of {@link createPinterestAuth}. Build it by hand or with {@link configFromEnv}.
 * Objects returned by `configFromEnv` hide `appSecret` and `accessToken` from `console.log`, `util.inspect` and
 * `JSON.stringify`.
 */
export interface PinterestAuthConfig {
  /** The numeric App ID (`client_id`), from developers.pinterest.com → My apps → Manage. */
  appId: string;
  /** The app secret key. Only ever sent in the `Authorization: Basic` header of token requests. */
  appSecret: string;
  /**
   * The one redirect URI of this app, registered EXACTLY (scheme, host, port, path, trailing slash) under My apps
   * → Configure. Absolute; no fragment; `https` except for loopback hosts ([RFC 8252 §7.3](https://www.rfc-editor.org/rfc/rfc8252#section-7.3)). Never derived from
   * request headers ([RFC 9700 §4.1](https://www.rfc-editor.org/rfc/rfc9700#section-4.1)).
   */
  redirectUri: string;
  /** Scopes to ask for (see {@link PINTEREST_SCOPES}). */
  scopes: PinterestScope[];
  /** API environment (default `'production'`). Trial apps write through `'sandbox'`. */
  environment?: PinterestEnvironment;
  /** Consent host (default `https://www.pinterest.com`). */
  oauthUrl?: string;
  /** API host without `/v5` (default per environment, see {@link DEFAULT_API_URLS}). */
  apiUrl?: string;
  /** Where tokens live (default: a new `MemoryTokenStore`). */
  store?: TokenStore;
  /** Where logins in progress live (default: a new `MemoryTransactionStore`). */
  transactionStore?: TransactionStore;
  /**
   * Lock serialising refreshes of one account (default: the store's own `lock` when it has one — e.g.
   * `FileTokenStore` — else an in-process lock).
   */
  lock?: RefreshLock;
  /** `fetch` implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Timeout of every HTTP request to Pinterest (default 10,000 ms). */
  timeoutMs?: number;
  /**
   * How long a refresh may hold the account's {@link RefreshLock} before others may take it over, e.g. after
   * the holder crashed (default `2 × timeoutMs + 10,000` ms = 30 s). A waiter gives up after `lockTtlMs + 5 s`.
   *
   * Must be more than `timeoutMs + 2,000` ms ({@link LOCK_WRITE_MARGIN_MS}), at most 86,400,000 ms (one day).
   * Why: under the lock a refresh re-reads the store, sends the token request (up to `timeoutMs`) and then
   * saves the rotated refresh token (with a few short retries). Refresh tokens rotate and the old one must be
   * assumed dead once a new one is issued; if the lock expired while a live holder was still in that window,
   * another process could refresh with the old token, be refused and delete the record — a logout. Lower it
   * (together with `timeoutMs`) for a faster take-over after a crash.
   */
  lockTtlMs?: number;
  /** Refresh this long before the access token expires (default 300,000 ms = 5 minutes). */
  refreshSkewMs?: number;
  /** A ready access token (`PINTEREST_ACCESS_TOKEN`): used as-is by `auth.client()`, never refreshed. */
  accessToken?: string;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
  /** Lifetime of a login in progress (default 600,000 ms = 10 minutes). */
  transactionTtlMs?: number;
  /** API client retry policy. */
  retry?: RetryOptions;
  /** How the API client waits between retries (default `setTimeout`); inject to observe or speed up waits. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Time reserved inside the refresh lock's TTL for the store work around the token request (the re-read before
 * it, saving the rotated tokens after it): `lockTtlMs` must exceed `timeoutMs` by more than this.
 */
export const LOCK_WRITE_MARGIN_MS = 2_000;

/** Longest accepted `lockTtlMs` (one day); also keeps lock timers far below `setTimeout`'s 2^31-1 ms limit. */
const MAX_LOCK_TTL_MS = 86_400_000;

/** The default `lockTtlMs` for a given `timeoutMs`: twice the request timeout plus 10 s. */
export function defaultLockTtlMs(timeoutMs: number): number {
  return timeoutMs * 2 + 10_000;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `hostname` (as `URL.hostname` gives it) is a loopback host. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

type Names = Record<
  'appId' | 'appSecret' | 'redirectUri' | 'scopes' | 'environment' | 'oauthUrl' | 'apiUrl' | 'accessToken',
  string
>;

const FIELD_NAMES: Names = {
  appId: 'appId',
  appSecret: 'appSecret',
  redirectUri: 'redirectUri',
  scopes: 'scopes',
  environment: 'environment',
  oauthUrl: 'oauthUrl',
  apiUrl: 'apiUrl',
  accessToken: 'accessToken',
};

const ENV_NAMES: Names = {
  appId: 'PINTEREST_APP_ID',
  appSecret: 'PINTEREST_APP_SECRET',
  redirectUri: 'PINTEREST_REDIRECT_URI',
  scopes: 'PINTEREST_SCOPES',
  environment: 'PINTEREST_ENV',
  oauthUrl: 'PINTEREST_OAUTH_URI',
  apiUrl: 'PINTEREST_API_URI',
  accessToken: 'PINTEREST_ACCESS_TOKEN',
};

function checkBaseUrl(value: string | undefined, name: string, problems: string[]): void {
  if (value === undefined) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} must be an absolute URL such as https://api.pinterest.com (got "${value}").`);
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    problems.push(
      `${name} must use https:// (http:// is only allowed for 127.0.0.1/localhost), got "${value}".`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    problems.push(
      `${name} must not contain a query, fragment or credentials (got "${url.origin}${url.pathname}…").`,
    );
  }
}

/**
 * Validate a config; returns one human-readable line per problem (empty when valid).
 * @param names - How to call each setting in messages (field names, or env var names for `configFromEnv`).
 */
export function configProblems(config: Partial<PinterestAuthConfig>, names: Names = FIELD_NAMES): string[] {
  const problems: string[] = [];
  const tokenOnly = Boolean(config.accessToken);
  if (!config.appId) {
    if (!tokenOnly) {
      problems.push(
        `${names.appId} is missing: copy the App ID from developers.pinterest.com → My apps → Manage.`,
      );
    }
  } else if (!/^\d+$/.test(config.appId)) {
    problems.push(`${names.appId} must be the numeric App ID from My apps → Manage (got "${config.appId}").`);
  }
  if (!config.appSecret && !tokenOnly) {
    problems.push(
      `${names.appSecret} is missing: copy the App secret key from developers.pinterest.com → My apps → Manage.`,
    );
  }
  if (!config.redirectUri) {
    if (!tokenOnly) {
      problems.push(
        `${names.redirectUri} is missing: set it to the redirect URI registered under My apps → Configure, e.g. http://localhost:8085/.`,
      );
    }
  } else {
    let url: URL | undefined;
    try {
      url = new URL(config.redirectUri);
    } catch {
      problems.push(
        `${names.redirectUri} must be an absolute URL such as https://example.com/auth/callback (got "${config.redirectUri}").`,
      );
    }
    if (url) {
      if (config.redirectUri.includes('#')) {
        problems.push(
          `${names.redirectUri} must not contain a fragment ("#…"): remove it (RFC 6749 §3.1.2).`,
        );
      }
      if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
        problems.push(
          `${names.redirectUri} uses http:// on "${url.hostname}": use https://, or http://localhost / 127.0.0.1 for development.`,
        );
      } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        problems.push(`${names.redirectUri} must be an http(s) URL (got "${url.protocol}").`);
      }
      if (url.username || url.password) {
        problems.push(`${names.redirectUri} must not contain credentials.`);
      }
    }
  }
  if (!Array.isArray(config.scopes) || config.scopes.length === 0) {
    if (!tokenOnly) problems.push(`${names.scopes} is empty: ask for at least user_accounts:read.`);
  } else {
    for (const scope of config.scopes) {
      if (!isPinterestScope(scope)) {
        problems.push(`${names.scopes}: unknown scope "${scope}" — did you mean "${closestScope(scope)}"?`);
      }
    }
  }
  if (
    config.environment !== undefined &&
    config.environment !== 'production' &&
    config.environment !== 'sandbox'
  ) {
    problems.push(
      `${names.environment} must be "production" or "sandbox" (got "${String(config.environment)}").`,
    );
  }
  checkBaseUrl(config.oauthUrl, names.oauthUrl, problems);
  checkBaseUrl(config.apiUrl, names.apiUrl, problems);
  for (const [field, min] of [
    ['timeoutMs', 1],
    ['refreshSkewMs', 0],
    ['transactionTtlMs', 1],
  ] as const) {
    const value = config[field];
    if (value !== undefined && (!Number.isFinite(value) || value < min)) {
      problems.push(`${field} must be a number ≥ ${min} (got ${String(value)}).`);
    }
  }
  if (config.lockTtlMs !== undefined) {
    const timeoutMs =
      Number.isFinite(config.timeoutMs) && (config.timeoutMs as number) >= 1
        ? (config.timeoutMs as number)
        : 10_000;
    const min = timeoutMs + LOCK_WRITE_MARGIN_MS;
    if (!Number.isFinite(config.lockTtlMs) || config.lockTtlMs <= min) {
      problems.push(
        `lockTtlMs must be more than timeoutMs + ${LOCK_WRITE_MARGIN_MS} ms = ${min} ms (got ${String(config.lockTtlMs)}): the refresh lock must outlive the token request and the save of the rotated tokens. Raise lockTtlMs or lower timeoutMs.`,
      );
    } else if (config.lockTtlMs > MAX_LOCK_TTL_MS) {
      problems.push(
        `lockTtlMs must be at most ${MAX_LOCK_TTL_MS} ms (one day), got ${config.lockTtlMs}: a crashed refresh would block the account that long.`,
      );
    }
  }
  return problems;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Give a config object `toJSON` and `util.inspect` views that show `appSecret`/`accessToken` as
 * `[hidden]`. The properties stay readable by code; the hooks are non-enumerable, so spreading the object copies
 * the values but not the hooks.
 */
export function hideSecrets<T extends object>(config: T): T {
  const view = () => {
    const copy = { ...config } as Record<string, unknown>;
    for (const key of ['appSecret', 'accessToken', 'secret']) if (copy[key]) copy[key] = '[hidden]';
    return copy;
  };
  Object.defineProperty(config, 'toJSON', { value: view, enumerable: false });
  Object.defineProperty(config, INSPECT, {
    value: (_depth: number, options: unknown, inspect: (value: unknown, options: unknown) => string) =>
      inspect(view(), options),
    enumerable: false,
  });
  return config;
}

/**
 * Read the configuration from environment variables (the official quickstart's names):
 * `PINTEREST_APP_ID`, `PINTEREST_APP_SECRET`, `PINTEREST_REDIRECT_URI`, `PINTEREST_SCOPES` (comma- or
 * space-separated; default `user_accounts:read`), `PINTEREST_ENV` (`production` | `sandbox`), `PINTEREST_OAUTH_URI`,
 * `PINTEREST_API_URI`, `PINTEREST_ACCESS_TOKEN` (when set, app id/secret/redirect URI become optional).
 *
 * @throws PinterestConfigError with `.problems`, one line per problem, naming the variable and the fix.
 * @example
 * ```ts
 * const auth = createPinterestAuth({ ...configFromEnv(), store: new FileTokenStore() });
 * ```
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): PinterestAuthConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const envName = read('PINTEREST_ENV');
  const config: PinterestAuthConfig = {
    appId: read('PINTEREST_APP_ID') ?? '',
    appSecret: read('PINTEREST_APP_SECRET') ?? '',
    redirectUri: read('PINTEREST_REDIRECT_URI') ?? '',
    scopes: parseScopeList(read('PINTEREST_SCOPES') ?? 'user_accounts:read') as PinterestScope[],
  };
  if (envName !== undefined) config.environment = envName.toLowerCase() as PinterestEnvironment;
  const oauthUrl = read('PINTEREST_OAUTH_URI');
  if (oauthUrl) config.oauthUrl = oauthUrl;
  const apiUrl = read('PINTEREST_API_URI');
  if (apiUrl) config.apiUrl = apiUrl;
  const accessToken = read('PINTEREST_ACCESS_TOKEN');
  if (accessToken) config.accessToken = accessToken;
  const problems = configProblems(config, ENV_NAMES);
  if (problems.length > 0) throw new PinterestConfigError(problems);
  return hideSecrets(config);
}

/** A validated config with every default filled in (internal). */
export interface ResolvedConfig {
  appId: string;
  appSecret: string;
  redirectUri: string;
  scopes: PinterestScope[];
  environment: PinterestEnvironment;
  oauthUrl: string;
  apiUrl: string;
  apiBase: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  authorizationEndpoint: string;
  fetch: typeof fetch;
  timeoutMs: number;
  lockTtlMs: number;
  refreshSkewMs: number;
  accessToken?: string;
  now: () => number;
  transactionTtlMs: number;
  retry: Required<RetryOptions>;
  sleep: (ms: number) => Promise<void>;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Validate and fill defaults; throws {@link PinterestConfigError}. */
export function resolveConfig(config: PinterestAuthConfig): ResolvedConfig {
  const problems = configProblems(config);
  if (problems.length > 0) throw new PinterestConfigError(problems);
  const environment = config.environment ?? 'production';
  const oauthUrl = trimSlash(config.oauthUrl ?? DEFAULT_OAUTH_URL);
  const apiUrl = trimSlash(config.apiUrl ?? DEFAULT_API_URLS[environment]);
  const resolved: ResolvedConfig = {
    appId: config.appId,
    appSecret: config.appSecret,
    redirectUri: config.redirectUri,
    scopes: [...config.scopes],
    environment,
    oauthUrl,
    apiUrl,
    apiBase: `${apiUrl}/v5`,
    tokenEndpoint: `${apiUrl}/v5/oauth/token`,
    revocationEndpoint: `${apiUrl}/v5/oauth/token/revoke`,
    authorizationEndpoint: `${oauthUrl}/oauth/`,
    fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: config.timeoutMs ?? 10_000,
    lockTtlMs: config.lockTtlMs ?? defaultLockTtlMs(config.timeoutMs ?? 10_000),
    refreshSkewMs: config.refreshSkewMs ?? 300_000,
    now: config.now ?? Date.now,
    transactionTtlMs: config.transactionTtlMs ?? 600_000,
    retry: {
      maxRetries: config.retry?.maxRetries ?? 3,
      baseDelayMs: config.retry?.baseDelayMs ?? 500,
      maxDelayMs: config.retry?.maxDelayMs ?? 8_000,
      maxRateLimitWaitMs: config.retry?.maxRateLimitWaitMs ?? 60_000,
    },
    sleep: config.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  if (config.accessToken) resolved.accessToken = config.accessToken;
  return hideSecrets(resolved);
}

/** Throws a {@link PinterestConfigError} naming what `what` needs when app id, secret or redirect URI is missing. */
export function requireOAuthConfig(config: ResolvedConfig, what: string): void {
  const names = {
    appId: 'PINTEREST_APP_ID',
    appSecret: 'PINTEREST_APP_SECRET',
    redirectUri: 'PINTEREST_REDIRECT_URI',
  };
  const missing = (['appId', 'appSecret', 'redirectUri'] as const).filter((k) => !config[k]);
  if (missing.length > 0)
    throw new PinterestConfigError(missing.map((k) => `${what} needs ${k} (${names[k]}).`));
}
