/**
 * `npm run doctor`: checks this script's Pinterest setup before the first login fails (auth-core's
 * `runDoctor`): settings, the loopback redirect URI, Pinterest's hosts and the clock, App ID and secret, the
 * token file (readable, private), the stored accounts (or PINTEREST_ACCESS_TOKEN), one live API call, the
 * access tier. `-- --json` for CI; exit status 1 when a check fails. Never prints a secret or token.
 *
 * Without PINTEREST_APP_ID (and PINTEREST_ACCESS_TOKEN) it checks against the local Pinterest mock, with the
 * token file `npm run dev` uses.
 */
import { existsSync } from 'node:fs';
import { FileTokenStore, runDoctor } from '@kit/auth-core';
import {
  type AppSettings,
  DEFAULT_REDIRECT_URI,
  DEFAULT_SCOPES,
  loadSettings,
  SettingsError,
} from './config.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const env: NodeJS.ProcessEnv = { ...process.env };
const closers: (() => Promise<void>)[] = [];

if (!env.PINTEREST_APP_ID && !env.PINTEREST_ACCESS_TOKEN) {
  const { DEFAULT_APP, DEFAULT_PORT, startPinterestMock } = await import('@kit/pinterest-mock');
  const port = env.PINTEREST_MOCK_PORT ? Number(env.PINTEREST_MOCK_PORT) : DEFAULT_PORT;
  const mock = await startPinterestMock({ port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') return startPinterestMock({ port: 0 });
    throw error;
  });
  closers.push(() => mock.close());
  const redirectUri = env.PINTEREST_REDIRECT_URI || DEFAULT_REDIRECT_URI;
  await mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  Object.assign(env, {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: redirectUri,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    PINTEREST_ENV: 'production',
    // As `npm run dev`: never the real token file.
    PINTEREST_TOKEN_FILE: env.PINTEREST_DEV_TOKEN_FILE ?? '.dev/tokens.json',
  });
  // On stderr, so that `-- --json` stays parseable.
  process.stderr.write(`No PINTEREST_APP_ID: checking against the local Pinterest mock at ${mock.url}.\n\n`);
}

let settings: AppSettings | undefined;
try {
  settings = loadSettings(env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  // The doctor's configuration check names the same problems, with the fix.
}
const code = await runDoctor({
  // The settings with this script's defaults; the doctor reads them raw to spot stray quotes and spaces.
  env: {
    ...env,
    PINTEREST_REDIRECT_URI: env.PINTEREST_REDIRECT_URI || DEFAULT_REDIRECT_URI,
    PINTEREST_SCOPES: env.PINTEREST_SCOPES || DEFAULT_SCOPES,
  },
  ...(settings
    ? {
        store: new FileTokenStore({ path: settings.tokenFile }),
        accessTokenFromEnv: settings.accessTokenFromEnv,
      }
    : {}),
});
for (const close of closers) await close().catch(() => {});
process.exitCode = code;
