/**
 * @kit/pinterest-mock — a faithful local Pinterest: the consent page (`www.pinterest.com/oauth/`), the
 * token endpoint and all of API v5 (`api.pinterest.com` and `api-sandbox.pinterest.com`), with a control
 * plane for tests. Behaviour follows Pinterest's API v5 (see FACTS.md and openapi-v5.json).
 */
export {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  CODE_LIFETIME_SECONDS,
  DEFAULT_APP,
  DEFAULT_PORT,
  MESSAGES,
  REFRESH_TOKEN_LIFETIME_SECONDS,
  SCOPE_DESCRIPTIONS,
} from './constants.js';
export { fingerprint } from './fingerprint.js';
export { SEED_USERS } from './seed.js';
export { startPinterestMock } from './server.js';
export type {
  BoardPrivacy,
  MockApp,
  MockBoardSeed,
  MockControl,
  MockEnvironment,
  MockFault,
  MockPinSeed,
  MockRateLimits,
  MockRequestLogEntry,
  MockTokenRequestLogEntry,
  MockUser,
  PinterestMock,
  PinterestMockOptions,
} from './types.js';
