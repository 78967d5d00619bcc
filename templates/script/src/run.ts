/**
 * The commands. `runCli(argv, io)` returns the exit code instead of exiting, so `dev.ts` and the tests can
 * run it in-process; `cli.ts` is the thin executable around it.
 *
 * Output rule: data goes to stdout (pipe it), messages to stderr. Tokens are printed only by `token --show`.
 */
import {
  createPinterestAuth,
  ERROR_CODES,
  FileTokenStore,
  fingerprint,
  type PinterestAuth,
  type PinterestClient,
  type TokenStore,
} from '@kit/auth-core';
import { deleteCurrentAccount, readCurrentAccount, writeCurrentAccount } from './account-file.js';
import { adsReport } from './ads-report.js';
import { analytics, topPins } from './analytics.js';
import { HELP, type ParsedArgs, parseCommandLine, UsageError } from './args.js';
import { boardCopy } from './board-copy.js';
import { openBrowser } from './browser.js';
import { type AppSettings, appCredentials, loadSettings, SettingsError } from './config.js';
import { startLoopbackReceiver } from './loopback.js';
import { InputFileError } from './media-files.js';
import { pinCreate } from './pin-create.js';
import { createProgress } from './progress.js';

/** Exit codes scripts can rely on (also in `--help` and the README). */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  missingScope: 3,
  jobFailed: 4,
} as const;

/** Where the CLI writes and what it may use; everything has a default except the streams. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
  /** Opens the consent URL (default: the system browser, see browser.ts). */
  openUrl?: (url: string) => Promise<boolean>;
  /** `mock` when `npm run dev` started the emulator. */
  mode?: 'mock';
  /** Token store (default: FileTokenStore at the settings' path). */
  store?: TokenStore;
  /** How long `login` waits for the browser (default 5 minutes). */
  loginTimeoutMs?: number;
  /** stderr is a terminal: progress redraws one line (default: one line per step). */
  errIsTTY?: boolean;
}

/** Nothing to act as: no login, no PINTEREST_ACCESS_TOKEN. */
class NotLoggedInError extends Error {
  readonly code = 'NOT_LOGGED_IN';
}

interface Context {
  args: ParsedArgs;
  io: CliIo;
  settings: AppSettings;
  store: TokenStore;
  auth: PinterestAuth;
}

/** Runs one command line; resolves with the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  if (args.command === 'help') {
    io.out(HELP);
    return 0;
  }
  let granted: () => Promise<string[]> = async () => [];
  try {
    const settings = loadSettings(io.env, io.mode);
    const store = io.store ?? new FileTokenStore({ path: settings.tokenFile });
    const auth = createPinterestAuth({ ...settings.auth, store });
    const ctx: Context = { args, io, settings, store, auth };
    granted = () => grantedScopes(ctx);
    switch (args.command) {
      case 'login':
        return await login(ctx);
      case 'whoami':
        return await whoami(ctx);
      case 'boards':
        return await boards(ctx);
      case 'pins':
        return await pins(ctx);
      case 'token':
        return await token(ctx);
      case 'logout':
        return await logout(ctx);
      default:
        return await publishOrRead(ctx);
    }
  } catch (error) {
    io.err(`${describeError(error, await granted().catch(() => []))}\n`);
    const code = (error as { code?: string }).code;
    if (error instanceof InputFileError) return EXIT.usage;
    if (code === ERROR_CODES.MISSING_SCOPE) return EXIT.missingScope;
    if (code === ERROR_CODES.MEDIA_FAILED || code === ERROR_CODES.REPORT_FAILED) return EXIT.jobFailed;
    return EXIT.failed;
  }
}

/** The commands that publish (`pin create`, `board copy`) or read analytics (`analytics`, `report`). */
async function publishOrRead(ctx: Context): Promise<number> {
  const { args, io, settings } = ctx;
  const { client } = await resolveClient(ctx);
  const progress = createProgress(io.err, io.errIsTTY ?? false);
  const { json } = args;
  switch (args.command) {
    case 'pin create':
      return pinCreate(client, args.board as string, args.pin as NonNullable<ParsedArgs['pin']>, {
        out: io.out,
        progress,
        json,
        webUrl: settings.auth.oauthUrl ?? 'https://www.pinterest.com',
      });
    case 'board copy': {
      const copy = args.copy as NonNullable<ParsedArgs['copy']>;
      return boardCopy(client, copy.boardId, copy.toName, { out: io.out, progress, json });
    }
    case 'analytics':
      return args.topPins
        ? topPins(
            client,
            { days: args.days, metrics: args.metrics, ...(args.limit ? { limit: args.limit } : {}) },
            { out: io.out, json },
          )
        : analytics(client, args, { out: io.out, json });
    case 'report':
      return adsReport(
        client,
        { ...(args.report as NonNullable<ParsedArgs['report']>), days: args.days },
        {
          out: io.out,
          progress,
          json,
        },
      );
    default:
      throw new Error(`No handler for ${args.command}`);
  }
}

/** One line (or one per problem) saying what went wrong and what to do. Never a token. */
export function describeError(error: unknown, grantedScopes: string[] = []): string {
  if (error instanceof SettingsError) return error.problems.map((p) => `✗ ${p}`).join('\n');
  // auth-core's messages already carry Pinterest's request id (x-pinterest-rid) where there is one.
  if (error instanceof InputFileError) return `✗ ${error.message}`;
  const e = error as { code?: string; message?: string; hint?: string; missingScopes?: string[] };
  if (e.code === ERROR_CODES.MISSING_SCOPE && e.missingScopes)
    return grantMessage(e.missingScopes, grantedScopes);
  if (e.code === 'REAUTHORIZATION_REQUIRED')
    return '✗ Your Pinterest login has expired or was revoked: run `npm run login` again.';
  const hint = e.hint ? ` — ${e.hint}` : '';
  return `✗ ${e.message ?? String(error)}${hint}`;
}

// #region grant-message
/**
 * Least privilege: the login asks for read scopes only; a command that needs more names the scope and the
 * login that grants it (existing tokens never gain scopes).
 */
function grantMessage(missing: string[], granted: string[]): string {
  const why: Record<string, string> = {
    'pins:write': 'to publish Pins',
    'boards:write': 'to create boards and sections',
    'ads:read': 'to read ads reports',
  };
  const reasons = missing.map((scope) => (why[scope] ? `${scope} (${why[scope]})` : scope)).join(', ');
  // What the login has (so granting one scope does not drop another), plus what is missing.
  const have = granted.length > 0 ? granted : ['user_accounts:read', 'boards:read', 'pins:read'];
  const scopes = [...new Set([...have, ...missing])].join(',');
  const them = missing.length > 1 ? 'them' : 'it';
  return `✗ Grant ${reasons}: your login did not include ${them}. Log in again to grant ${them}:\n  npm run login -- --scopes ${scopes}`;
}
// #endregion

/** The scopes the current login's token was granted (empty when unknown: no login, or an env token). */
async function grantedScopes(ctx: Context): Promise<string[]> {
  const account = await readCurrentAccount(ctx.settings.accountFile);
  const stored = account ? await ctx.auth.getTokens(account.key) : undefined;
  return stored?.scopes ?? [];
}

const ENVIRONMENTS = {
  mock: 'mock (local Pinterest emulator)',
  sandbox: 'sandbox (api-sandbox.pinterest.com)',
  production: 'production (api.pinterest.com)',
} as const;

/** The environment line of the banner; names the API host when PINTEREST_API_URI points elsewhere. */
function environmentLabel(settings: AppSettings): string {
  const { apiUrl } = settings.auth;
  if (settings.environment === 'mock' || !apiUrl) return ENVIRONMENTS[settings.environment];
  return `${settings.environment} API at ${apiUrl} (PINTEREST_API_URI)`;
}

/** The client the data commands use, in order: PINTEREST_ACCESS_TOKEN, --client-credentials, the login. */
async function resolveClient(ctx: Context): Promise<{ client: PinterestClient; label: string }> {
  const { settings, io, args, auth } = ctx;
  if (settings.accessTokenFromEnv) {
    io.err(
      'Using PINTEREST_ACCESS_TOKEN from the environment: the token file is ignored and nothing is refreshed.\n',
    );
    return { client: auth.client(), label: 'PINTEREST_ACCESS_TOKEN' };
  }
  if (args.clientCredentials) {
    const config = appCredentials(io.env);
    const record = await auth.clientCredentials(args.scopes ?? config.scopes);
    io.err(`Using an app-only token (client credentials, fingerprint ${fingerprint(record.accessToken)}).\n`);
    // Used as-is: not stored, not refreshed (there is no refresh token); the next run asks for a new one.
    return { client: auth.client(record), label: 'client credentials' };
  }
  const account = await readCurrentAccount(settings.accountFile);
  if (!account || !(await ctx.store.get(account.key))) {
    throw new NotLoggedInError('Not logged in: run `npm run login` first (or set PINTEREST_ACCESS_TOKEN).');
  }
  return { client: auth.client(account.key), label: account.username };
}

async function login(ctx: Context): Promise<number> {
  const { io, settings, auth } = ctx;
  appCredentials(io.env); // a browser login needs the app's id, secret and redirect URI even with a token set
  if (settings.accessTokenFromEnv) {
    io.err(
      'Note: PINTEREST_ACCESS_TOKEN is set, so the other commands will keep using it instead of this login.\n',
    );
  }
  const redirectUri = settings.auth.redirectUri;
  io.err(
    [
      '',
      `  Environment   ${environmentLabel(settings)}`,
      `  Redirect URI  ${redirectUri}`,
      settings.environment === 'mock'
        ? '                (already registered with the mock)'
        : '                must be registered exactly: developers.pinterest.com → My apps → Configure → Redirect URIs',
      `  Tokens        ${io.store ? 'in memory (this run only)' : settings.tokenFile}`,
      '',
      '',
    ].join('\n'),
  );

  const { url, state } = await auth.createAuthorizationURL(
    ctx.args.scopes ? { scopes: ctx.args.scopes } : {},
  );
  // Listen before showing the URL: a busy port must fail now, not after the user clicked Allow.
  const receiver = await startLoopbackReceiver({
    redirectUri,
    state,
    ...(io.loginTimeoutMs !== undefined ? { timeoutMs: io.loginTimeoutMs } : {}),
  });
  io.err(
    `Open this URL in your browser to log in (opening it for you if a browser is available):\n\n  ${url}\n\n`,
  );
  const opened = await (io.openUrl ?? ((u: string) => openBrowser(u, io.env)))(url);
  if (!opened) io.err('(No browser was opened: copy the URL above into a browser on this machine.)\n');
  io.err(`Waiting for Pinterest to send the browser back to ${redirectUri} (up to 5 minutes)…\n`);

  let callbackUrl: URL;
  try {
    callbackUrl = await receiver.callback;
  } catch (error) {
    await receiver.close();
    throw error;
  }
  try {
    const result = await auth.handleCallback(callbackUrl, { state });
    const username = result.account.username ?? result.key;
    await writeCurrentAccount(settings.accountFile, { key: result.key, username });
    await receiver.finish({
      ok: true,
      title: `Logged in as ${username}`,
      message: 'You can close this tab and go back to the terminal.',
    });
    // In mock mode (`npm run dev`) the tokens live in memory: say so instead of naming a file.
    const where = io.store ? 'kept in memory for this run' : `saved in ${settings.tokenFile}`;
    io.err(
      `Logged in as ${username} (id ${result.key}). Tokens ${where} (access token fingerprint ${fingerprint(result.record.accessToken)}).\n`,
    );
    if (result.missingScopes.length > 0) {
      io.err(
        `Warning: you did not grant ${result.missingScopes.join(', ')}; commands that need them will fail.\n`,
      );
    }
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    await receiver.finish({
      ok: false,
      title: code === 'ACCESS_DENIED' ? 'Login cancelled' : 'Login failed',
      message:
        code === 'ACCESS_DENIED'
          ? 'You did not allow the app on Pinterest. You can close this tab.'
          : 'The login did not complete; the terminal says why. You can close this tab.',
    });
    if (code === 'ACCESS_DENIED') {
      io.err('✗ You denied access on Pinterest: nothing was saved. Run `npm run login` again to allow it.\n');
      return 1;
    }
    throw error;
  }
}

async function whoami(ctx: Context): Promise<number> {
  const { client } = await resolveClient(ctx);
  const account = await client.get('/user_account');
  if (ctx.args.json) {
    ctx.io.out(`${JSON.stringify(account, null, 2)}\n`);
    return 0;
  }
  const rows: [string, unknown][] = [
    ['Account type', account.account_type],
    ['Business name', account.business_name],
    ['Boards', account.board_count],
    ['Pins', account.pin_count],
    ['Followers', account.follower_count],
    ['Following', account.following_count],
    ['Monthly views', account.monthly_views],
  ];
  ctx.io.out(`${account.username} (id ${account.id})\n`);
  for (const [label, value] of rows) {
    if (value !== undefined && value !== null) ctx.io.out(`  ${label.padEnd(15)}${String(value)}\n`);
  }
  return 0;
}

async function collect<T>(items: AsyncIterable<T>, limit: number | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (limit !== undefined && out.length >= limit) break;
  }
  return out;
}

const pageSizeFor = (limit: number | undefined) => Math.min(250, Math.max(1, limit ?? 100));

async function boards(ctx: Context): Promise<number> {
  const { client } = await resolveClient(ctx);
  const { limit } = ctx.args;
  const items = await collect(
    client.paginate('/boards', { query: { page_size: pageSizeFor(limit) } }),
    limit,
  );
  if (ctx.args.json) {
    ctx.io.out(`${JSON.stringify(items, null, 2)}\n`);
    return 0;
  }
  for (const board of items) {
    const details = [
      board.pin_count !== undefined ? `${board.pin_count} pins` : '',
      board.privacy?.toLowerCase() ?? '',
    ]
      .filter(Boolean)
      .join(', ');
    ctx.io.out(`${board.id.padEnd(20)} ${board.name}${details ? `  (${details})` : ''}\n`);
  }
  ctx.io.err(`${items.length} board${items.length === 1 ? '' : 's'}\n`);
  return 0;
}

async function pins(ctx: Context): Promise<number> {
  const { client } = await resolveClient(ctx);
  const { limit, board } = ctx.args;
  const items = await collect(
    client.paginate('/boards/{board_id}/pins', {
      path: { board_id: String(board) },
      query: { page_size: pageSizeFor(limit) },
    }),
    limit,
  );
  if (ctx.args.json) {
    ctx.io.out(`${JSON.stringify(items, null, 2)}\n`);
    return 0;
  }
  for (const pin of items) {
    ctx.io.out(`${pin.id.padEnd(20)} ${pin.title || '(untitled)'}${pin.link ? `  ${pin.link}` : ''}\n`);
  }
  ctx.io.err(`${items.length} pin${items.length === 1 ? '' : 's'} on board ${board}\n`);
  return 0;
}

const when = (ms: number | undefined) => (ms === undefined ? 'unknown' : new Date(ms).toISOString());

async function token(ctx: Context): Promise<number> {
  const { io, settings, auth, args } = ctx;
  if (settings.accessTokenFromEnv) {
    io.err(
      'Using PINTEREST_ACCESS_TOKEN from the environment: the token file is ignored and nothing is refreshed.\n',
    );
    const value = settings.auth.accessToken as string;
    if (args.show) io.out(`${value}\n`);
    else
      io.out(
        `Access token   fingerprint ${fingerprint(value)} (from PINTEREST_ACCESS_TOKEN; --show prints it)\n`,
      );
    return 0;
  }
  if (args.clientCredentials) {
    const record = await auth.clientCredentials(args.scopes ?? appCredentials(io.env).scopes);
    if (args.show) io.out(`${record.accessToken}\n`);
    else
      io.out(
        `Access token   fingerprint ${fingerprint(record.accessToken)} (client credentials; --show prints it)\n`,
      );
    return 0;
  }
  const account = await readCurrentAccount(settings.accountFile);
  const stored = account ? await auth.getTokens(account.key) : undefined;
  if (!account || !stored)
    throw new NotLoggedInError('Not logged in: run `npm run login` first (or set PINTEREST_ACCESS_TOKEN).');
  if (args.show) {
    // getAccessToken refreshes first when the token is (about to be) expired.
    const value = await auth.getAccessToken(account.key);
    io.err(
      'This is a secret: anyone who has it can act as you on Pinterest. Do not paste it anywhere public.\n',
    );
    io.out(`${value}\n`);
    return 0;
  }
  const lines = [
    `Account        ${account.username} (id ${account.key})`,
    `Access token   fingerprint ${fingerprint(stored.accessToken)} (--show prints the token)`,
    `  expires      ${when(stored.accessTokenExpiresAt)}`,
    stored.refreshToken
      ? `Refresh token  fingerprint ${fingerprint(stored.refreshToken)}`
      : 'Refresh token  none',
    ...(stored.refreshToken ? [`  expires      ${when(stored.refreshTokenExpiresAt)}`] : []),
    `Scopes         ${stored.scopes.join(', ')}`,
    `Environment    ${stored.environment}`,
    `Stored in      ${settings.tokenFile}`,
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

async function logout(ctx: Context): Promise<number> {
  const { io, settings, auth } = ctx;
  const account = await readCurrentAccount(settings.accountFile);
  if (account) {
    await auth.logout(account.key);
    await deleteCurrentAccount(settings.accountFile);
    io.err(
      `Logged out ${account.username}: its tokens were deleted from ${settings.tokenFile}.\nTo cut the app off completely, also remove it on Pinterest: Settings → Security and logins → Apps.\n`,
    );
  } else {
    io.err('Not logged in: nothing to delete.\n');
  }
  if (settings.accessTokenFromEnv)
    io.err('PINTEREST_ACCESS_TOKEN is still set in the environment: unset it too.\n');
  return 0;
}
