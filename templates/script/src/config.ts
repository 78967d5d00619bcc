/**
 * Settings of the script, from the environment (the official quickstart's names) through `configFromEnv` of
 * `@kit/auth-core`, plus where the tokens are kept.
 */
import { dirname, join, resolve } from 'node:path';
import {
  configFromEnv,
  defaultTokenFilePath,
  type PinterestAuthConfig,
  PinterestConfigError,
} from '@kit/auth-core';

/** The quickstart's redirect URI; registered with the mock's default app. */
export const DEFAULT_REDIRECT_URI = 'http://localhost:8085/';
/** What the commands need: whoami, boards, pins. */
export const DEFAULT_SCOPES = 'user_accounts:read,boards:read,pins:read';

/** Which Pinterest the script talks to. */
export type AppEnvironment = 'mock' | 'sandbox' | 'production';

/** Everything the commands need. */
export interface AppSettings {
  /** Includes `accessToken` when PINTEREST_ACCESS_TOKEN is set. */
  auth: PinterestAuthConfig;
  environment: AppEnvironment;
  /** FileTokenStore path: PINTEREST_TOKEN_FILE, else `tokens.json` in the user config dir. */
  tokenFile: string;
  /** Which stored account the commands act as (written by `login`; no secrets). */
  accountFile: string;
  /** PINTEREST_ACCESS_TOKEN is set: it wins over the token file and is never refreshed (L6). */
  accessTokenFromEnv: boolean;
}

/** Missing or malformed settings, one line each naming the variable and the fix. */
export class SettingsError extends Error {
  readonly code = 'INVALID_SETTINGS';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SettingsError';
  }
}

function withDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    PINTEREST_REDIRECT_URI: env.PINTEREST_REDIRECT_URI || DEFAULT_REDIRECT_URI,
    PINTEREST_SCOPES: env.PINTEREST_SCOPES || DEFAULT_SCOPES,
  };
}

function authConfig(env: NodeJS.ProcessEnv): PinterestAuthConfig {
  try {
    return configFromEnv(withDefaults(env));
  } catch (error) {
    if (error instanceof PinterestConfigError) throw new SettingsError(error.problems);
    throw error;
  }
}

/** Reads the settings; `mode: 'mock'` only changes how the environment is reported. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, mode?: 'mock'): AppSettings {
  const auth = authConfig(env);
  const tokenFile = env.PINTEREST_TOKEN_FILE ? resolve(env.PINTEREST_TOKEN_FILE) : defaultTokenFilePath(env);
  return {
    auth,
    environment: mode ?? auth.environment ?? 'production',
    tokenFile,
    accountFile: join(dirname(tokenFile), 'pinterest-script-account.json'),
    accessTokenFromEnv: Boolean(auth.accessToken),
  };
}

/**
 * The settings a browser login or client-credentials call needs: the app's credentials are required even when
 * PINTEREST_ACCESS_TOKEN is set (that variable makes them optional for the other commands).
 */
export function appCredentials(env: NodeJS.ProcessEnv): PinterestAuthConfig {
  return authConfig({ ...env, PINTEREST_ACCESS_TOKEN: undefined });
}
