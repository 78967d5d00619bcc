/** The start-up banner: which Pinterest, which redirect URI to register, which URL to open. */
import type { AppSettings } from './config.js';

/** What the banner shows besides the settings. */
export interface BannerInfo {
  /** Where the local mock runs (mock mode only). */
  mockUrl?: string;
  /** Token store description, e.g. `file /app/data/tokens.json`. */
  tokens: string;
}

const ENVIRONMENT_LABEL = {
  mock: 'mock — a local Pinterest emulator (no real account needed)',
  sandbox: 'sandbox — api-sandbox.pinterest.com (test data; Trial apps may write here)',
  production: 'production — api.pinterest.com',
} as const;

/** The banner as text (no secrets: neither the app secret nor any token appears). */
export function formatBanner(settings: AppSettings, info: BannerInfo): string {
  const lines = [
    '',
    '  Pinterest Fastify app',
    '',
    `  Environment   ${ENVIRONMENT_LABEL[settings.environment]}`,
    // Host overrides (PINTEREST_API_URI / PINTEREST_OAUTH_URI) are shown, so nobody mistakes them for Pinterest.
    ...(settings.environment !== 'mock' && settings.auth.apiUrl
      ? [`  API host      ${settings.auth.apiUrl}`]
      : []),
    ...(settings.environment !== 'mock' && settings.auth.oauthUrl
      ? [`  Consent host  ${settings.auth.oauthUrl}`]
      : []),
    ...(info.mockUrl ? [`  Mock          ${info.mockUrl} (App ID ${settings.auth.appId})`] : []),
    `  Redirect URI  ${settings.auth.redirectUri}`,
    settings.environment === 'mock'
      ? '                (already registered with the mock)'
      : '                must be registered exactly: developers.pinterest.com → My apps → Configure → Redirect URIs',
    `  Scopes        ${settings.auth.scopes.join(', ')}`,
    `  Tokens        ${info.tokens}`,
    '',
    `  Open          ${settings.publicUrl}`,
    '',
  ];
  return lines.join('\n');
}
