/**
 * Starts the app for `npm start` and `npm run dev`: settings, then the server, then the banner. A bad setting
 * ends the process with one line per problem and exit code 1.
 */
import { existsSync } from 'node:fs';
import { buildApp } from './app.js';
import { formatBanner } from './banner.js';
import { loadSettings, SettingsError } from './config.js';
import { readableLogStream } from './log-format.js';

/** Loads `.env` from the working directory if there is one; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Prints `message` lines to stderr and exits with 1. */
export function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`✗ ${line}\n`);
  process.exit(1);
}

/**
 * Starts the server; `mockUrl` set = mock mode. `readableLogs` (npm run dev): one readable line a request
 * instead of JSON.
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  options: { mockUrl?: string; readableLogs?: boolean } = {},
) {
  let settings: ReturnType<typeof loadSettings>;
  try {
    settings = loadSettings(env, options.mockUrl ? 'mock' : undefined);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    const tips = env.PINTEREST_APP_ID
      ? []
      : ['Tip: `npm run dev` runs against a local Pinterest mock, no credentials needed.'];
    fail([...error.problems, ...tips]);
  }
  let built: Awaited<ReturnType<typeof buildApp>>;
  try {
    built = await buildApp({ settings, ...(options.readableLogs ? { logStream: readableLogStream() } : {}) });
  } catch (error) {
    if (error instanceof SettingsError) fail(error.problems);
    throw error;
  }
  try {
    await built.app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      fail([
        `Port ${settings.port} is busy: stop the other process, or set PORT (and PINTEREST_REDIRECT_URI to match).`,
      ]);
    }
    if (code === 'EACCES') fail([`Port ${settings.port} needs privileges: set PORT to a number above 1023.`]);
    throw error;
  }
  process.stdout.write(
    `${formatBanner(settings, { tokens: built.stores.description, ...(options.mockUrl ? { mockUrl: options.mockUrl } : {}) })}\n`,
  );
  const shutdown = () => {
    built.app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return built;
}
