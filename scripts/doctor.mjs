#!/usr/bin/env node
// `pnpm doctor [-- --json]`: the doctor of @kit/auth-core run against the local Pinterest mock, end to end —
// start the mock, log its account mock_alice in (tokens in a throw-away token file), then diagnose: every check
// runs for real, and all of them pass. A generated app runs its own `npm run doctor` instead.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url);
const { createPinterestAuth, FileTokenStore, runDoctor } = await import(
  new URL('packages/auth-core/dist/index.js', root).href
);
const { DEFAULT_APP, startPinterestMock } = await import(
  new URL('packages/pinterest-mock/dist/index.js', root).href
);

const REDIRECT_URI = 'http://localhost:3000/auth/callback';
const dir = await mkdtemp(join(tmpdir(), 'pinterest-doctor-'));
const mock = await startPinterestMock({ port: 0, autoApprove: 'alice' });
try {
  const env = {
    ...process.env,
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: REDIRECT_URI,
    PINTEREST_SCOPES: 'user_accounts:read,boards:read,pins:read',
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    PINTEREST_ENV: 'production',
  };
  const store = new FileTokenStore({ path: join(dir, 'tokens.json') });
  const auth = createPinterestAuth({
    appId: env.PINTEREST_APP_ID,
    appSecret: env.PINTEREST_APP_SECRET,
    redirectUri: REDIRECT_URI,
    scopes: env.PINTEREST_SCOPES.split(','),
    oauthUrl: mock.oauthUrl,
    apiUrl: mock.apiUrl,
    store,
  });
  const { url, state } = await auth.createAuthorizationURL();
  const consent = await fetch(url, { redirect: 'manual' });
  await auth.handleCallback(consent.headers.get('location') ?? '', { state });
  const json = process.argv.includes('--json');
  if (!json)
    process.stdout.write(
      `Doctor against the local Pinterest mock at ${mock.url}, account mock_alice logged in.\n\n`,
    );
  process.exitCode = await runDoctor({ env, store, command: 'pnpm doctor', argv: process.argv.slice(2) });
} finally {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
}
