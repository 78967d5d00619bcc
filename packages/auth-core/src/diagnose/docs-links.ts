/**
 * Where the docs site explains each problem the doctor reports: paths (with the section's anchor) on the kit's
 * docs site (`apps/docs`). The docs package's test checks that every anchor exists.
 *
 * @module
 */

/** Docs paths of the doctor's checks and fixes (what `CheckResult.docs` holds). */
export const DOCS = {
  goingLive: '/going-live/',
  configuration: '/going-live/#what-to-change-in-env',
  redirectUris: '/redirect-uris/',
  redirectNotRegistered: '/troubleshooting/#redirect-uri-mismatch',
  unknownClientId: '/troubleshooting/#consent-page-the-app-id-is-unknown',
  unreachable: '/troubleshooting/#pinterest-cannot-be-reached',
  proxy: '/troubleshooting/#behind-a-proxy',
  clockSkew: '/troubleshooting/#the-clock-is-off',
  authFailed: '/troubleshooting/#401-code-2-authentication-failed',
  missingScope: '/troubleshooting/#401-code-3-missing-scope',
  notPermitted: '/troubleshooting/#403-code-29-not-permitted',
  refreshExpired: '/troubleshooting/#the-refresh-token-expired',
  tokenFile: '/troubleshooting/#the-token-file-cannot-be-read',
  redis: '/troubleshooting/#redis-loses-or-cannot-reach-tokens',
  trial: '/trial-access/',
} as const;
