/**
 * `npm start`: the BFF in production mode, serving the built SPA from dist/ (run `npm run build` first).
 * The default redirect URI is then http://localhost:3001/auth/callback.
 */
import { fileURLToPath } from 'node:url';
import { createPinterestAuth } from '@kit/auth-core';
import { buildServer } from './app.js';
import { bannerLines, failStartup } from './banner.js';
import { loadDotEnv, loadSettings, SettingsError } from './config.js';
import { createStores } from './stores.js';

// Production mode is this entry's job, not the shell's (a `NODE_ENV=… tsx` prefix fails in Windows shells).
process.env.NODE_ENV ||= 'production';
loadDotEnv();
if (!process.env.PINTEREST_APP_ID) {
  failStartup([
    'PINTEREST_APP_ID is not set: copy .env.example to .env and fill in your app’s credentials (`npm run dev` runs against the local mock without them).',
  ]);
}

let settings: ReturnType<typeof loadSettings>;
try {
  settings = loadSettings(process.env, { mode: 'production' });
} catch (error) {
  if (error instanceof SettingsError) failStartup(error.problems);
  throw error;
}

const stores = await createStores(process.env).catch((error: Error) => failStartup([error.message]));
const auth = createPinterestAuth({ ...settings.auth, ...stores.stores });
const staticDir = process.env.STATIC_DIR || fileURLToPath(new URL('../dist', import.meta.url));

const app = await buildServer({
  auth,
  redirectUri: settings.redirectUri,
  scopes: settings.auth.scopes,
  secureCookies: settings.secureCookies,
  sessionTtlMs: settings.sessionTtlMs,
  ...(stores.sessions ? { sessions: stores.sessions } : {}),
  environment: settings.environment,
  staticDir,
  logger: { level: process.env.LOG_LEVEL || 'info' },
}).catch((error: Error) => failStartup([error.message]));

try {
  await app.listen({ port: settings.port, host: settings.host });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  failStartup([
    code === 'EADDRINUSE'
      ? `Port ${settings.port} is busy: stop the other process or set PORT to a free port (and update the redirect URI).`
      : `Could not listen on ${settings.host}:${settings.port}: ${(error as Error).message}`,
  ]);
}

process.stdout.write(
  `${bannerLines(settings, { openUrl: `${settings.publicOrigin}/`, tokens: stores.description }).join('\n')}\n`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await app.close();
  await stores.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
