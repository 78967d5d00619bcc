/**
 * The real CLI as a process, the real browser: `login` prints the URL and runs BROWSER (here a hook that
 * records the URL), the test's Chromium opens it, clicks Allow on the mock's consent page and lands on the
 * loopback page; then `whoami` and `boards` print the account's data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { cliEnv, freePort, startMock, tempDir } from './helpers.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let mock: PinterestMock;
let redirectUri: string;
let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let openedFile: string;

beforeAll(async () => {
  redirectUri = `http://localhost:${await freePort()}/`;
  mock = await startMock(redirectUri);
  temp = tempDir();
  openedFile = join(temp.dir, 'opened.txt');
  const hook = join(temp.dir, 'browser-hook.sh');
  writeFileSync(hook, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${openedFile}'\n`);
  chmodSync(hook, 0o755);
  // Only PATH from the caller; HOME is the throwaway folder, so no real token file is ever touched.
  env = {
    PATH: process.env.PATH ?? '',
    HOME: temp.dir,
    ...cliEnv(mock, redirectUri, join(temp.dir, 'config', 'tokens.json'), { BROWSER: hook }),
  };
  delete env.PINTEREST_ACCESS_TOKEN;
});
afterAll(async () => {
  await mock?.close();
  temp?.cleanup();
});

/** Runs the CLI (cwd: a temp dir, so no stray .env is read). */
function cli(args: string[]): {
  child: ChildProcess;
  stderr(): string;
  done: Promise<{ code: number | null; out: string; err: string }>;
} {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: temp.dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, out, err }));
  });
  return { child, done, stderr: () => err };
}

describe('script in Chromium', () => {
  it('login completes through the browser; whoami and boards print the data', async () => {
    const login = cli(['login']);
    await expect
      .poll(() => existsSync(openedFile) && readFileSync(openedFile, 'utf8').trim(), { timeout: 30_000 })
      .toBeTruthy();
    const url = readFileSync(openedFile, 'utf8').trim();
    expect(url.startsWith(`${mock.oauthUrl}/oauth/?`)).toBe(true);

    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const loopbackResponse = page.waitForResponse((r) => r.url().startsWith(redirectUri));
      await page.goto(url);
      await page.getByRole('button', { name: 'Allow' }).click();
      const response = await loopbackResponse;
      expect(response.status()).toBe(200);
      expect(response.headers()['referrer-policy']).toBe('no-referrer');
      expect(response.headers()['cache-control']).toBe('no-store');
      await expect.poll(() => page.textContent('h1')).toBe('Logged in as mock_alice');
      expect(await page.textContent('p')).toContain('You can close this tab');
    } finally {
      await browser.close();
    }

    const result = await login.done;
    expect(result.code).toBe(0);
    expect(result.err).toContain(`  ${url}\n`); // printed for SSH/WSL users too
    expect(result.err).toContain('Logged in as mock_alice');

    const whoami = await cli(['whoami']).done;
    expect(whoami.code).toBe(0);
    expect(whoami.out.split('\n')[0]).toBe('mock_alice (id 1000000000000000001)');

    const boards = await cli(['boards']).done;
    expect(boards.code).toBe(0);
    expect(boards.out.trim().split('\n')).toHaveLength(60);
    expect(boards.out).toContain('Summer recipes');

    const limited = await cli(['boards', '--limit', '3']).done;
    expect(limited.out.trim().split('\n')).toHaveLength(3);
  });

  it('L1: a second login while the port is taken fails at once with a clear message', async () => {
    const first = cli(['login']);
    await expect
      .poll(() => first.child.exitCode === null && /Waiting for Pinterest/.test(first.stderr()), {
        timeout: 30_000,
      })
      .toBe(true);
    const second = await cli(['login']).done;
    first.child.kill('SIGINT');
    await first.done;
    expect(second.code).toBe(1);
    expect(second.err).toContain(`Port ${new URL(redirectUri).port} on 127.0.0.1 is busy`);
  });
});

describe('npm run dev without credentials', () => {
  it('starts the mock, logs in through the browser, then runs the command', async () => {
    const port = await freePort();
    const devRedirect = `http://localhost:${port}/`;
    const opened = join(temp.dir, 'dev-opened.txt');
    const hook = join(temp.dir, 'dev-hook.sh');
    writeFileSync(hook, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
    chmodSync(hook, 0o755);
    const devEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      HOME: temp.dir,
      BROWSER: hook,
      PINTEREST_MOCK_PORT: '0',
      PINTEREST_REDIRECT_URI: devRedirect,
    };
    const child = spawn(
      process.execPath,
      ['--import', TSX, fileURLToPath(new URL('../src/dev.ts', import.meta.url)), 'boards', '--limit', '2'],
      {
        cwd: temp.dir,
        env: devEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));

    await expect.poll(() => existsSync(opened), { timeout: 30_000 }).toBe(true);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(readFileSync(opened, 'utf8').trim());
      await page.getByRole('button', { name: 'Allow' }).click();
      await expect.poll(() => page.textContent('h1')).toBe('Logged in as mock_alice');
    } finally {
      await browser.close();
    }
    expect(await exit).toBe(0);
    expect(err).toContain('Local Pinterest mock at http://127.0.0.1:');
    expect(err).toContain('Environment   mock');
    // The mock's tokens live in memory: no file is named as holding them.
    expect(err).toContain('Tokens kept in memory for this run');
    expect(err).not.toContain('tokens.json');
    expect(out.trim().split('\n')).toHaveLength(2);
  });
});
