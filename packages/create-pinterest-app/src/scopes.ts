/**
 * Pinterest API v5 OAuth scopes with the meanings Pinterest gives them
 * (`components.securitySchemes.pinterest_oauth2` in the official OpenAPI description, release 5.23.0).
 * Kept here rather than imported from @kit/auth-core so the CLI stays one self-contained file.
 */
export const SCOPE_DESCRIPTIONS = {
  'ads:read': 'See all of your advertising data, including ads, ad groups, campaigns etc.',
  'ads:write': 'Create, update, or delete ads, ad groups, campaigns etc.',
  'billing:read': 'See all of your billing data, billing profile, etc.',
  'billing:write': 'Create, update, or delete billing data, billing profiles, etc.',
  'biz_access:read': 'See business access data',
  'biz_access:write': 'Create, update, or delete business access data',
  'boards:read': 'See your public boards, including group boards you join',
  'boards:read_secret': 'See your secret boards',
  'boards:write': 'Create, update, or delete your public boards',
  'boards:write_secret': 'Create, update, or delete your secret boards',
  'catalogs:read': 'See all of your catalogs data',
  'catalogs:write': 'Create, update, or delete your catalogs data',
  'msot:write': 'Create measurement source of truth events',
  'pins:read': 'See your public Pins',
  'pins:read_secret': 'See your secret Pins',
  'pins:write': 'Create, update, or delete your public Pins',
  'pins:write_secret': 'Create, update, or delete your secret Pins',
  'user_accounts:read': 'See your user accounts and followers',
  'user_accounts:write': 'Update your user accounts and followers',
} as const;

/** One Pinterest OAuth scope, e.g. `boards:read`. */
export type PinterestScope = keyof typeof SCOPE_DESCRIPTIONS;

/** All 19 scopes, in Pinterest's order. */
export const ALL_SCOPES = Object.keys(SCOPE_DESCRIPTIONS) as PinterestScope[];

/** What every template needs: read the account, its boards and their Pins. */
export const DEFAULT_SCOPES: readonly PinterestScope[] = ['user_accounts:read', 'boards:read', 'pins:read'];

/** True when `value` names one of Pinterest's scopes. */
export function isPinterestScope(value: string): value is PinterestScope {
  return Object.hasOwn(SCOPE_DESCRIPTIONS, value);
}

/** Splits a `PINTEREST_SCOPES`-style list (commas and/or spaces) into its entries. */
export function splitScopeList(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter((scope) => scope.length > 0);
}
