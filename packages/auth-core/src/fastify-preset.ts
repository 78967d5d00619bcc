import {
  DEFAULT_API_URLS,
  DEFAULT_OAUTH_URL,
  hideSecrets,
  type PinterestAuthConfig,
  resolveConfig,
} from './config.js';

/** Provider endpoints in the shape of @fastify/oauth2's `credentials.auth` (`ProviderConfiguration`). */
export interface OAuth2ProviderConfiguration {
  authorizeHost: string;
  authorizePath: string;
  tokenHost: string;
  tokenPath: string;
  revokePath?: string;
}

/**
 * Pinterest's production endpoints for @fastify/oauth2's `credentials.auth`, like its built-in
 * `GITHUB_CONFIGURATION`. Pair it with
 * `credentials.options: { authorizationMethod: 'header', bodyFormat: 'form', scopeSeparator: ',', credentialsEncodingMode: 'loose' }`
 * (Pinterest only accepts Basic client authentication with plain `base64(id:secret)` — simple-oauth2's default
 * 'strict' mode would URL-encode the secret first — form bodies, and comma-separated scopes) — or use
 * {@link pinterestOAuth2Preset}.
 */
export const PINTEREST_CONFIGURATION: Readonly<OAuth2ProviderConfiguration> = Object.freeze({
  authorizeHost: DEFAULT_OAUTH_URL,
  authorizePath: '/oauth/',
  tokenHost: DEFAULT_API_URLS.production,
  tokenPath: '/v5/oauth/token',
  revokePath: '/v5/oauth/token/revoke',
});

/** The subset of @fastify/oauth2 options {@link pinterestOAuth2Preset} fills in. */
export interface PinterestOAuth2Preset {
  scope: string[];
  credentials: {
    client: { id: string; secret: string };
    auth: OAuth2ProviderConfiguration;
    /**
     * Passed by @fastify/oauth2 to simple-oauth2. `scopeSeparator: ','`: Pinterest wants comma-separated scopes,
     * simple-oauth2 joins them with a space by default (the option is missing from @fastify/oauth2's types, but
     * this object is still assignable to them).
     */
    options: {
      authorizationMethod: 'header';
      bodyFormat: 'form';
      scopeSeparator: ',';
      credentialsEncodingMode: 'loose';
    };
  };
  callbackUri: string;
  tokenRequestParams: { continuous_refresh: 'true' };
}

/**
 * Options for registering @fastify/oauth2 against Pinterest (or the mock), from an auth config: endpoints of the
 * configured environment/hosts, Basic client auth, form bodies, comma-separated scopes in the consent URL
 * (`credentials.options.scopeSeparator`), `continuous_refresh=true`, the one configured
 * redirect URI (never one built from the request's Host header). Spread it into the plugin options and add
 * `name`, `startRedirectPath`, cookie settings. The secret is hidden from `console.log`/`JSON.stringify` of the
 * result. Store the token you get with `auth.saveTokens(key, token)`.
 *
 * @example
 * ```ts
 * app.register(fastifyOAuth2, { name: 'pinterest', startRedirectPath: '/login', ...pinterestOAuth2Preset(config) });
 * ```
 */
export function pinterestOAuth2Preset(config: PinterestAuthConfig): PinterestOAuth2Preset {
  const resolved = resolveConfig(config);
  const api = new URL(resolved.apiUrl);
  const oauthHost = new URL(resolved.oauthUrl);
  const client = hideSecrets({ id: resolved.appId, secret: resolved.appSecret });
  return {
    scope: [...resolved.scopes],
    credentials: {
      client,
      auth: {
        authorizeHost: oauthHost.origin,
        authorizePath: `${oauthHost.pathname.replace(/\/+$/, '')}/oauth/`,
        tokenHost: api.origin,
        tokenPath: `${api.pathname.replace(/\/+$/, '')}/v5/oauth/token`,
        revokePath: `${api.pathname.replace(/\/+$/, '')}/v5/oauth/token/revoke`,
      },
      options: {
        authorizationMethod: 'header',
        bodyFormat: 'form',
        scopeSeparator: ',',
        credentialsEncodingMode: 'loose',
      },
    },
    callbackUri: resolved.redirectUri,
    tokenRequestParams: { continuous_refresh: 'true' },
  };
}
