/**
 * The doctor with a Redis token store, against real redis-servers and the mock: a Redis that keeps tokens passes;
 * one that persists nothing, one that may evict them, and one that is down each fail with the fix. The passing
 * and the unreachable case run the doctor as a process (exit status, and the process ends once the store is
 * closed); the other two call the same wiring in this process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPinterestAuth } from '@kit/auth-core';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/testing.js';
import { wiredDoctor } from './fixtures/doctor.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const REDIRECT_URI = 'http://localhost:3000/auth/callback';
const SCOPES = 'user_accounts:read,boards:read';
const PREFIX = 'doctor-test:';

let mock: PinterestMock;
beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The caller's environment without Pinterest or Redis settings, plus the mock's app and this Redis. */
function doctorEnv(redisUrl: string): Record<string, string | undefined> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^PINTEREST_|^REDIS_URL$/.test(name)),
  );
  return {
    ...base,
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: REDIRECT_URI,
    PINTEREST_SCOPES: SCOPES,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    REDIS_URL: redisUrl,
    DOCTOR_KEY_PREFIX: PREFIX,
  };
}

/** Run test/fixtures/doctor.ts as a process: its exit status, and that it exits at all once the store is closed. */
function runDoctorProcess(redisUrl: string): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/doctor.ts'], {
    cwd: PACKAGE_DIR,
    env: doctorEnv(redisUrl),
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
async function runDoctor(redisUrl: string): Promise<Run> {
  let out = '';
  const code = await wiredDoctor(doctorEnv(redisUrl), {
    argv: [],
    isTTY: false,
    write: (text) => {
      out += text;
    },
  });
  return { code, out, err: '' };
}

const storeLine = (out: string) => out.split('\n').find((l) => /^[✔!✖–] Token store:/.test(l)) ?? '';
const fixOf = (out: string) => {
  const lines = out.split('\n');
  return lines[lines.indexOf(storeLine(out)) + 1]?.replace(/^\s+→\s/, '') ?? '';
};

/** Log alice in with tokens in this Redis (through the consent page's auto-approve). */
async function loginAlice(url: string): Promise<void> {
  const store = new RedisTokenStore({ url, keyPrefix: PREFIX, encryptionKey: false });
  try {
    const auth = createPinterestAuth({
      appId: DEFAULT_APP.appId,
      appSecret: DEFAULT_APP.appSecret,
      redirectUri: REDIRECT_URI,
      scopes: SCOPES.split(',') as never,
      oauthUrl: mock.oauthUrl,
      apiUrl: mock.apiUrl,
      store,
    });
    const { url: consentUrl, state } = await auth.createAuthorizationURL();
    const response = await fetch(consentUrl, { redirect: 'manual' });
    await auth.handleCallback(response.headers.get('location') ?? '', { state });
  } finally {
    await store.close();
  }
}

describe('doctor with a Redis token store', () => {
  const servers: RedisServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
  });
  const start = async (args: string[]) => {
    const server = await startRedisServer({ args });
    servers.push(server);
    return server;
  };

  it('passes with persistence on and an eviction policy that keeps token keys', async () => {
    const redis = await start(['--appendonly', 'yes', '--maxmemory-policy', 'volatile-lru']);
    await loginAlice(redis.url);
    const run = await runDoctorProcess(redis.url);
    expect(run.code, run.out + run.err).toBe(0);
    expect(storeLine(run.out)).toMatch(
      /^✔ Token store: redis 127\.0\.0\.1:\d+ \(key prefix "doctor-test:"\)/,
    );
    expect(run.out).toContain('1 account under doctor-test:token:*.');
    expect(run.out).toContain('@mock_alice');
    expect(run.out.split('\n').filter((l) => /^[!✖–] /.test(l))).toEqual([]);
  });

  it('fails on a Redis that persists nothing (--save "" --appendonly no)', async () => {
    const redis = await start([]);
    const run = await runDoctor(redis.url);
    expect(run.code).toBe(1);
    expect(storeLine(run.out)).toContain('Redis persists nothing');
    expect(fixOf(run.out)).toBe(
      'Turn persistence on: appendonly yes in redis.conf (or CONFIG SET appendonly yes, then CONFIG REWRITE).',
    );
  });

  it('fails on maxmemory-policy allkeys-lru', async () => {
    const redis = await start(['--appendonly', 'yes', '--maxmemory-policy', 'allkeys-lru']);
    const run = await runDoctor(redis.url);
    expect(run.code).toBe(1);
    expect(storeLine(run.out)).toContain('maxmemory-policy allkeys-lru lets Redis evict token keys');
    expect(fixOf(run.out)).toBe(
      'Set maxmemory-policy noeviction (or a volatile-* policy: token keys never expire, so those keep them).',
    );
  });

  it('fails when Redis is down', async () => {
    const redis = await start(['--appendonly', 'yes']);
    await redis.stop();
    const run = await runDoctorProcess(redis.url);
    expect(run.code).toBe(1);
    expect(storeLine(run.out)).toMatch(/^✖ Token store: .*unavailable/);
    expect(fixOf(run.out)).toBe(
      'Start Redis or point REDIS_URL at it: without it no instance can read or save tokens.',
    );
  });
});
