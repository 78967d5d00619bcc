/**
 * Start-up settings: defaults, one actionable line per problem, and the real `npm start` entry printing its
 * banner or its one-line error.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../server/config.js';
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

  it('development: a localhost redirect URI sets the dev server port, so the browser uses one origin', () => {
    const dev = loadSettings(
      { ...CREDENTIALS, PINTEREST_REDIRECT_URI: 'http://localhost:5180/auth/callback' },
      { mode: 'development' },
    );
    expect(dev.devPort).toBe(5180);
    expect(dev.publicOrigin).toBe('http://localhost:5180');
  });

  it('development: a DEV_PORT the redirect URI disagrees with stops the start, with both fixes spelled out', () => {
    const problems = problemsOf({
      ...CREDENTIALS,
      DEV_PORT: '5174',
      PINTEREST_REDIRECT_URI: 'http://localhost:5173/auth/callback',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('DEV_PORT=5174');
    expect(problems[0]).toContain('unset DEV_PORT');
    expect(problems[0]).toContain('PINTEREST_REDIRECT_URI=http://localhost:5174/auth/callback');
    // The same pair agreeing, an https (tunnel) redirect URI, or production mode: nothing to fix.
    expect(
      problemsOf({
        ...CREDENTIALS,
        DEV_PORT: '5174',
        PINTEREST_REDIRECT_URI: 'http://localhost:5174/auth/callback',
      }),
    ).toEqual([]);
    expect(
      problemsOf({
        ...CREDENTIALS,
        DEV_PORT: '5174',
        PINTEREST_REDIRECT_URI: 'https://dev.example.com/auth/callback',
      }),
    ).toEqual([]);
    expect(
      problemsOf(
        { ...CREDENTIALS, DEV_PORT: '5174', PINTEREST_REDIRECT_URI: 'http://localhost:3001/auth/callback' },
        'production',
      ),
    ).toEqual([]);
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

/**
 * Runs createStores in a fresh Node process (nothing else has loaded a module yet) and reports how it ended
 * and whether ioredis (a CommonJS package, hence visible in `require.cache`) was loaded.
 */
function storesInFreshProcess(env: NodeJS.ProcessEnv): Promise<{ outcome: string; ioredisLoaded: boolean }> {
  const tsx = pathToFileURL(createRequire(join(TEMPLATE_ROOT, 'package.json')).resolve('tsx')).href;
  const stores = pathToFileURL(join(TEMPLATE_ROOT, 'server', 'stores.ts')).href;
  const script = `
    import { createRequire } from 'node:module';
    const { createStores } = await import(${JSON.stringify(stores)});
    const outcome = await createStores(JSON.parse(process.env.STORES_CHECK_ENV)).then(
      (created) => created.close().then(() => created.description),
      (error) => (error.message.startsWith('REDIS_URL:') ? 'REDIS_URL error' : String(error)),
    );
    const cache = createRequire(process.cwd() + '/').cache;
    const ioredisLoaded = Object.keys(cache).some((path) => /[\\/]ioredis[\\/]/.test(path));
    process.stdout.write(JSON.stringify({ outcome, ioredisLoaded }));
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', tsx, '--input-type=module', '-e', script],
      {
        cwd: tmpdir(),
        env: { PATH: process.env.PATH ?? '', STORES_CHECK_ENV: JSON.stringify(env) },
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as { outcome: string; ioredisLoaded: boolean });
      },
    );
  });
}

describe('createStores', () => {
  it('without REDIS_URL, ioredis is never loaded; with it, it is (the check can tell)', async () => {
    expect(await storesInFreshProcess({})).toEqual({
      outcome: 'in memory (lost on restart)',
      ioredisLoaded: false,
    });
    const port = await freePort(); // nothing listens there
    expect(await storesInFreshProcess({ REDIS_URL: `redis://127.0.0.1:${port}` })).toEqual({
      outcome: 'REDIS_URL error',
      ioredisLoaded: true,
    });
  });

  it('keeps tokens in memory without REDIS_URL', async () => {
    const stores = await createStores({});
    expect(stores.stores).toEqual({});
    expect(stores.description).toContain('memory');
  });

  it('with REDIS_URL, loads @kit/redis-store and fails fast when Redis does not answer (never falls back to memory)', async () => {
    const port = await freePort(); // nothing listens there
    const error = await createStores({ REDIS_URL: `redis://127.0.0.1:${port}` }).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toContain(`REDIS_URL: Redis at 127.0.0.1:${port} is unavailable`);
    expect(error?.message).toContain('ECONNREFUSED');
    expect(error?.message).toContain('Start Redis or fix REDIS_URL');
    expect(error?.message).not.toContain('\n');
  });

  it('with REDIS_URL, refuses a malformed PINTEREST_TOKEN_ENCRYPTION_KEY before connecting, without echoing it', async () => {
    const key = 'not-a-32-byte-key-5521';
    const port = await freePort();
    const error = await createStores({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      PINTEREST_TOKEN_ENCRYPTION_KEY: key,
    }).then(
      () => undefined,
      (thrown: unknown) => thrown as Error & { code?: string },
    );
    expect(error?.code).toBe('INVALID_ENCRYPTION_KEY');
    expect(error?.message).toContain('32');
    expect(error?.message).not.toContain(key);
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

  it('stops with one line when REDIS_URL is set and Redis does not answer', async () => {
    const redisPort = await freePort();
    const run = await runServer({ ...CREDENTIALS, REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`REDIS_URL: Redis at 127.0.0.1:${redisPort} is unavailable`);
    expect(run.stdout).not.toContain('Open:');
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
