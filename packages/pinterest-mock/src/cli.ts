#!/usr/bin/env node
/**
 * `pinterest-mock` — runs the local Pinterest until Ctrl+C and prints what an app needs to point at it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_APP, DEFAULT_PORT } from './constants.js';
import { startPinterestMock } from './server.js';
import type { MockApp, MockUser, PinterestMockOptions } from './types.js';

const HELP = `pinterest-mock — a local Pinterest (consent page, token endpoint, all of API v5) for development

Usage: pinterest-mock [options]

  --port <n>             Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <addr>          Interface to bind (default 127.0.0.1)
  --app-id <id>          Numeric App ID of the app to register (default ${DEFAULT_APP.appId})
  --app-secret <secret>  Its app secret (default ${DEFAULT_APP.appSecret})
  --app-name <name>      Name shown on the consent page
  --redirect-uri <uri>   A redirect URI the app may use; repeat for several
                         (default: the templates' ${DEFAULT_APP.redirectUris.join(', ')})
  --seed <file.json>     Accounts to seed instead of alice and bob: a JSON array of users, or
                         { "users": [...], "apps": [...] }
  --auto-approve <user>  Skip the consent page and approve as this account (id or username, e.g. alice)
  --trial                Trial access: writes to the production API answer 403 code 29
  --no-rate-limits       Never answer 429
  --logger               Log every request (codes and tokens fingerprinted)
  --help                 Show this help
`;

/** Thrown for bad command-line input; printed without a stack trace. */
class UsageError extends Error {
  override name = 'UsageError';
}

function readSeed(file: string): { users?: MockUser[]; apps?: MockApp[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--seed ${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  const seed = Array.isArray(parsed) ? { users: parsed } : (parsed as { users?: unknown; apps?: unknown });
  if (typeof seed !== 'object' || seed === null)
    throw new UsageError(`--seed ${file}: expected an array or an object`);
  if (seed.users !== undefined && !Array.isArray(seed.users)) {
    throw new UsageError(`--seed ${file}: "users" must be an array of { id, username, boards? }`);
  }
  for (const [i, user] of ((seed.users as MockUser[] | undefined) ?? []).entries()) {
    if (typeof user?.id !== 'string' || !/^\d+$/.test(user.id) || typeof user.username !== 'string') {
      throw new UsageError(`--seed ${file}: users[${i}] needs a numeric string "id" and a "username"`);
    }
  }
  if (seed.apps !== undefined && !Array.isArray(seed.apps)) {
    throw new UsageError(`--seed ${file}: "apps" must be an array of { appId, appSecret, redirectUris }`);
  }
  return seed as { users?: MockUser[]; apps?: MockApp[] };
}

function optionsFrom(argv: string[]): PinterestMockOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'app-id': { type: 'string' },
      'app-secret': { type: 'string' },
      'app-name': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      seed: { type: 'string' },
      'auto-approve': { type: 'string' },
      trial: { type: 'boolean' },
      'no-rate-limits': { type: 'boolean' },
      logger: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${values.port}")`);
  }
  const appId = values['app-id'] ?? DEFAULT_APP.appId;
  if (!/^\d+$/.test(appId)) throw new UsageError(`--app-id must be a numeric App ID (got "${appId}")`);
  const redirectUris = values['redirect-uri'] ?? [...DEFAULT_APP.redirectUris];
  for (const uri of redirectUris) {
    if (!URL.canParse(uri)) throw new UsageError(`--redirect-uri must be an absolute URL (got "${uri}")`);
  }
  const seed = values.seed ? readSeed(values.seed) : {};
  const app: MockApp = {
    appId,
    appSecret: values['app-secret'] ?? DEFAULT_APP.appSecret,
    name: values['app-name'] ?? DEFAULT_APP.name,
    redirectUris,
  };
  return {
    port,
    host: values.host ?? '127.0.0.1',
    apps: [app, ...(seed.apps ?? []).filter((other) => other.appId !== appId)],
    ...(seed.users ? { users: seed.users } : {}),
    autoApprove: values['auto-approve'] ?? false,
    trial: values.trial ?? false,
    ...(values['no-rate-limits'] ? { rateLimits: false as const } : {}),
    logger: values.logger ?? false,
  };
}

async function main(): Promise<void> {
  let options: PinterestMockOptions | 'help';
  try {
    options = optionsFrom(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `pinterest-mock: ${(error as Error).message}\nRun pinterest-mock --help for the options.\n`,
    );
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }
  let mock: Awaited<ReturnType<typeof startPinterestMock>>;
  try {
    mock = await startPinterestMock(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE'
        ? ` — port ${options.port} is busy; stop the other process or pass --port <other>`
        : '';
    process.stderr.write(`pinterest-mock: cannot start: ${(error as Error).message}${hint}\n`);
    process.exit(1);
  }
  const app = options.apps?.[0] ?? DEFAULT_APP;
  const lines = [
    `Pinterest mock listening on ${mock.url}`,
    '',
    `  App ID:          ${app.appId}`,
    `  App secret:      ${app.appSecret}   (the mock's own; never a real one)`,
    '  Redirect URIs:',
    ...app.redirectUris.map((uri) => `    ${uri}`),
    '',
    `  Consent page:    ${mock.oauthUrl}/oauth/`,
    `  Token endpoint:  ${mock.apiUrl}/v5/oauth/token`,
    `  API (prod):      ${mock.apiUrl}/v5`,
    `  API (sandbox):   ${mock.sandboxApiUrl}/v5`,
    `  Control plane:   ${mock.url}/_mock/`,
    `  Auto-approve:    ${options.autoApprove || 'off (the consent page asks)'}`,
    '',
    'Point an app at it:',
    `  PINTEREST_APP_ID=${app.appId}`,
    `  PINTEREST_APP_SECRET=${app.appSecret}`,
    `  PINTEREST_OAUTH_URI=${mock.oauthUrl}`,
    `  PINTEREST_API_URI=${mock.apiUrl}`,
    '',
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
