/**
 * `@kit/auth-core`: Pinterest OAuth 2 and the whole token lifecycle — consent URL, strict callback handling,
 * code exchange, rotating refresh (single-flight, locked), stores, typed errors and a small v5 API client.
 *
 * @packageDocumentation
 */
export {
  type AuthorizationURL,
  type AuthorizationURLOptions,
  type CallbackResult,
  createPinterestAuth,
  createPinterestClient,
  type HandleCallbackOptions,
  type PinterestAuth,
  type PinterestUserAccount,
  type SaveTokensOptions,
} from './auth.js';
export type {
  Page,
  PageOptions,
  PaginateOptions,
  PinterestClient,
  QueryParams,
  RequestOptions,
} from './client.js';
export {
  configFromEnv,
  DEFAULT_API_URLS,
  DEFAULT_OAUTH_URL,
  defaultLockTtlMs,
  isLoopbackHost,
  LOCK_WRITE_MARGIN_MS,
  type PinterestAuthConfig,
  type RetryOptions,
} from './config.js';
export * from './errors.js';
export {
  type OAuth2ProviderConfiguration,
  PINTEREST_CONFIGURATION,
  type PinterestOAuth2Preset,
  pinterestOAuth2Preset,
} from './fastify-preset.js';
export { fingerprint } from './fingerprint.js';
export { isSafeReturnTo, safeReturnTo } from './return-to.js';
export {
  closestScope,
  isPinterestScope,
  PINTEREST_SCOPES,
  type PinterestScope,
  parseScopeList,
  requiredScopesFor,
  SCOPE_DESCRIPTIONS,
} from './scopes.js';
export * from './stores/index.js';
export type { PinterestTokenResponse } from './token-record.js';
