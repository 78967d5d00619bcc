/**
 * The commands end to end over real HTTP against the mock (the browser is played at the HTTP level here;
 * cli.e2e.test.ts uses real Chromium): login, whoami, boards, pins, token, logout, PINTEREST_ACCESS_TOKEN
 * (L6), client credentials, and what is printed (L2).
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, freePort, httpBrowser, run, startMock, tempDir } from './helpers.js';

let mock: PinterestMock;
let redirectUri: string;
let temp: ReturnType<typeof tempDir>;
let tokenFile: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  redirectUri = `http://localhost:${await freePort()}/`;
  mock = await startMock(redirectUri);
  temp = tempDir();
  tokenFile = join(temp.dir, 'config', 'tokens.json');
  env = cliEnv(mock, redirectUri, tokenFile);
});
afterAll(async () => {
  await mock.close();
  temp.cleanup();
});

const storedTokens = () => {
  const content = JSON.parse(readFileSync(tokenFile, 'utf8')) as {
    accounts: Record<string, { record: { accessToken: string; refreshToken?: string } }>;
  };
  return Object.values(content.accounts).flatMap((a) => [a.record.accessToken, a.record.refreshToken ?? '']);
};

describe('login and the data commands', () => {
  let loginRun: Awaited<ReturnType<typeof run>>;
  let browser: ReturnType<typeof httpBrowser>;

  beforeAll(async () => {
    browser = httpBrowser('allow');
    loginRun = await run(['login'], { env, openUrl: browser.openUrl });
  });

  it('login: prints the banner and the URL, opens the same URL, stores tokens, says who logged in', async () => {
    expect(loginRun.code).toBe(0);
    expect(browser.opened).toHaveLength(1);
    const url = browser.opened[0] as string;
    expect(url.startsWith(`${mock.oauthUrl}/oauth/?`)).toBe(true);
    expect(loginRun.err).toContain(`  ${url}\n`);
    expect(loginRun.err).toContain(`Redirect URI  ${redirectUri}`);
    expect(loginRun.err).toContain(`Environment   production API at ${mock.apiUrl} (PINTEREST_API_URI)`);
    expect(loginRun.err).toContain('My apps → Configure → Redirect URIs');
    expect(loginRun.err).toContain('Logged in as mock_alice (id 1000000000000000001)');
    const page = await browser.page;
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You can close this tab');
  });

  it('L5: token file 0600 in a 0700 folder', () => {
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(temp.dir, 'config')).mode & 0o777).toBe(0o700);
  });

  it('whoami prints the account', async () => {
    const result = await run(['whoami'], { env });
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('mock_alice (id 1000000000000000001)');
    expect(result.out).toMatch(/Boards\s+60/);
  });

  it('boards prints all 60 boards across pages, or --limit N', async () => {
    const all = await run(['boards'], { env });
    expect(all.code).toBe(0);
    const lines = all.out.trim().split('\n');
    expect(lines).toHaveLength(60);
    expect(new Set(lines.map((l) => l.split(' ')[0])).size).toBe(60);
    expect(all.err).toContain('60 boards');
    const five = await run(['boards', '--limit', '5'], { env });
    expect(five.out.trim().split('\n')).toHaveLength(5);
    const json = JSON.parse((await run(['boards', '--limit', '30', '--json'], { env })).out) as {
      id: string;
    }[];
    expect(json).toHaveLength(30);
    expect(json[0]?.id).toBe(lines[0]?.split(' ')[0]);
  });

  it('pins --board lists every pin of the first board (60, paginated)', async () => {
    const boards = JSON.parse((await run(['boards', '--json'], { env })).out) as {
      id: string;
      pin_count?: number;
    }[];
    const first = boards.find((b) => (b.pin_count ?? 0) >= 60) ?? boards[0];
    const result = await run(['pins', '--board', first?.id as string], { env });
    expect(result.code).toBe(0);
    expect(result.out.trim().split('\n')).toHaveLength(60);
  });

  it('token prints a fingerprint, --show the token itself; nothing else ever prints a token (L2)', async () => {
    const [access] = storedTokens();
    const plain = await run(['token'], { env });
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/Access token {3}fingerprint [0-9a-f]{8}/);
    const shown = await run(['token', '--show'], { env });
    expect(shown.out.trim()).toBe(access);
    expect(shown.err).toContain('This is a secret');
    const everyOtherOutput = [
      loginRun,
      plain,
      await run(['whoami'], { env }),
      await run(['boards', '--limit', '2'], { env }),
    ]
      .map((r) => r.out + r.err)
      .join('\n');
    for (const secret of storedTokens()) if (secret) expect(everyOtherOutput).not.toContain(secret);
    expect(everyOtherOutput).not.toContain('mock-app-secret');
  });

  it('L6: PINTEREST_ACCESS_TOKEN wins over the file, says so, and is never refreshed', async () => {
    // A token for bob, obtained through a second login into another file.
    const other = { ...env, PINTEREST_TOKEN_FILE: join(temp.dir, 'other', 'tokens.json') };
    const bobBrowser = httpBrowser('allow', '1000000000000000002');
    expect((await run(['login'], { env: other, openUrl: bobBrowser.openUrl })).code).toBe(0);
    const bobToken = (await run(['token', '--show'], { env: other })).out.trim();

    const fileBefore = readFileSync(tokenFile, 'utf8');
    const withToken = { ...env, PINTEREST_ACCESS_TOKEN: bobToken };
    const who = await run(['whoami'], { env: withToken });
    expect(who.code).toBe(0);
    expect(who.out).toContain('mock_bob');
    expect(who.err).toContain('Using PINTEREST_ACCESS_TOKEN from the environment');
    const token = await run(['token'], { env: withToken });
    expect(token.out).toContain('from PINTEREST_ACCESS_TOKEN');

    const refreshesBefore = mock.control
      .tokenRequests()
      .filter((r) => r.grantType === 'refresh_token').length;
    mock.control.advanceClock(31 * 24 * 3600); // bob's env token is now expired at the mock
    const expired = await run(['whoami'], { env: withToken });
    expect(expired.code).toBe(1);
    expect(expired.err).toMatch(/\n✗ .*log/i);
    expect(mock.control.tokenRequests().filter((r) => r.grantType === 'refresh_token').length).toBe(
      refreshesBefore,
    );
    expect(readFileSync(tokenFile, 'utf8')).toBe(fileBefore);

    // Without the variable, the stored login is refreshed and works again.
    const fromFile = await run(['whoami'], { env });
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toContain('mock_alice');
    expect(mock.control.tokenRequests().filter((r) => r.grantType === 'refresh_token').length).toBe(
      refreshesBefore + 1,
    );
  });

  it('--client-credentials acts as the app owner without a browser', async () => {
    const before = mock.control.tokenRequests().filter((r) => r.grantType === 'client_credentials').length;
    const result = await run(['whoami', '--client-credentials'], { env });
    expect(result.code).toBe(0);
    expect(result.err).toContain('client credentials');
    expect(result.out).toMatch(/^mock_\w+ \(id \d+\)/);
    expect(mock.control.tokenRequests().filter((r) => r.grantType === 'client_credentials').length).toBe(
      before + 1,
    );
  });

  it('logout deletes the tokens; then the commands say to log in', async () => {
    const out = await run(['logout'], { env });
    expect(out.code).toBe(0);
    expect(out.err).toContain('Logged out mock_alice');
    expect(out.err).toContain('remove it on Pinterest');
    const content = JSON.parse(readFileSync(tokenFile, 'utf8')) as { accounts: Record<string, unknown> };
    expect(Object.keys(content.accounts)).toHaveLength(0);
    const who = await run(['whoami'], { env });
    expect(who.code).toBe(1);
    expect(who.err).toContain('Not logged in: run `npm run login` first');
  });
});

describe('login edge cases', () => {
  it('Deny → clear message, nothing saved, the tab says so', async () => {
    const file = join(temp.dir, 'deny', 'tokens.json');
    const browser = httpBrowser('deny');
    const result = await run(['login'], {
      env: { ...env, PINTEREST_TOKEN_FILE: file },
      openUrl: browser.openUrl,
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain('You denied access on Pinterest: nothing was saved');
    const page = await browser.page;
    expect(await page.text()).toContain('Login cancelled');
  });

  it('L5: a token file that existed with mode 0644 ends up 0600', async () => {
    const dir = join(temp.dir, 'loose');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'tokens.json');
    writeFileSync(file, `${JSON.stringify({ format: 'pinterest-app-kit/tokens@1', accounts: {} })}\n`, {
      mode: 0o644,
    });
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const browser = httpBrowser('allow');
    const result = await run(['login'], {
      env: { ...env, PINTEREST_TOKEN_FILE: file },
      openUrl: browser.openUrl,
    });
    expect(result.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('H6: an existing default token folder of mode 0755 is 0700 after login', async () => {
    const xdg = join(temp.dir, 'xdg');
    const folder = join(xdg, 'pinterest-app-kit');
    await mkdir(folder, { recursive: true });
    // As an earlier login left it: the account file beside the tokens, the folder open to others.
    writeFileSync(join(folder, 'pinterest-script-account.json'), '{}');
    chmodSync(folder, 0o755);
    const { PINTEREST_TOKEN_FILE: _explicit, ...defaults } = env;
    const browser = httpBrowser('allow');
    const result = await run(['login'], {
      env: { ...defaults, XDG_CONFIG_HOME: xdg },
      openUrl: browser.openUrl,
    });
    expect(result.code).toBe(0);
    expect(statSync(join(folder, 'tokens.json')).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('H6: a token file in a shared 0755 folder: login refuses, says how to fix it, changes nothing', async () => {
    const folder = join(temp.dir, 'shared');
    await mkdir(folder, { recursive: true });
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    chmodSync(folder, 0o755);
    const browser = httpBrowser('allow');
    const result = await run(['login'], {
      env: { ...env, PINTEREST_TOKEN_FILE: join(folder, 'tokens.json') },
      openUrl: browser.openUrl,
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain(`chmod 700 "${folder}"`);
    expect(statSync(folder).mode & 0o777).toBe(0o755);
    expect(existsSync(join(folder, 'tokens.json'))).toBe(false);
  });

  it('login without app credentials: one line per missing setting, exit 1, no server started', async () => {
    const result = await run(['login'], {
      env: { PINTEREST_TOKEN_FILE: tokenFile, PINTEREST_ACCESS_TOKEN: 'pina_x' },
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain('✗ PINTEREST_APP_ID is missing');
    expect(result.err).toContain('✗ PINTEREST_APP_SECRET is missing');
  });

  it('a malformed setting stops every command with one line naming it', async () => {
    const result = await run(['whoami'], { env: { ...env, PINTEREST_ENV: 'staging' } });
    expect(result.code).toBe(1);
    expect(result.err.trim()).toBe('✗ PINTEREST_ENV must be "production" or "sandbox" (got "staging").');
  });
});

describe('command line', () => {
  it('help, unknown commands and bad options', async () => {
    const help = await run(['--help'], { env: {} });
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: pinterest <command>');
    for (const [argv, message] of [
      [['frobnicate'], 'Unknown command "frobnicate"'],
      [[], 'Missing command'],
      [['pins'], 'pins needs --board'],
      [['boards', '--limit', '0'], '--limit must be a whole number'],
      [['pins', '--board', '../x'], '--board must be a numeric board id'],
      [['login', '--scopes', 'boards:reed'], 'did you mean "boards:read"'],
      [['whoami', '--frob'], "Unknown option '--frob'"],
    ] as const) {
      const result = await run([...argv], { env: {} });
      expect(result.code).toBe(2);
      expect(result.err).toContain(message);
    }
  });
});
