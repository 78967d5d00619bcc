/**
 * `npm start` and `npm run dev` as real processes: a missing or malformed setting stops with one line per
 * problem; without credentials the dev script starts the mock beside the app and prints the banner.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const entry = (name: string) => fileURLToPath(new URL(`../src/${name}`, import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'fastify-template-start-')); // no stray .env here
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

// Nothing of the caller's environment but PATH; HOME is the throwaway folder.
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: cwd };

function start(script: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', TSX, entry(script)], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, done, out: () => out, err: () => err };
}

let running: ChildProcess | undefined;
afterAll(() => {
  running?.kill('SIGKILL');
});

describe('npm start', () => {
  it('without settings: one line per missing setting, a tip about npm run dev, exit 1', async () => {
    const run = start('server.ts', BASE_ENV);
    expect(await run.done).toBe(1);
    const lines = run.err().trim().split('\n');
    expect(lines[0]).toMatch(
      /^✗ PINTEREST_APP_ID is missing: copy the App ID from developers\.pinterest\.com/,
    );
    expect(lines[1]).toMatch(/^✗ PINTEREST_APP_SECRET is missing/);
    expect(lines.at(-1)).toContain('npm run dev');
    expect(run.out()).toBe('');
  });

  it('a malformed setting: exactly one line naming it, exit 1', async () => {
    const run = start('server.ts', {
      ...BASE_ENV,
      PINTEREST_APP_ID: '1000001',
      PINTEREST_APP_SECRET: 'canary-secret-5512',
      PORT: 'http',
    });
    expect(await run.done).toBe(1);
    expect(run.err()).toBe('✗ PORT must be a whole number from 0 to 65535 (got "http")\n');
    expect(run.err()).not.toContain('canary-secret-5512');
  });
});

describe('npm run dev without credentials', () => {
  it('starts the mock beside the app, prints the banner, and the login goes to the mock', async () => {
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/auth/callback`;
    const run = start('dev.ts', {
      ...BASE_ENV,
      PINTEREST_REDIRECT_URI: redirectUri,
      PINTEREST_MOCK_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    running = run.child;
    await expect.poll(() => run.out(), { timeout: 30_000 }).toContain('Open          ');
    const banner = run.out();
    expect(banner).toContain('Environment   mock — a local Pinterest emulator');
    expect(banner).toContain(`Redirect URI  ${redirectUri}`);
    expect(banner).toContain(`Open          http://localhost:${port}/`);
    const mockUrl = /Mock {10}(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(mockUrl).toBeDefined();

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Log in with Pinterest');
    const login = await fetch(`http://127.0.0.1:${port}/auth/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const consent = new URL(login.headers.get('location') as string);
    expect(consent.origin).toBe(mockUrl);
    expect(consent.searchParams.get('client_id')).toBe('1000001');
    const page = await fetch(consent);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Allow');

    run.child.kill('SIGTERM');
    expect(await run.done).toBe(0);
    running = undefined;
  });
});
