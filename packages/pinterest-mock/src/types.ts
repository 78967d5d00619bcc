/** Public types of the mock: apps, seeded users, options, the control surface. */

/** Pinterest's three board privacy levels (`BoardPrivacy` in openapi-v5.json). */
export type BoardPrivacy = 'PUBLIC' | 'PROTECTED' | 'SECRET';

/** Which Pinterest API host a token belongs to: `api.pinterest.com` or `api-sandbox.pinterest.com`. */
export type MockEnvironment = 'production' | 'sandbox';

/** An app registered with the mock, as on developers.pinterest.com → My apps. */
export interface MockApp {
  /** The numeric App ID (`client_id`). */
  appId: string;
  /** The app secret key, checked with HTTP Basic on the token endpoint. */
  appSecret: string;
  /** Shown on the consent page. */
  name?: string;
  /** Registered redirect URIs; `redirect_uri` must equal one of them byte for byte. */
  redirectUris: string[];
  /**
   * Scopes the user "grants" whatever the app asks for, so a client can test being granted fewer
   * scopes than it requested.
   */
  grantedScopesOverride?: string[];
  /** The account a `client_credentials` token acts as (default: the first seeded user). */
  ownerUserId?: string;
}

/** A Pin to seed. Ids are generated (numeric strings) when left out. */
export interface MockPinSeed {
  id?: string;
  title?: string;
  description?: string;
  link?: string;
  altText?: string;
  dominantColor?: string;
  /** ISO date-time; default: a fixed date so the seed is deterministic. */
  createdAt?: string;
  /** Id of a section of the same board (listed in the board's `sections`). */
  sectionId?: string;
}

/** A board section to seed. */
export interface MockSectionSeed {
  id: string;
  name: string;
}

/** A board to seed. */
export interface MockBoardSeed {
  id?: string;
  name: string;
  description?: string;
  privacy?: BoardPrivacy;
  createdAt?: string;
  /** Sections, created before the Pins (a Pin names one with `sectionId`). */
  sections?: MockSectionSeed[];
  pins?: MockPinSeed[];
}

/** An ad account to seed (a campaign, an ad group and an ad are seeded in it). */
export interface MockAdAccountSeed {
  /** Numeric id; generated when left out. */
  id?: string;
  name: string;
  country?: string;
  currency?: string;
  /** Id of the seeded campaign (generated when left out). */
  campaignId?: string;
}

/** A Pinterest account to seed. */
export interface MockUser {
  /** Numeric user account id, e.g. `1000000000000000001`. */
  id: string;
  username: string;
  accountType?: 'PINNER' | 'BUSINESS';
  businessName?: string;
  about?: string;
  websiteUrl?: string;
  followerCount?: number;
  followingCount?: number;
  monthlyViews?: number;
  /** System users are the only ones whose tokens `POST /v5/oauth/token/revoke` accepts. */
  systemUser?: boolean;
  boards?: MockBoardSeed[];
  /** Ad accounts the user owns. */
  adAccounts?: MockAdAccountSeed[];
}

/** Per-category rate limits (requests per window), keyed by `x-ratelimit-category` (`org_read`, …). */
export interface MockRateLimits {
  /** Window length in seconds of mock time (default 60). */
  windowSeconds?: number;
  /**
   * Requests per window for each category; categories left out use `defaultLimit`. `trial_daily` sets the
   * Trial app's daily quota (default 1000 a day per app, counted only with `trial: true`).
   */
  limits?: Record<string, number>;
  /** Limit for categories not listed (default 1000). */
  defaultLimit?: number;
}

/** Options of {@link startPinterestMock}. */
export interface PinterestMockOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** Registered apps (default: `[DEFAULT_APP]`). */
  apps?: MockApp[];
  /** Seeded accounts (default: `SEED_USERS`, alice and bob). */
  users?: MockUser[];
  /** Approve consent at once as this user (id or username) instead of showing the page. */
  autoApprove?: false | string;
  /** Trial access: writes to the production host answer 403 code 29 (use the sandbox). */
  trial?: boolean;
  /** Rate limits per category, or `false` to never answer 429. */
  rateLimits?: MockRateLimits | false;
  /** Fastify's request logging (off by default; secrets in URLs are fingerprinted when on). */
  logger?: boolean;
}

/** A scripted failure for matching requests. */
export interface MockFault {
  /** HTTP method to match (any when left out). */
  method?: string;
  /** Exact request path to match, e.g. `/v5/oauth/token` or `/sandbox/v5/boards`; a trailing `*` matches a prefix. */
  path: string;
  /** Answer with this status (body: `body`, or a Pinterest `{code, message}` for the status). */
  status?: number;
  /** JSON body for `status` (default: a Pinterest error body). */
  body?: unknown;
  /** Wait this long first; alone, the request then proceeds normally. */
  delayMs?: number;
  /** Destroy the connection without an answer. */
  reset?: true;
  /** Answer 200 with a truncated JSON body. */
  malformedJson?: true;
  /** Answer `302 Found` to this location. */
  redirectTo?: string;
  /** How many requests it hits before it disappears (default 1). */
  times?: number;
}

/** One entry of the request log; secrets, tokens and codes appear as `fp:<8 hex>` fingerprints. */
export interface MockRequestLogEntry {
  /** Mock clock time (ms since epoch) when the request arrived. */
  time: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** Request headers (lower-case names); `authorization` keeps its scheme and fingerprints the rest. */
  headers: Record<string, string>;
  /** The form body, when there was one. */
  form?: Record<string, string>;
  /** The `x-pinterest-rid` sent back. */
  requestId: string;
  environment: MockEnvironment;
}

/** A request log entry of `POST /v5/oauth/token`. */
export interface MockTokenRequestLogEntry extends MockRequestLogEntry {
  /** `grant_type` as sent (undefined when missing). */
  grantType?: string;
  /** App id from the Basic header, when it could be decoded. */
  clientId?: string;
}

/** Operations on a running mock, for tests. The same operations are served over HTTP under `/_mock/`. */
export interface MockControl {
  /** Registers (or replaces) an app. */
  registerApp(app: MockApp): void;
  /** Adds a redirect URI to a registered app. */
  addRedirectUri(appId: string, uri: string): void;
  /** Adds (or replaces) an account with its boards and Pins, in both environments. */
  seedUser(user: MockUser): void;
  /** Sets who approves consent at once (id or username), or `false` to show the page. */
  setAutoApprove(user: string | false): void;
  /** Moves the mock clock forward (codes, tokens and rate-limit windows expire without sleeping). */
  advanceClock(seconds: number): number;
  /** The mock clock, ms since epoch. */
  now(): number;
  /** Adds a fault for matching requests. */
  injectFault(fault: MockFault): void;
  clearFaults(): void;
  /** The request log, oldest first (control-plane requests are not logged). */
  requests(): MockRequestLogEntry[];
  /** Only `POST …/v5/oauth/token` entries. */
  tokenRequests(): MockTokenRequestLogEntry[];
  /** Invalidates every access and refresh token of an account (like a password change). */
  revokeAllTokensOf(userId: string): number;
  /** Back to the state at start: apps, users, clock, tokens, faults and log. */
  reset(): void;
  /** How long an uploaded video stays `processing` (mock-clock seconds; default 2). */
  setMediaProcessingSeconds(seconds: number): void;
  /** The next `count` registered video uploads end `failed` after processing. */
  failNextMediaUploads(count: number): void;
  /**
   * Largest file the upload URL of videos registered from now on takes (bytes; default and most 2 GB,
   * Pinterest's limit): a bigger file gets S3's `400 EntityTooLarge`.
   */
  setMediaUploadLimit(bytes: number): void;
  /** How long an asynchronous ads report stays `IN_PROGRESS` (mock-clock seconds; default 3). */
  setReportProcessingSeconds(seconds: number): void;
  /** The next `count` asynchronous ads reports end `FAILED`. */
  failNextReports(count: number): void;
  /** Adds an ad account (with a campaign, an ad group and an ad) to a seeded user, in both environments. */
  addAdAccount(userId: string, account: MockAdAccountSeed): void;
}

/** A running mock. */
export interface PinterestMock {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Plays `https://www.pinterest.com` (consent page at `${oauthUrl}/oauth/`). */
  oauthUrl: string;
  /** Plays `https://api.pinterest.com` (API at `${apiUrl}/v5`). */
  apiUrl: string;
  /** Plays `https://api-sandbox.pinterest.com` (API at `${sandboxApiUrl}/v5`). */
  sandboxApiUrl: string;
  port: number;
  control: MockControl;
  close(): Promise<void>;
}
