/** The start-up banner and the one-line configuration errors. */
import { DEFAULT_API_URLS } from '@kit/auth-core';
import type { AppSettings } from './config.js';

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

/** Lines printed when the app is up: environment, the redirect URI to register, the URL to open. */
export function bannerLines(
  settings: AppSettings,
  extra: { openUrl: string; tokens: string; mockUrl?: string },
): string[] {
  const api = settings.auth.apiUrl ?? DEFAULT_API_URLS[settings.auth.environment ?? 'production'];
  const where =
    settings.environment === 'mock'
      ? `the local Pinterest mock${extra.mockUrl ? ` at ${extra.mockUrl}` : ''} (no PINTEREST_APP_ID set)`
      : `Pinterest ${settings.environment} (API ${api}/v5)`;
  const lines = [
    '',
    bold(`Pinterest React SPA — ${settings.mode}`),
    `  Environment:   ${where}`,
    `  Redirect URI:  ${settings.redirectUri}`,
  ];
  if (settings.environment !== 'mock') {
    lines.push('                 (register it exactly in My apps → your app → Configure → Redirect URIs)');
  }
  lines.push(`  Tokens:        ${extra.tokens}`, `  Open:          ${bold(extra.openUrl)}`, '');
  return lines;
}

/** Prints a start-up failure: one line per problem, then exits. */
export function failStartup(problems: string[]): never {
  for (const problem of problems) process.stderr.write(`✖ ${problem}\n`);
  process.exit(1);
}
