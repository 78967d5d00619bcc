/**
 * `npm run dev`: one process, one Ctrl-C. Starts the local Pinterest mock when no PINTEREST_APP_ID is set,
 * the BFF on 3001 and the Vite dev server on 5173 (which proxies /api and /auth to the BFF).
 */
import { fileURLToPath } from 'node:url';
import { createPinterestAuth } from '@kit/auth-core';
import { buildServer } from './app.js';
import { bannerLines, failStartup } from './banner.js';
import { type AppSettings, loadDotEnv, loadSettings, SettingsError } from './config.js';
import { readableStream } from './logging.js';
import { createStores } from './stores.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const closers: Array<() => Promise<void>> = [];

async function stop(code = 0): Promise<never> {
  // Last started, first stopped: Vite, then the BFF, then the mock.
  for (const close of closers.reverse()) await close().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

/** Stops with one line; `fix` says what to set when the port is taken. */
function busy(error: unknown, what: string, port: number, fix: string): never {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EADDRINUSE'
      ? `Port ${port} (${what}) is busy: stop the other process, or ${fix}.`
      : `${what} could not start: ${(error as Error).message}`;
  void stop(1);
  failStartup([reason]);
}

loadDotEnv();

let mockUrl: string | undefined;
let registerRedirectUri: ((uri: string) => void) | undefined;
if (!process.env.PINTEREST_APP_ID) {
  // No credentials: run against the embedded mock, with the mock's default app.
  const { startPinterestMock, DEFAULT_APP, DEFAULT_PORT } = await import('@kit/pinterest-mock');
  const port = Number(process.env.MOCK_PORT || DEFAULT_PORT);
  const mock = await startPinterestMock({ port }).catch((error: unknown) =>
    busy(error, 'the Pinterest mock', port, 'set MOCK_PORT to a free port'),
  );
  closers.push(() => mock.close());
  mockUrl = mock.url;
  Object.assign(process.env, {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    PINTEREST_ENV: 'production',
  });
  // The mock's app knows the default redirect URI; a custom one (other DEV_PORT, say) is registered here.
  registerRedirectUri = (uri) => mock.control.addRedirectUri(DEFAULT_APP.appId, uri);
}

let settings: AppSettings;
try {
  settings = loadSettings(process.env, { mode: 'development', ...(mockUrl ? { environment: 'mock' } : {}) });
} catch (error) {
  await stop(1).catch(() => {});
  if (error instanceof SettingsError) failStartup(error.problems);
  throw error;
}

registerRedirectUri?.(settings.redirectUri);

const stores = await createStores(process.env).catch((error: Error) => failStartup([error.message]));
closers.push(() => stores.close());
const auth = createPinterestAuth({ ...settings.auth, ...stores.stores });
const bff = await buildServer({
  auth,
  redirectUri: settings.redirectUri,
  scopes: settings.auth.scopes,
  secureCookies: settings.secureCookies,
  sessionTtlMs: settings.sessionTtlMs,
  ...(stores.sessions ? { sessions: stores.sessions } : {}),
  environment: settings.environment,
  // One readable line a request; `npm start` logs JSON.
  logger: { level: process.env.LOG_LEVEL || 'info', stream: readableStream() },
});
await bff
  .listen({ port: settings.port, host: '127.0.0.1' })
  .catch((error) => busy(error, 'the backend', settings.port, 'set PORT to a free port'));
closers.push(() => bff.close());

const { createServer } = await import('vite');
const vite = await createServer({
  root,
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  server: { port: settings.devPort, strictPort: true, host: 'localhost' },
});
await vite.listen().catch((error) =>
  busy(
    error,
    'the Vite dev server',
    settings.devPort,
    // The redirect URI names this port: moving the dev server means moving the redirect URI with it.
    process.env.PINTEREST_REDIRECT_URI
      ? 'set PINTEREST_REDIRECT_URI=http://localhost:<free port>/auth/callback (the dev server follows it; register that URI with your app, the mock accepts it as is)'
      : 'set DEV_PORT to a free port',
  ),
);
closers.push(() => vite.close());

process.stdout.write(
  `${bannerLines(settings, {
    openUrl: `http://localhost:${settings.devPort}/`,
    tokens: stores.description,
    ...(mockUrl ? { mockUrl } : {}),
  }).join('\n')}\n`,
);
