/** The default token store: a FileTokenStore in DATA_DIR, keyed by Pinterest account id, 0600 in a 0700 folder. */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsError } from '../src/config.js';
import { buildTestApp, freePort, loginWithInject, mockEnv, startMock } from './helpers.js';

// inject() needs no listening socket; the URI still names a free port, never a fixed one.
const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
let mock: PinterestMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
  dir = await mkdtemp(join(tmpdir(), 'fastify-template-data-'));
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

describe('TOKEN_STORE=file (the default)', () => {
  it('keeps tokens by account id in DATA_DIR/tokens.json, mode 0600, and they survive a restart', async () => {
    const dataDir = join(dir, 'data');
    const env = { TOKEN_STORE: 'file', DATA_DIR: dataDir };
    const first = await buildTestApp(mock, REDIRECT_URI, { env });
    expect(first.stores.description).toBe(`file ${join(dataDir, 'tokens.json')}`);
    await loginWithInject(first);
    await first.app.close();

    const file = join(dataDir, 'tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const content = JSON.parse(readFileSync(file, 'utf8')) as { accounts: Record<string, unknown> };
    expect(Object.keys(content.accounts)).toEqual(['1000000000000000001']);

    const second = await buildTestApp(mock, REDIRECT_URI, { env });
    try {
      const account = await second.auth.client('1000000000000000001').get('/user_account');
      expect(account.username).toBe('mock_alice');
    } finally {
      await second.app.close();
    }
  });
});

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Runs createStores in a fresh Node process (so nothing else has loaded a module yet) and reports how it
 * ended and whether ioredis (a CommonJS package, hence visible in `require.cache`) was loaded.
 */
function storesInFreshProcess(env: NodeJS.ProcessEnv): Promise<{ outcome: string; ioredisLoaded: boolean }> {
  const script = `
    import { createRequire } from 'node:module';
    const { loadSettings } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../src/config.ts')).href)});
    const { createStores } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../src/stores.ts')).href)});
    const outcome = await createStores(loadSettings(JSON.parse(process.env.STORES_CHECK_ENV))).then(
      (stores) => stores.close().then(() => stores.description),
      (error) => error.code ?? String(error),
    );
    const cache = createRequire(process.cwd() + '/').cache;
    const ioredisLoaded = Object.keys(cache).some((path) => /[\\/]ioredis[\\/]/.test(path));
    process.stdout.write(JSON.stringify({ outcome, ioredisLoaded }));
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TSX, '--input-type=module', '-e', script],
      {
        cwd: dir,
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

describe('REDIS_URL (@kit/redis-store, a dependency loaded only when set)', () => {
  it('without REDIS_URL, ioredis is never loaded; with it, it is (the check can tell)', async () => {
    const without = await storesInFreshProcess(mockEnv(mock, REDIRECT_URI, { TOKEN_STORE: 'memory' }));
    expect(without).toEqual({ outcome: 'memory (lost on restart)', ioredisLoaded: false });
    const port = await freePort(); // nothing listens there
    const withUrl = await storesInFreshProcess(
      mockEnv(mock, REDIRECT_URI, { REDIS_URL: `redis://127.0.0.1:${port}` }),
    );
    expect(withUrl).toEqual({ outcome: 'INVALID_SETTINGS', ioredisLoaded: true });
  });

  it('fails at start-up with one line naming REDIS_URL when Redis does not answer: never a fallback', async () => {
    const port = await freePort(); // nothing listens there
    const error = await buildTestApp(mock, REDIRECT_URI, {
      env: { REDIS_URL: `redis://127.0.0.1:${port}` },
    }).then(
      () => undefined,
      (thrown: unknown) => thrown as SettingsError,
    );
    expect(error).toBeInstanceOf(SettingsError);
    expect(error?.problems).toHaveLength(1);
    expect(error?.problems[0]).toContain(`REDIS_URL: Redis at 127.0.0.1:${port} is unavailable`);
    expect(error?.problems[0]).toContain('ECONNREFUSED');
    expect(error?.problems[0]).toContain('Start Redis or fix REDIS_URL');
  });

  it('refuses a malformed PINTEREST_TOKEN_ENCRYPTION_KEY by name, before connecting, without echoing it', async () => {
    const key = 'not-a-32-byte-key-7731';
    const port = await freePort();
    const error = await buildTestApp(mock, REDIRECT_URI, {
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, PINTEREST_TOKEN_ENCRYPTION_KEY: key },
    }).then(
      () => undefined,
      (thrown: unknown) => thrown as SettingsError,
    );
    expect(error).toBeInstanceOf(SettingsError);
    expect(error?.problems).toHaveLength(1);
    expect(error?.problems[0]).toMatch(/^PINTEREST_TOKEN_ENCRYPTION_KEY: .*32/);
    expect(error?.problems.join(' ')).not.toContain(key);
  });
});
