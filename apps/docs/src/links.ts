/**
 * Every link from this site to another site, in one place. Pages link through `<External to="…">`
 * (src/components/External.tsx), so a moved page is fixed here once; test/links.test.ts checks each
 * address's shape (https, a known host, no query or tracking) and that no page writes one by hand.
 * Nothing here is fetched: the tests run without network.
 */
export const EXTERNAL_LINKS = {
  /** Pinterest's developer site, home. */
  developers: 'https://developers.pinterest.com/',
  /** My apps: registered apps, App ID and secret (Manage), redirect URIs and test tokens (Configure). */
  myApps: 'https://developers.pinterest.com/apps/',
  /** Pinterest's own walk-through of connecting a first app (Terms, request form, review, redirect URIs). */
  registerApp: 'https://developers.pinterest.com/docs/getting-started/introduction/',
  /** Pinterest's access tiers: what Trial and Standard apps may do. */
  accessTiers: 'https://developers.pinterest.com/docs/key-concepts/access-tiers/',
  /** Pinterest's authentication guide (consent page, code exchange, refresh). */
  authentication:
    'https://developers.pinterest.com/docs/getting-started/set-up-authentication-and-authorization/',
  /** Pinterest's guide to creating boards, sections and Pins (image, carousel and video). */
  creatingBoardsAndPins: 'https://developers.pinterest.com/docs/api-features/creating-boards-and-pins/',
  /** Pinterest's overview of account and Pin analytics and what each metric counts. */
  analyticsOverview: 'https://developers.pinterest.com/docs/api-features/analytics-overview/',
  /** Pinterest's guide to asynchronous ads reports, with the report columns. */
  adsReporting: 'https://developers.pinterest.com/docs/api-features/ads-reporting/',
  /** Pinterest's rate limits: the categories and what each allows per tier. */
  rateLimits: 'https://developers.pinterest.com/docs/reference/rate-limits/',
  /** Pinterest's API v5 reference. */
  apiReference: 'https://developers.pinterest.com/docs/api/v5/',
  /** The Developer Terms of Service accepted in My apps. */
  developerTerms: 'https://developers.pinterest.com/terms/',
  /** Pinterest Help: getting (or converting to) a business account. */
  businessAccount: 'https://help.pinterest.com/en/business/article/get-a-business-account',
  /** RFC 6749 §4.1, the authorization code grant. */
  rfc6749CodeGrant: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1',
} as const;

export type ExternalLinkName = keyof typeof EXTERNAL_LINKS;

/** Hosts the site may link to. */
export const EXTERNAL_HOSTS = [
  'developers.pinterest.com',
  'help.pinterest.com',
  'www.rfc-editor.org',
] as const;
