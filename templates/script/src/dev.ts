/**
 * `npm run dev [-- <command> …]`: with PINTEREST_APP_ID set, runs the command against Pinterest like the
 * other scripts. Without it, starts the local Pinterest mock in this process (port 8765, or PINTEREST_MOCK_PORT,
 * or a free one when that is taken) with its default app (redirect URI http://localhost:8085/ registered), and
 * runs `login` and then the command against it (default: `whoami`, then `boards --limit 10`). The mock forgets
 * everything when it stops, so its tokens are kept in memory, not in your token file.
 */
import { existsSync } from 'node:fs';
import { MemoryTokenStore } from '@kit/auth-core';
import { DEFAULT_APP, DEFAULT_PORT, startPinterestMock } from '@kit/pinterest-mock';
import { DEFAULT_REDIRECT_URI } from './config.js';
import { runCli } from './run.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};
const argv = process.argv.slice(2);

if (process.env.PINTEREST_APP_ID) {
  process.exitCode = await runCli(argv.length ? argv : ['whoami'], { ...io, env: process.env });
} else {
  const port = process.env.PINTEREST_MOCK_PORT ? Number(process.env.PINTEREST_MOCK_PORT) : DEFAULT_PORT;
  const mock = await startPinterestMock({ port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') return startPinterestMock({ port: 0 });
    throw error;
  });
  const redirectUri = process.env.PINTEREST_REDIRECT_URI || DEFAULT_REDIRECT_URI;
  await mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  io.err(
    `Local Pinterest mock at ${mock.url} (App ID ${DEFAULT_APP.appId}); log in as mock_alice or mock_bob.\n`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: redirectUri,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    PINTEREST_ENV: 'production',
    PINTEREST_ACCESS_TOKEN: undefined,
    // The account pointer file must not land beside the real token file either.
    PINTEREST_TOKEN_FILE: process.env.PINTEREST_DEV_TOKEN_FILE ?? '.dev/tokens.json',
  };
  const shared = { ...io, env, mode: 'mock' as const, store: new MemoryTokenStore() };
  let code = await runCli(['login'], shared);
  const commands = argv.length ? [argv] : [['whoami'], ['boards', '--limit', '10']];
  for (const command of commands) {
    if (code !== 0) break;
    code = await runCli(command, shared);
  }
  await mock.close();
  process.exitCode = code;
}
