/**
 * Settings of the backend-for-frontend, read from the environment (and `.env`). Pinterest's own settings are
 * parsed by `@kit/auth-core`'s `configFromEnv`; this module adds the template's defaults and its own knobs.
 */
import { configFromEnv, type PinterestAuthConfig, PinterestConfigError } from '@kit/auth-core';

/** `development` = Vite dev server in front (port 5173), `production` = the BFF serves dist/ itself. */
export type RunMode = 'development' | 'production';

/** What the banner calls the Pinterest side. */
export type AppEnvironment = 'mock' | 'sandbox' | 'production';

/** Everything the entry points need to start the BFF. */
export interface AppSettings {
  mode: RunMode;
  environment: AppEnvironment;
  /** Interface the BFF listens on. */
  host: string;
  /** Port the BFF listens on (3001 by default). */
  port: number;
  /** Port of the Vite dev server (development only). */
  devPort: number;
  /** The exact redirect URI registered with Pinterest and sent in every OAuth request. */
  redirectUri: string;
  /** The origin the browser uses (origin of the redirect URI): the only origin allowed to call the BFF. */
  publicOrigin: string;
  /** Secure cookies (every host but localhost, which is served over plain http in development). */
  secureCookies: boolean;
  /** Upper bound of a login session; also capped by the refresh token's lifetime at login. */
  sessionTtlMs: number;
  /** Optional Redis connection for tokens and login transactions shared across instances. */
  redisUrl?: string;
  /** Configuration for `createPinterestAuth` (without stores: see server/stores.ts). */
  auth: PinterestAuthConfig;
}

/** A setting is missing or malformed; each entry of `problems` is one line saying what to fix. */
export class SettingsError extends Error {
  readonly code = 'INVALID_SETTINGS';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** Scopes the template needs: the profile, the boards and their Pins. */
export const DEFAULT_SCOPES = 'user_accounts:read,boards:read,pins:read';
const DAY_MS = 24 * 60 * 60 * 1000;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The redirect URI the template uses when `PINTEREST_REDIRECT_URI` is not set. */
export function defaultRedirectUri(mode: RunMode, ports: { port: number; devPort: number }): string {
  const port = mode === 'development' ? ports.devPort : ports.port;
  return `http://localhost:${port}/auth/callback`;
}

/** The port of a plain-http loopback redirect URI (the dev server's origin), else `undefined`. */
function devRedirectPort(uri: string | undefined): number | undefined {
  if (!uri) return undefined;
  try {
    const url = new URL(uri);
    if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
    return Number(url.port || 80);
  } catch {
    return undefined;
  }
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    problems.push(`${name}="${raw}" is not a port number: use an integer between 1 and 65535.`);
    return fallback;
  }
  return value;
}

/**
 * Reads and validates every setting. Throws {@link SettingsError} listing all problems at once.
 * @param env the environment (`process.env` after `.env` was loaded)
 * @param options `mode` and, when the dev script started the mock, `environment: 'mock'`
 */
export function loadSettings(
  env: NodeJS.ProcessEnv,
  options: { mode: RunMode; environment?: AppEnvironment },
): AppSettings {
  const problems: string[] = [];
  const port = readPort(env, 'PORT', 3001, problems);
  let devPort = readPort(env, 'DEV_PORT', 5173, problems);
  const host = env.HOST || '127.0.0.1';
  // #region one-origin
  // In development the browser opens Vite's origin, and Pinterest sends it back to the redirect URI's: they must
  // be the same. A localhost redirect URI names the port (DEV_PORT follows it); a DEV_PORT that disagrees with
  // it would end the login on a port nobody listens on, so it stops the start with the fix spelled out.
  const pinned = devRedirectPort(env.PINTEREST_REDIRECT_URI);
  if (options.mode === 'development' && pinned !== undefined) {
    if (env.DEV_PORT && devPort !== pinned) {
      problems.push(
        `DEV_PORT=${devPort} but PINTEREST_REDIRECT_URI=${env.PINTEREST_REDIRECT_URI} sends the login back to port ${pinned}: the browser must use one origin. Either unset DEV_PORT (the dev server then uses ${pinned}), or set PINTEREST_REDIRECT_URI=http://localhost:${devPort}/auth/callback and register that URI with your app (the mock accepts it as is).`,
      );
    }
    devPort = pinned;
  }
  // #endregion

  const redirectUri = env.PINTEREST_REDIRECT_URI || defaultRedirectUri(options.mode, { port, devPort });
  let publicOrigin = '';
  let secureCookies = true;
  // Problems with the redirect URI that auth-core may report as well (it validates the same URL).
  const redirectProblems: string[] = [];
  const pathProblems: string[] = [];
  try {
    const url = new URL(redirectUri);
    publicOrigin = url.origin;
    const loopback = LOOPBACK_HOSTS.has(url.hostname);
    secureCookies = !loopback;
    if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) {
      redirectProblems.push(
        `PINTEREST_REDIRECT_URI="${redirectUri}" must use https:// (plain http is only for localhost).`,
      );
    }
    if (url.pathname !== '/auth/callback') {
      pathProblems.push(
        `PINTEREST_REDIRECT_URI must end with the path /auth/callback (the backend's callback route), got "${url.pathname}".`,
      );
    }
  } catch {
    redirectProblems.push(
      `PINTEREST_REDIRECT_URI="${redirectUri}" is not an absolute URL: use e.g. http://localhost:5173/auth/callback.`,
    );
  }

  let sessionTtlMs = 14 * DAY_MS;
  if (env.SESSION_TTL_HOURS) {
    const hours = Number(env.SESSION_TTL_HOURS);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 60 * 24) {
      problems.push(
        `SESSION_TTL_HOURS="${env.SESSION_TTL_HOURS}" must be a number of hours between 1 and 1440 (60 days, the refresh token's lifetime).`,
      );
    } else {
      sessionTtlMs = hours * 60 * 60 * 1000;
    }
  }

  let auth: PinterestAuthConfig | undefined;
  try {
    auth = configFromEnv({
      ...env,
      PINTEREST_REDIRECT_URI: redirectUri,
      PINTEREST_SCOPES: env.PINTEREST_SCOPES || DEFAULT_SCOPES,
    });
  } catch (error) {
    if (!(error instanceof PinterestConfigError)) throw error;
    problems.push(...error.problems);
  }
  // One line per problem: keep ours about the redirect URI only when auth-core said nothing about it.
  if (!problems.some((problem) => problem.includes('PINTEREST_REDIRECT_URI')))
    problems.push(...redirectProblems);
  problems.push(...pathProblems);
  if (problems.length > 0 || auth === undefined) throw new SettingsError(problems);

  const environment: AppEnvironment = options.environment ?? auth.environment ?? 'production';
  return {
    mode: options.mode,
    environment,
    host,
    port,
    devPort,
    redirectUri,
    publicOrigin,
    secureCookies,
    sessionTtlMs,
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    auth,
  };
}

/** Loads `.env` from the working directory when there is one (Node's own parser, no dependency). */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
