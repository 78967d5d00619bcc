/**
 * `@kit/auth-core`: Pinterest OAuth 2 and the whole token lifecycle — consent URL, strict callback handling,
 * code exchange, rotating refresh (single-flight, locked), stores, typed errors and a typed client for all of
 * Pinterest API v5 with pagination, rate-limit pacing and helpers for media uploads, Pins and reports.
 *
 * @packageDocumentation
 */

export {
  type AdsReportRequest,
  parseReport,
  type ReportProgress,
  type ReportRow,
  type RunAdsReportOptions,
  runAdsReport,
} from './ads-report.js';
export type {
  CallOptions,
  HttpMethod,
  ListItem,
  ListPath,
  OptionsArg,
  PaginateArg,
  PaginateOptions,
  PathsWith,
  PinterestOperations,
  PinterestPaths,
  PinterestSchemas,
  RequestOptions,
  ResponseBody,
} from './api-types.js';
export { createPinterestAuth, type PinterestAuth, type SaveTokensOptions } from './auth.js';
export type { CallbackResult, HandleCallbackOptions, PinterestUserAccount } from './callback.js';
export { MAX_PAGE_SIZE, type PinterestClient } from './client.js';
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
export type { AuthorizationURL, AuthorizationURLOptions } from './login.js';
export {
  type MediaUploadPhase,
  type MediaUploadProgress,
  type UploadVideoOptions,
  uploadVideo,
  type VideoFile,
} from './media-upload.js';
export {
  type CarouselImage,
  type CreatedPin,
  createCarouselPin,
  createPinFromImage,
  createPinFromImageUrl,
  createVideoPin,
  type ImageContentType,
  type LocalImage,
  type PinFields,
  type VideoCover,
} from './pin-create.js';
export type { JobOptions, PollOptions } from './polling.js';
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
