/**
 * `npm run dev` out of the box: one process starts the mock, the BFF and Vite; a real browser logs in through
 * Vite's proxy; Ctrl-C (SIGINT) stops all three.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_ROOT } from './helpers/build.js';
import { launchChromium } from './helpers/chromium.js';
import { freePort } from './helpers/stack.js';

const require = createRequire(join(TEMPLATE_ROOT, 'package.json'));
const tsxCli = join(require.resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm run dev', () => {
  let child: ChildProcess;
  let output = '';
  const ports = { mock: 0, bff: 0, vite: 0 };

  beforeAll(async () => {
    ports.mock = await freePort();
    ports.bff = await freePort();
    ports.vite = await freePort();
    child = spawn(process.execPath, [tsxCli, 'server/dev.ts'], {
      cwd: TEMPLATE_ROOT,
      // Only PATH from the caller: its colour, CI, locale and Pinterest settings must not change the run.
      env: {
        PATH: process.env.PATH ?? '',
        // Empty values win over a developer's .env: this test is about the mock mode.
        PINTEREST_APP_ID: '',
        PINTEREST_REDIRECT_URI: '',
        REDIS_URL: '',
        MOCK_PORT: String(ports.mock),
        PORT: String(ports.bff),
        DEV_PORT: String(ports.vite),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    // Ready when the banner is out (or failed when the process ended first).
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.includes('Open:')) resolve();
        else if (child.exitCode !== null)
          reject(new Error(`npm run dev exited ${child.exitCode}:\n${output}`));
        else setTimeout(check, 100);
      };
      check();
    });
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the banner for the mock', () => {
    expect(output).toContain(`the local Pinterest mock at http://127.0.0.1:${ports.mock}`);
    expect(output).toContain(`Redirect URI:  http://localhost:${ports.vite}/auth/callback`);
    expect(output).toContain(`Open:          http://localhost:${ports.vite}/`);
  });

  it('logs in through the Vite dev server and its proxy, then logs out', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`http://localhost:${ports.vite}/`);
      await page.getByRole('button', { name: 'Log in with Pinterest' }).click();
      await page.waitForURL((url) => url.port === String(ports.mock));
      await page.locator('#allow').click();
      await page.getByTestId('username').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('username').textContent()).toBe('@mock_alice');
      await expect.poll(() => page.locator('[data-testid="boards"] > li').count()).toBe(25);
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByText('You are logged out.').waitFor();
    } finally {
      await browser.close();
    }
  });

  it('stops the mock, the backend and Vite on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const port of [ports.mock, ports.bff, ports.vite]) expect(await listening(port)).toBe(false);
  });
});
