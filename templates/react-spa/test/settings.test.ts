/**
 * Start-up settings: defaults, one actionable line per problem, and the real `npm start` entry printing its
 * banner or its one-line error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../server/settings.js';
import { createStores } from '../server/stores.js';
import { TEMPLATE_ROOT } from './helpers/build.js';
import { rawRequest } from './helpers/http.js';
import { freePort } from './helpers/stack.js';

const CREDENTIALS = { PINTEREST_APP_ID: '1234567890', PINTEREST_APP_SECRET: 'some-secret-value' };

function problemsOf(env: NodeJS.ProcessEnv, mode: 'development' | 'production' = 'development'): string[] {
  try {
    loadSettings(env, { mode });
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadSettings', () => {
  it('defaults: Vite origin in development, the BFF itself in production, the three read scopes', () => {
    const dev = loadSettings(CREDENTIALS, { mode: 'development' });
    expect(dev.redirectUri).toBe('http://localhost:5173/auth/callback');
    expect(dev.publicOrigin).toBe('http://localhost:5173');
    expect(dev.secureCookies).toBe(false);
    expect(dev.port).toBe(3001);
    expect(dev.auth.scopes).toEqual(['user_accounts:read', 'boards:read', 'pins:read']);
    const prod = loadSettings(CREDENTIALS, { mode: 'production' });
    expect(prod.redirectUri).toBe('http://localhost:3001/auth/callback');
    expect(prod.environment).toBe('production');
  });

  it('a public https redirect URI turns on Secure cookies', () => {
    const settings = loadSettings(
      { ...CREDENTIALS, PINTEREST_REDIRECT_URI: 'https://boards.example.com/auth/callback' },
      { mode: 'production' },
    );
    expect(settings.secureCookies).toBe(true);
    expect(settings.publicOrigin).toBe('https://boards.example.com');
  });

  it.each([
    [{ PINTEREST_APP_SECRET: 'x-secret' }, 'PINTEREST_APP_ID'],
    [{ PINTEREST_APP_ID: '1234567890' }, 'PINTEREST_APP_SECRET'],
    [{ ...CREDENTIALS, PINTEREST_REDIRECT_URI: 'localhost:5173/auth/callback' }, 'PINTEREST_REDIRECT_URI'],
    [{ ...CREDENTIALS, PINTEREST_REDIRECT_URI: 'http://boards.example.com/auth/callback' }, 'https://'],
    [{ ...CREDENTIALS, PINTEREST_REDIRECT_URI: 'http://localhost:5173/callback' }, '/auth/callback'],
    [{ ...CREDENTIALS, PORT: 'eighty' }, 'PORT'],
    [{ ...CREDENTIALS, SESSION_TTL_HOURS: '5000' }, 'SESSION_TTL_HOURS'],
  ])('names what to fix (%o)', (env, needle) => {
    const problems = problemsOf(env);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(needle);
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('never repeats the secret in a problem', () => {
    const problems = problemsOf({ ...CREDENTIALS, PORT: 'eighty' });
    expect(problems.join(' ')).not.toContain(CREDENTIALS.PINTEREST_APP_SECRET);
  });
});

describe('createStores', () => {
  it('keeps tokens in memory without REDIS_URL', async () => {
    const stores = await createStores({});
    expect(stores.stores).toEqual({});
    expect(stores.description).toContain('memory');
  });

  it('says in one line how to get Redis support when REDIS_URL is set but @kit/redis-store is missing', async () => {
    await expect(createStores({ REDIS_URL: 'redis://127.0.0.1:6379' })).rejects.toThrow(
      'REDIS_URL is set but @kit/redis-store is not installed: run `npm install @kit/redis-store`.',
    );
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const require = createRequire(join(TEMPLATE_ROOT, 'package.json'));
const tsxCli = join(require.resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');

/** Runs `server/server.ts` (what `npm start` runs) in an empty folder, until it exits or prints `until`. */
function runServer(env: Record<string, string>, until?: string): Promise<Run & { stop: () => void }> {
  const cwd = mkdtempSync(join(tmpdir(), 'react-spa-start-'));
  const child = spawn(process.execPath, [tsxCli, join(TEMPLATE_ROOT, 'server', 'server.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(cwd, { recursive: true, force: true });
  };
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      run.stdout += chunk;
      if (until && run.stdout.includes(until)) resolve({ ...run, stop });
    });
    child.stderr.on('data', (chunk) => {
      run.stderr += chunk;
    });
    child.on('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ ...run, code, stop });
    });
  });
}

describe('npm start', () => {
  let mock: PinterestMock | undefined;
  let stopServer: (() => void) | undefined;
  afterEach(async () => {
    stopServer?.();
    await mock?.close();
  });

  it('stops with one line naming the missing setting', async () => {
    const run = await runServer({});
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PINTEREST_APP_ID');
    expect(lines[0]).toContain('.env');
  });

  it('stops with one line for a malformed redirect URI', async () => {
    const run = await runServer({
      ...CREDENTIALS,
      PINTEREST_REDIRECT_URI: 'http://boards.example.com/auth/callback',
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PINTEREST_REDIRECT_URI.*https/);
  });

  it('prints the banner (environment, redirect URI to register, URL to open) and serves the SPA', async () => {
    mock = await startPinterestMock();
    const port = await freePort();
    const staticDir = mkdtempSync(join(tmpdir(), 'react-spa-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>built</title>');
    const run = await runServer(
      {
        PINTEREST_APP_ID: DEFAULT_APP.appId,
        PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
        PINTEREST_OAUTH_URI: mock.oauthUrl,
        PINTEREST_API_URI: mock.apiUrl,
        PORT: String(port),
        STATIC_DIR: staticDir,
      },
      'Open:',
    );
    stopServer = () => {
      run.stop();
      rmSync(staticDir, { recursive: true, force: true });
    };
    expect(run.code).toBeNull();
    expect(run.stdout).toContain(`Environment:   Pinterest production (API ${mock.apiUrl}/v5)`);
    expect(run.stdout).toContain(`Redirect URI:  http://localhost:${port}/auth/callback`);
    expect(run.stdout).toContain('Configure → Redirect URIs');
    expect(run.stdout).toContain(`Open:          http://localhost:${port}/`);
    expect(run.stdout + run.stderr).not.toContain(DEFAULT_APP.appSecret);
    const page = await rawRequest(`http://127.0.0.1:${port}`, '/boards/123');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>built</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
