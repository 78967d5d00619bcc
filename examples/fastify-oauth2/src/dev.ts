/**
 * `npm run dev`: without `PINTEREST_APP_ID`, starts the Pinterest mock on a free port and points the example at
 * it (redirect URI `http://localhost:3002/auth/callback`, or `PORT`); with it, runs against Pinterest.
 */
import { DEFAULT_APP, startPinterestMock } from '@kit/pinterest-mock';

if (!process.env.PINTEREST_APP_ID) {
  const mock = await startPinterestMock({ port: 0 });
  const redirectUri = `http://localhost:${process.env.PORT || 3002}/auth/callback`;
  await mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  Object.assign(process.env, {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: redirectUri,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
  });
  process.stdout.write(`Pinterest mock at ${mock.url}\n`);
}
await import('./server.js');
