/**
 * The doctor as `npm run doctor` wires it, against the mock: a healthy setup prints all ✔ and exits 0; each
 * broken setup, made through the mock's control plane or on disk, prints its one-sentence fix and exits 1.
 * What only a process shows (exit status, real standard output, running as another user) runs the fixture as a
 * process; the other cases call the same wiring in this process.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DiagnoseReport, FileTokenStore, fingerprint, formatReport, shouldColor } from '../src/index.js';
import { wiredDoctor } from './fixtures/doctor.js';
import { authFor, DAY_S, login, REDIRECT_URI, useMock } from './helpers.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const SCOPES = 'user_accounts:read,boards:read,pins:read';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The caller's environment without Pinterest settings, proxies or NO_COLOR, plus `env`. */
function doctorEnv(env: Record<string, string>): Record<string, string | undefined> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^PINTEREST_|_PROXY$|^NO_COLOR$/i.test(name)),
  );
  return { ...base, ...env };
}

/**
 * Run test/fixtures/doctor.ts as a process, as `npm run doctor` does, with only the given PINTEREST_* variables
 * (and no colour: not a TTY). For what only a process shows: its exit status, its real standard output, another user.
 */
function runDoctorProcess(
  env: Record<string, string>,
  args: string[] = [],
  as?: { uid: number; gid: number },
): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/doctor.ts', ...args], {
    cwd: PACKAGE_DIR,
    env: doctorEnv(env),
    ...as,
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** The same doctor, wired the same way, run in this process: its status and what it printed (not a TTY). */
async function runDoctor(env: Record<string, string>, args: string[] = []): Promise<Run> {
  let out = '';
  const code = await wiredDoctor(doctorEnv(env), {
    argv: args,
    isTTY: false,
    write: (text) => {
      out += text;
    },
  });
  return { code, out, err: '' };
}

function mockEnv(mock: PinterestMock, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: REDIRECT_URI,
    PINTEREST_SCOPES: SCOPES,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    PINTEREST_ENV: 'production',
    ...extra,
  };
}

/** The line of a check, e.g. `✖ App ID and secret: …`. */
function line(out: string, title: string): string {
  return out.split('\n').find((l) => /^[✔!✖–] /.test(l) && l.slice(2).startsWith(`${title}:`)) ?? '';
}

/** The fix printed under a check. */
function fixOf(out: string, title: string): string {
  const lines = out.split('\n');
  const at = lines.indexOf(line(out, title));
  return at >= 0 ? (lines[at + 1]?.replace(/^\s+→\s/, '') ?? '') : '';
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let dir: string;
let tokenFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-'));
  tokenFile = join(dir, 'tokens', 'tokens.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Log alice in through the mock, with tokens in the test's token file; returns the account key. */
async function loginAlice(mock: PinterestMock, scopes = SCOPES): Promise<string> {
  const store = new FileTokenStore({ path: tokenFile });
  const auth = authFor(mock, { store, scopes: scopes.split(',') as never, now: Date.now });
  const { key } = await login(auth);
  return key;
}

describe('doctor against the mock', () => {
  const holder = useMock();

  it('prints all ✔ and exits 0 for a healthy setup, without a secret or token', async () => {
    await loginAlice(holder.mock);
    const run = await runDoctorProcess(mockEnv(holder.mock, { PINTEREST_TOKEN_FILE: tokenFile }));
    expect(run.code, run.out + run.err).toBe(0);
    const checks = run.out.split('\n').filter((l) => /^[✔!✖–] /.test(l));
    expect(checks).toHaveLength(11);
    for (const check of checks) expect(check).toMatch(/^✔ /);
    expect(line(run.out, 'Live API call')).toContain('@mock_alice');
    expect(line(run.out, 'App ID and secret')).toContain(fingerprint(DEFAULT_APP.appSecret));
    expect(run.out).not.toContain(DEFAULT_APP.appSecret);
    const record = (await new FileTokenStore({ path: tokenFile }).get('1000000000000000001'))?.record;
    expect(record).toBeDefined();
    expect(run.out).not.toContain(record?.accessToken);
    expect(run.out).not.toContain(record?.refreshToken);
    expect(run.out).not.toContain('\u001b[');
    expect(run.out).toContain('Ready: 11 passed, 0 warnings, 0 failed.');
  });

  it('prints a JSON report with --json', async () => {
    const run = await runDoctor(mockEnv(holder.mock), ['--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as DiagnoseReport;
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([
      'config',
      'redirect-uri',
      'reachability',
      'clock',
      'credentials',
      'redirect-registered',
      'token-store',
      'token-expiry',
      'scopes',
      'user-account',
      'access-tier',
    ]);
  });

  it('wrong secret: fails the credentials check with the fix', async () => {
    const run = await runDoctor(mockEnv(holder.mock, { PINTEREST_APP_SECRET: 'not-the-secret' }));
    expect(run.code).toBe(1);
    expect(line(run.out, 'App ID and secret')).toMatch(/^✖ .*HTTP 401 code 2/);
    expect(line(run.out, 'App ID and secret')).toContain(fingerprint('not-the-secret'));
    expect(fixOf(run.out, 'App ID and secret')).toBe(
      `Copy the App secret key of App ID ${DEFAULT_APP.appId} again from developers.pinterest.com → My apps → Manage into PINTEREST_APP_SECRET.`,
    );
    expect(run.out).toContain('docs /troubleshooting/#401-code-2-authentication-failed');
    expect(run.out).not.toContain('not-the-secret');
  });

  it('unregistered redirect URI: fails with the exact string to register', async () => {
    const uri = 'http://localhost:3999/auth/callback/';
    const run = await runDoctor(mockEnv(holder.mock, { PINTEREST_REDIRECT_URI: uri }));
    expect(run.code).toBe(1);
    expect(line(run.out, 'Redirect URI registered')).toMatch(/^✖ /);
    expect(fixOf(run.out, 'Redirect URI registered')).toBe(
      `Add ${uri} exactly, character for character, under developers.pinterest.com → My apps → Configure → Redirect URIs.`,
    );
    expect(run.out).toContain(`Register exactly: ${uri}`);
  });

  it('redirect URI on another path than the app serves: fails', async () => {
    const run = await runDoctor(mockEnv(holder.mock, { DOCTOR_CALLBACK_PATH: '/oauth/done' }));
    expect(run.code).toBe(1);
    expect(fixOf(run.out, 'Redirect URI')).toBe(
      'Set PINTEREST_REDIRECT_URI to http://localhost:3000/oauth/done and register that.',
    );
  });

  it('a quoted App ID: fails the configuration check and runs nothing else', async () => {
    const run = await runDoctor(mockEnv(holder.mock, { PINTEREST_APP_ID: `"${DEFAULT_APP.appId}"` }));
    expect(run.code).toBe(1);
    expect(fixOf(run.out, 'Configuration')).toBe(
      'PINTEREST_APP_ID is wrapped in quotes: remove them (write PINTEREST_APP_ID=value).',
    );
    expect(line(run.out, 'Pinterest reachable')).toMatch(/^– .*Not run/);
    expect(holder.mock.control.requests()).toHaveLength(0);
  });

  it('expired refresh token: fails the expiry check', async () => {
    const key = await loginAlice(holder.mock);
    const store = new FileTokenStore({ path: tokenFile });
    const stored = await store.get(key);
    if (!stored) throw new Error('no record');
    const now = Date.now();
    await store.compareAndSet(key, stored.version, {
      ...stored.record,
      accessTokenExpiresAt: now - 31 * DAY_S * 1000,
      refreshTokenExpiresAt: now - 2 * DAY_S * 1000,
    });
    const run = await runDoctor(mockEnv(holder.mock, { PINTEREST_TOKEN_FILE: tokenFile }));
    expect(run.code).toBe(1);
    expect(line(run.out, 'Token expiry')).toContain(`Account ${key}'s refresh token expired 2 days ago.`);
    expect(fixOf(run.out, 'Token expiry')).toBe(
      `Log account ${key} in again: an expired refresh token cannot be renewed.`,
    );
  });

  it('missing scope: fails when the app now needs a scope the account never granted', async () => {
    const key = await loginAlice(holder.mock, 'user_accounts:read');
    const run = await runDoctor(mockEnv(holder.mock, { PINTEREST_TOKEN_FILE: tokenFile }));
    expect(run.code).toBe(1);
    expect(line(run.out, 'Scopes')).toContain(`Account ${key} lacks boards:read, pins:read`);
    expect(fixOf(run.out, 'Scopes')).toBe(
      'Log these accounts in again so that they grant the new scopes: a refresh cannot add scopes.',
    );
  });

  it('clock offset: fails when the API is an hour ahead', async () => {
    holder.mock.control.advanceClock(3600);
    const run = await runDoctor(mockEnv(holder.mock));
    expect(run.code).toBe(1);
    expect(line(run.out, 'Clock')).toMatch(
      /^✖ Clock: This machine's clock is 3[56]\d\d s behind Pinterest\./,
    );
    expect(fixOf(run.out, 'Clock')).toBe(
      'Synchronise the clock (e.g. enable NTP with `timedatectl set-ntp true`), since token expiry is computed from it.',
    );
  });

  it('unreachable host: fails and skips what needs the network', async () => {
    const port = await closedPort();
    const run = await runDoctor(mockEnv(holder.mock, { PINTEREST_API_URI: `http://127.0.0.1:${port}` }));
    expect(run.code).toBe(1);
    expect(line(run.out, 'Pinterest reachable')).toContain('ECONNREFUSED');
    expect(fixOf(run.out, 'Pinterest reachable')).toBe(
      `Nothing listens at 127.0.0.1:${port}: check PINTEREST_API_URI, or start the server it points at.`,
    );
    expect(line(run.out, 'App ID and secret')).toMatch(/^– .*Not run: Pinterest reachable failed/);
  });

  it('proxy variables that Node 20 fetch ignores: warns and names the fix', async () => {
    const run = await runDoctor(
      mockEnv(holder.mock, { HTTP_PROXY: 'http://user:pw@127.0.0.1:9/', NODE_USE_ENV_PROXY: '' }),
    );
    expect(line(run.out, 'Pinterest reachable')).toMatch(/^! /);
    expect(run.out).toContain('http://127.0.0.1:9');
    expect(run.out).not.toContain('user:pw');
  });

  it('unreadable token file: fails the store check', async () => {
    await loginAlice(holder.mock);
    // Root reads every file, so as root the doctor runs as nobody, like an app started by another user.
    const root = process.getuid?.() === 0;
    if (!root) await chmod(tokenFile, 0o000);
    const run = await runDoctorProcess(
      mockEnv(holder.mock, { PINTEREST_TOKEN_FILE: tokenFile }),
      [],
      root ? { uid: 65534, gid: 65534 } : undefined,
    );
    expect(run.code, run.err).toBe(1);
    expect(line(run.out, 'Token store')).toContain('The token file cannot be read (EACCES)');
    expect(fixOf(run.out, 'Token store')).toBe(
      `Run the app as the user who owns ${tokenFile}, or give that user the file back (chown, then chmod 600).`,
    );
    expect(line(run.out, 'Token expiry')).toMatch(/^– /);
  });

  it('a folder where the token file should be: fails the store check', async () => {
    await mkdir(tokenFile, { recursive: true });
    const run = await runDoctor(mockEnv(holder.mock, { PINTEREST_TOKEN_FILE: tokenFile }));
    expect(run.code).toBe(1);
    expect(line(run.out, 'Token store')).toContain('The token file cannot be read (EISDIR)');
  });

  it('a token file other users can read: fails with chmod 600', async () => {
    await loginAlice(holder.mock);
    await chmod(tokenFile, 0o644);
    const run = await runDoctor(mockEnv(holder.mock, { PINTEREST_TOKEN_FILE: tokenFile }));
    expect(run.code).toBe(1);
    expect(fixOf(run.out, 'Token store')).toBe(`Run chmod 600 ${tokenFile}.`);
  });
});

describe('doctor against a Trial app', () => {
  let mock: PinterestMock;
  beforeAll(async () => {
    mock = await startPinterestMock({ trial: true, autoApprove: 'alice' });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('Trial 403 code 29 on production writes: fails with the sandbox switch', async () => {
    const scopes = 'user_accounts:read,boards:read,boards:write';
    await loginAlice(mock, scopes);
    const run = await runDoctor(mockEnv(mock, { PINTEREST_TOKEN_FILE: tokenFile, PINTEREST_SCOPES: scopes }));
    expect(run.code).toBe(1);
    expect(line(run.out, 'Access tier')).toContain('HTTP 403 code 29');
    expect(fixOf(run.out, 'Access tier')).toBe(
      'Set PINTEREST_ENV=sandbox (and log in again for sandbox tokens) until Pinterest upgrades the app to Standard access.',
    );
    const boards = mock.control.requests().filter((r) => r.method === 'POST' && r.path === '/v5/boards');
    expect(boards.map((r) => r.status)).toEqual([403]);
  });

  it('the sandbox passes the same check', async () => {
    const scopes = 'user_accounts:read,boards:read,boards:write';
    const run = await runDoctor(
      mockEnv(mock, {
        PINTEREST_SCOPES: scopes,
        PINTEREST_ENV: 'sandbox',
        PINTEREST_API_URI: mock.sandboxApiUrl,
      }),
    );
    expect(line(run.out, 'Access tier')).toMatch(/^✔ /);
    expect(run.code).toBe(0);
  });
});

describe('formatReport', () => {
  const report: DiagnoseReport = {
    ok: false,
    checks: [
      { id: 'a', title: 'A', status: 'pass', summary: 'fine.' },
      { id: 'b', title: 'B', status: 'fail', summary: 'broken.', fix: 'Fix it.', docs: '/x/' },
    ],
  };

  it('colours only when asked, and links docs under a given site', () => {
    expect(formatReport(report)).not.toContain('\u001b[');
    const coloured = formatReport(report, { color: true, docsUrl: 'https://docs.example/' });
    expect(coloured).toContain('\u001b[31m✖\u001b[39m B: broken.');
    expect(coloured).toContain('https://docs.example/x/');
  });

  it('colours on a TTY unless NO_COLOR is set', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({}, {})).toBe(false);
  });
});
