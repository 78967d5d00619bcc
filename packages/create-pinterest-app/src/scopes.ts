/**
 * Pinterest's OAuth scopes and their meanings come from @kit/auth-core, bundled into the CLI at build time
 * (the published package keeps zero runtime dependencies).
 */
import {
  isPinterestScope,
  PINTEREST_SCOPES,
  type PinterestScope,
  parseScopeList,
  SCOPE_DESCRIPTIONS,
} from '@kit/auth-core';

export { isPinterestScope, type PinterestScope, parseScopeList, SCOPE_DESCRIPTIONS };

/** All 19 scopes, in Pinterest's order. */
export const ALL_SCOPES: readonly PinterestScope[] = PINTEREST_SCOPES;

/** What every template needs: read the account, its boards and their Pins. */
export const DEFAULT_SCOPES: readonly PinterestScope[] = ['user_accounts:read', 'boards:read', 'pins:read'];
