/**
 * Consent URL builder logic: the URL of Pinterest's consent page for an app, exactly as FACTS §1
 * describes it (`client_id`, `redirect_uri`, `response_type=code`, comma-separated `scope`, `state`).
 */

export const DEFAULT_OAUTH_URI = 'https://www.pinterest.com';

export interface ConsentUrlInput {
  /** The numeric App ID from My apps → Manage. */
  appId: string;
  /** Exactly one of the URIs registered in My apps → Configure → Redirect URIs. */
  redirectUri: string;
  scopes: readonly string[];
  /** A fresh random value per login, kept in the user's browser (cookie) and compared on the callback. */
  state: string;
  /** `PINTEREST_OAUTH_URI`; the consent page is `${oauthUri}/oauth/`. */
  oauthUri?: string;
}

export interface ConsentUrlResult {
  /** The URL, or undefined when a problem prevents building it. */
  url: string | undefined;
  /** One line per problem, saying what to fix. */
  problems: string[];
  /** Advice that does not block (http outside localhost, …). */
  warnings: string[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Builds the consent page URL, or explains why it cannot. */
export function buildConsentUrl(input: ConsentUrlInput, knownScopes: readonly string[]): ConsentUrlResult {
  const problems: string[] = [];
  const warnings: string[] = [];
  const appId = input.appId.trim();
  if (!appId) problems.push('Enter the App ID (My apps → Manage shows it).');
  else if (!/^\d+$/.test(appId))
    problems.push(`The App ID is a number; "${appId}" is not. Copy it from My apps → Manage.`);

  const redirectUri = input.redirectUri;
  if (!redirectUri.trim())
    problems.push('Enter the redirect URI exactly as registered in My apps → Configure.');
  else if (redirectUri !== redirectUri.trim())
    problems.push('The redirect URI has spaces around it; remove them.');
  else {
    let parsed: URL | undefined;
    try {
      parsed = new URL(redirectUri);
    } catch {
      problems.push('The redirect URI must be an absolute URL such as http://localhost:3000/auth/callback.');
    }
    if (parsed) {
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        problems.push('The redirect URI must use https:// (or http:// on localhost).');
      } else if (parsed.protocol === 'http:' && !LOOPBACK.has(parsed.hostname)) {
        warnings.push('http:// is only for localhost during development; use https:// for other hosts.');
      }
      if (redirectUri.includes('#')) problems.push('The redirect URI must not contain a #fragment.');
    }
  }

  if (input.scopes.length === 0)
    problems.push('Pick at least one scope (user_accounts:read to read the profile).');
  const unknown = input.scopes.filter((s) => !knownScopes.includes(s));
  if (unknown.length > 0) problems.push(`Unknown scope(s): ${unknown.join(', ')}.`);
  if (!input.state) problems.push('A state value is required: it is the defence against login CSRF.');

  if (problems.length > 0) return { url: undefined, problems, warnings };
  const base = (input.oauthUri ?? DEFAULT_OAUTH_URI).replace(/\/+$/, '');
  const query = new URLSearchParams({
    client_id: appId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: [...input.scopes].join(','),
    state: input.state,
  });
  return { url: `${base}/oauth/?${query.toString()}`, problems, warnings };
}

/** 32 random bytes, base64url without padding (43 characters), like `@kit/auth-core` makes. */
export function randomState(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(32))): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
