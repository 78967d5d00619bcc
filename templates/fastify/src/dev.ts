/**
 * `npm run dev`: with PINTEREST_APP_ID set, the same as `npm start`; without it, starts the local Pinterest mock
 * in this process (port 8765, or PINTEREST_MOCK_PORT, or a free one when that is taken) with its default app
 * and this app's redirect URI registered, and points the app at it. Log in as `mock_alice` or `mock_bob` on the
 * mock's consent page. Logs are one readable line a request (`npm start` writes JSON).
 */
import { DEFAULT_APP, DEFAULT_PORT, startPinterestMock } from '@kit/pinterest-mock';
import { DEFAULT_REDIRECT_URI } from './config.js';
import { loadDotEnv, startServer } from './start.js';

loadDotEnv();
const env = { ...process.env };

if (env.PINTEREST_APP_ID) {
  await startServer(env, { readableLogs: true });
} else {
  const port = env.PINTEREST_MOCK_PORT ? Number(env.PINTEREST_MOCK_PORT) : DEFAULT_PORT;
  const mock = await startPinterestMock({ port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') return startPinterestMock({ port: 0 });
    throw error;
  });
  const redirectUri = env.PINTEREST_REDIRECT_URI || DEFAULT_REDIRECT_URI;
  await mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  Object.assign(env, {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: redirectUri,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    PINTEREST_ENV: 'production',
    // The mock forgets its tokens when it stops, so there is no point in keeping them on disk.
    TOKEN_STORE: env.TOKEN_STORE || 'memory',
  });
  // The mock lives in this process and ends with it.
  await startServer(env, { mockUrl: mock.url, readableLogs: true });
}
