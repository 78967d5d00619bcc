/**
 * Reads every setting of the app from the environment and checks it, so that a bad value stops the app at
 * start with one line per problem instead of failing later in a request. The Pinterest part comes from
 * `configFromEnv` of `@kit/auth-core` (the official quickstart's variable names).
 */
import { resolve } from 'node:path';
import { configFromEnv, type PinterestAuthConfig, PinterestConfigError } from '@kit/auth-core';

/** Which Pinterest the app talks to. `mock` = the local emulator started by `npm run dev`. */
export type AppEnvironment = 'mock' | 'sandbox' | 'production';

/** Everything the app needs to start. */
export interface AppSettings {
  /** For `createPinterestAuth` (stores are added by the app). */
  auth: PinterestAuthConfig;
  environment: AppEnvironment;
  /** Interface to listen on. */
  host: string;
  /** Port to listen on. */
  port: number;
  /** The app's public origin, from the redirect URI: what the user opens. */
  publicUrl: string;
  /** Path of the OAuth callback route = the redirect URI's path. */
  callbackPath: string;
  /** Cookies get `Secure` unless the app runs on localhost over http. */
  secureCookies: boolean;
  /** Session lifetime (never longer than a refresh token's 60 days). */
  sessionTtlSeconds: number;
  /** `file` (default, survives restarts) or `memory`. Ignored when `redisUrl` is set. */
  tokenStore: 'file' | 'memory';
  /** Where the file token store writes (git-ignored). */
  dataDir: string;
  /** Share tokens, logins and refresh locks between instances through Redis (`@kit/redis-store`). */
  redisUrl?: string;
  /** 32-byte key (base64) to encrypt tokens at rest in Redis (PINTEREST_TOKEN_ENCRYPTION_KEY). */
  tokenEncryptionKey?: string;
  logLevel: string;
}

/** One or more settings are missing or malformed; `problems` has one line each, naming the variable. */
export class SettingsError extends Error {
  readonly code = 'INVALID_SETTINGS';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SettingsError';
  }
}

/** The redirect URI registered for this template by default (and with the mock's default app). */
export const DEFAULT_REDIRECT_URI = 'http://localhost:3000/auth/callback';
/** What the pages need: the profile, the boards, the Pins. */
export const DEFAULT_SCOPES = 'user_accounts:read,boards:read,pins:read';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Paths of the app's own routes, which the callback route must not take. */
const RESERVED_PATHS = new Set([
  '/',
  '/profile',
  '/boards',
  '/pins',
  '/pins/new',
  '/analytics',
  '/auth/login',
  '/auth/logout',
  '/auth/problem',
  '/favicon.ico',
]);
const MAX_SESSION_TTL = 60 * 24 * 3600;
const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * Builds {@link AppSettings} from `env`.
 * @param mode `mock` when `npm run dev` started the emulator (only changes the banner and the badge).
 * @throws SettingsError listing every problem found.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, mode?: 'mock'): AppSettings {
  const problems: string[] = [];
  let auth: PinterestAuthConfig | undefined;
  try {
    auth = configFromEnv({
      ...env,
      PINTEREST_REDIRECT_URI: env.PINTEREST_REDIRECT_URI || DEFAULT_REDIRECT_URI,
      PINTEREST_SCOPES: env.PINTEREST_SCOPES || DEFAULT_SCOPES,
      // This app logs users in; a single PINTEREST_ACCESS_TOKEN has no place in a multi-user app.
      PINTEREST_ACCESS_TOKEN: undefined,
    });
  } catch (error) {
    if (error instanceof PinterestConfigError) problems.push(...error.problems);
    else throw error;
  }

  let redirect: URL | undefined;
  if (auth) {
    redirect = new URL(auth.redirectUri);
    if (redirect.search || redirect.hash) {
      problems.push(
        `PINTEREST_REDIRECT_URI must not have a query or fragment (got ${auth.redirectUri}); use e.g. http://localhost:3000/auth/callback`,
      );
    }
    if (RESERVED_PATHS.has(redirect.pathname) || redirect.pathname.startsWith('/assets/')) {
      problems.push(
        `PINTEREST_REDIRECT_URI's path ${redirect.pathname} is one of the app's pages; use e.g. ${redirect.origin}/auth/callback`,
      );
    }
  }
  const isLocal = redirect ? LOCAL_HOSTS.has(redirect.hostname) : true;

  const port = intSetting(
    env,
    'PORT',
    redirect && isLocal ? Number(redirect.port || 80) : 3000,
    0,
    65535,
    problems,
  );
  const sessionTtlSeconds = intSetting(
    env,
    'SESSION_TTL_SECONDS',
    7 * 24 * 3600,
    60,
    MAX_SESSION_TTL,
    problems,
  );

  const tokenStore = env.TOKEN_STORE ?? 'file';
  if (tokenStore !== 'file' && tokenStore !== 'memory') {
    problems.push(`TOKEN_STORE must be "file" or "memory" (got "${tokenStore}")`);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.has(logLevel))
    problems.push(`LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')} (got "${logLevel}")`);
  if (env.REDIS_URL && !/^rediss?:\/\//.test(env.REDIS_URL)) {
    problems.push('REDIS_URL must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)');
  }

  if (problems.length > 0 || !auth || !redirect) throw new SettingsError(problems);

  return {
    auth,
    environment: mode ?? auth.environment ?? 'production',
    host: env.HOST ?? (isLocal ? '127.0.0.1' : '0.0.0.0'),
    port,
    publicUrl: `${redirect.origin}/`,
    callbackPath: redirect.pathname,
    secureCookies: redirect.protocol === 'https:' || !isLocal,
    sessionTtlSeconds,
    tokenStore: tokenStore as 'file' | 'memory',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    ...(env.PINTEREST_TOKEN_ENCRYPTION_KEY ? { tokenEncryptionKey: env.PINTEREST_TOKEN_ENCRYPTION_KEY } : {}),
    logLevel,
  };
}

function intSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}
