/**
 * What the checks share: the settings as the app will use them, and what earlier checks learned (the server's
 * clock, a client-credentials token, the store's probe). Secrets stay in here and never reach a result.
 *
 * @module
 */
import { DEFAULT_API_URLS, DEFAULT_OAUTH_URL } from '../config.js';
import type { PinterestEnvironment, TokenStore } from '../stores/types.js';
import type { Answer } from './http.js';
import type { ServedApp, TokenStoreProbe } from './types.js';

/** The settings every check after the configuration one works with. */
export interface DoctorSettings {
  appId: string;
  appSecret: string;
  redirectUri: string;
  scopes: string[];
  environment: PinterestEnvironment;
  oauthUrl: string;
  apiUrl: string;
  accessToken?: string;
}

/** Shared state of one diagnosis. */
export interface DoctorContext {
  settings: DoctorSettings;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => number;
  store?: TokenStore;
  accounts?: string[];
  served?: ServedApp;
  accessTokenFromEnv: boolean;
  /** The API host's answer to the reachability request (its `Date` header gives the clock skew). */
  apiAnswer?: Answer & { ok: true };
  /** A client-credentials token (never shown) and the scopes it carries. */
  clientToken?: { accessToken: string; scopes: string[] };
  /** What the token store said about itself. */
  probe?: TokenStoreProbe;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Fill the defaults the app would use (same as `createPinterestAuth`). */
export function withDefaults(
  settings: Omit<DoctorSettings, 'oauthUrl' | 'apiUrl'> & {
    oauthUrl?: string;
    apiUrl?: string;
  },
): DoctorSettings {
  return {
    ...settings,
    oauthUrl: trimSlash(settings.oauthUrl ?? DEFAULT_OAUTH_URL),
    apiUrl: trimSlash(settings.apiUrl ?? DEFAULT_API_URLS[settings.environment]),
  };
}

/** `${apiUrl}/v5/oauth/token`. */
export const tokenEndpoint = (settings: DoctorSettings) => `${settings.apiUrl}/v5/oauth/token`;
/** `${apiUrl}/v5`. */
export const apiBase = (settings: DoctorSettings) => `${settings.apiUrl}/v5`;
