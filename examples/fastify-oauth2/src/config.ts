/** The example's settings, from environment variables (the names of Pinterest's own quickstart). */
import { configFromEnv, type PinterestAuthConfig } from '@kit/auth-core';

/** Scopes asked for when `PINTEREST_SCOPES` is not set: the account's name and its boards. */
export const DEFAULT_SCOPES = 'user_accounts:read,boards:read';

export interface Settings {
  /** auth-core's config: app id and secret, redirect URI, scopes, hosts. */
  auth: PinterestAuthConfig;
  /** Where to listen: the redirect URI's port, on the loopback interface unless `HOST` says otherwise. */
  host: string;
  port: number;
}

/**
 * Reads `PINTEREST_APP_ID`, `PINTEREST_APP_SECRET`, `PINTEREST_REDIRECT_URI`, `PINTEREST_SCOPES`, `PINTEREST_ENV`,
 * `PINTEREST_OAUTH_URI`, `PINTEREST_API_URI` and `HOST`.
 * @throws PinterestConfigError naming each missing or malformed variable and its fix.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  const auth = configFromEnv({ ...env, PINTEREST_SCOPES: env.PINTEREST_SCOPES || DEFAULT_SCOPES });
  const redirectUri = new URL(auth.redirectUri);
  const port = Number(redirectUri.port || (redirectUri.protocol === 'https:' ? 443 : 80));
  return { auth, host: env.HOST || '127.0.0.1', port };
}
