/**
 * `npm run doctor`: checks this app's Pinterest setup before the first login fails (auth-core's `runDoctor`):
 * settings, redirect URI vs the routes this app serves, Pinterest's hosts and the clock, App ID and secret,
 * the token store (file or Redis), stored accounts, one live API call, the access tier. `-- --json` for CI;
 * exit status 1 when a check fails. Never prints a secret or token.
 *
 * Without PINTEREST_APP_ID it checks the app against the local Pinterest mock, as `npm run dev` runs it.
 */
import {
  type CheckResult,
  configFromEnv,
  FileTokenStore,
  MemoryTokenStore,
  PinterestConfigError,
  runDoctor,
  type TokenStore,
} from '@kit/auth-core';
import {
  type AppSettings,
  DEFAULT_REDIRECT_URI,
  DEFAULT_SCOPES,
  loadSettings,
  SettingsError,
} from './config.js';
import { loadDotEnv } from './start.js';

loadDotEnv();
const env: NodeJS.ProcessEnv = { ...process.env };
const closers: (() => Promise<void>)[] = [];

if (!env.PINTEREST_APP_ID) {
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
  });
  // On stderr, so that `-- --json` stays parseable.
  process.stderr.write(`No PINTEREST_APP_ID: checking against the local Pinterest mock at ${mock.url}.\n\n`);
}

/** The token store the app would use, without the start-up ping: the doctor's probe reports a Redis that is down. */
async function tokenStore(settings: AppSettings): Promise<TokenStore> {
  if (settings.redisUrl) {
    const { RedisTokenStore } = await import('@kit/redis-store');
    // Same prefix and encryption as src/stores.ts.
    const store = new RedisTokenStore({
      url: settings.redisUrl,
      keyPrefix: 'pinterest-fastify-app:',
      encryptionKey: settings.tokenEncryptionKey ?? false,
    });
    closers.push(() => store.close());
    return store;
  }
  if (settings.tokenStore === 'memory') return new MemoryTokenStore();
  return new FileTokenStore({ path: `${settings.dataDir}/tokens.json` });
}

/** The Pinterest settings with this app's defaults; the doctor reads them raw to spot stray quotes and spaces. */
const pinterestEnv = {
  ...env,
  PINTEREST_REDIRECT_URI: env.PINTEREST_REDIRECT_URI || DEFAULT_REDIRECT_URI,
  PINTEREST_SCOPES: env.PINTEREST_SCOPES || DEFAULT_SCOPES,
  PINTEREST_ACCESS_TOKEN: undefined,
};

/** This app's own settings (PORT, TOKEN_STORE, …), as one check; Pinterest's are the doctor's first check. */
function appSettingsCheck(problems: string[]): CheckResult[] {
  let pinterest: string[] = [];
  try {
    configFromEnv(pinterestEnv);
  } catch (error) {
    if (error instanceof PinterestConfigError) pinterest = error.problems;
  }
  const own = problems.filter((problem) => !pinterest.includes(problem));
  if (own.length === 0) return [];
  return [
    {
      id: 'app-settings',
      title: 'App settings',
      status: 'fail',
      summary: `${own.length} setting${own.length === 1 ? '' : 's'} of this app to fix.`,
      fix: own[0] as string,
      docs: '/going-live/#what-to-change-in-env',
      details: own.slice(1),
    },
  ];
}

let settings: AppSettings | undefined;
let appChecks: CheckResult[] = [];
try {
  settings = loadSettings(env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  appChecks = appSettingsCheck(error.problems);
}
process.exitCode = await runDoctor({
  env: pinterestEnv,
  appChecks,
  ...(settings
    ? {
        store: await tokenStore(settings),
        served: { host: settings.host, port: settings.port, callbackPath: settings.callbackPath },
      }
    : {}),
});
for (const close of closers) await close().catch(() => {});
