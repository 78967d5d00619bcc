/**
 * `npm run doctor`: checks this app's Pinterest setup before the first login fails (auth-core's `runDoctor`):
 * settings, redirect URI vs what the app serves (the Vite dev server in development, the BFF with
 * NODE_ENV=production), Pinterest's hosts and the clock, App ID and secret, the token store (memory or Redis),
 * stored accounts, one live API call, the access tier. `-- --json` for CI; exit status 1 when a check fails.
 * Never prints a secret or token.
 *
 * Without PINTEREST_APP_ID it checks the app against the local Pinterest mock, as `npm run dev` runs it.
 */
import {
  type CheckResult,
  configFromEnv,
  MemoryTokenStore,
  PinterestConfigError,
  runDoctor,
  type TokenStore,
} from '@kit/auth-core';
import {
  type AppSettings,
  DEFAULT_SCOPES,
  loadDotEnv,
  loadSettings,
  type RunMode,
  SettingsError,
} from './config.js';

loadDotEnv();
const env: NodeJS.ProcessEnv = { ...process.env };
const mode: RunMode = env.NODE_ENV === 'production' ? 'production' : 'development';
const closers: (() => Promise<void>)[] = [];

if (!env.PINTEREST_APP_ID) {
  const { DEFAULT_APP, DEFAULT_PORT, startPinterestMock } = await import('@kit/pinterest-mock');
  const port = env.MOCK_PORT ? Number(env.MOCK_PORT) : DEFAULT_PORT;
  const mock = await startPinterestMock({ port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') return startPinterestMock({ port: 0 });
    throw error;
  });
  closers.push(() => mock.close());
  Object.assign(env, {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    PINTEREST_ENV: 'production',
  });
  if (env.PINTEREST_REDIRECT_URI)
    await mock.control.addRedirectUri(DEFAULT_APP.appId, env.PINTEREST_REDIRECT_URI);
  // On stderr, so that `-- --json` stays parseable.
  process.stderr.write(`No PINTEREST_APP_ID: checking against the local Pinterest mock at ${mock.url}.\n\n`);
}

/** The token store the app would use, without the start-up ping: the doctor's probe reports a Redis that is down. */
async function tokenStore(): Promise<TokenStore> {
  if (!env.REDIS_URL) return new MemoryTokenStore();
  const { RedisTokenStore } = await import('@kit/redis-store');
  // Same prefix and encryption key as server/stores.ts.
  const store = new RedisTokenStore({
    url: env.REDIS_URL,
    keyPrefix: env.REDIS_KEY_PREFIX || 'pinterest-react-spa:',
    env,
  });
  closers.push(() => store.close());
  return store;
}

/** The Pinterest settings with this app's defaults; the doctor reads them raw to spot stray quotes and spaces. */
function pinterestEnv(settings: AppSettings | undefined): NodeJS.ProcessEnv {
  return {
    ...env,
    ...(settings ? { PINTEREST_REDIRECT_URI: env.PINTEREST_REDIRECT_URI || settings.redirectUri } : {}),
    PINTEREST_SCOPES: env.PINTEREST_SCOPES || DEFAULT_SCOPES,
  };
}

/** This app's own settings (PORT, the callback path, …), as one check; Pinterest's are the doctor's first check. */
function appSettingsCheck(problems: string[]): CheckResult[] {
  let pinterest: string[] = [];
  try {
    configFromEnv(pinterestEnv(undefined));
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
  settings = loadSettings(env, { mode });
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  appChecks = appSettingsCheck(error.problems);
}
process.exitCode = await runDoctor({
  env: pinterestEnv(settings),
  appChecks,
  ...(settings
    ? {
        store: await tokenStore(),
        // In development the browser comes back to the Vite dev server, which forwards /auth to the BFF.
        served: {
          host: settings.host,
          port: mode === 'development' ? settings.devPort : settings.port,
          callbackPath: '/auth/callback',
        },
      }
    : {}),
});
for (const close of closers) await close().catch(() => {});
