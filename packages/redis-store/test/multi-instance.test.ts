/**
 * The "Done means": four separate Node processes, each running @kit/auth-core's createPinterestAuth
 * with the Redis stores, against one redis-server and one Pinterest mock. Pinterest rotates refresh tokens (the
 * mock kills the old one on use), so two refreshes of one expiry would log the account out: exactly one may
 * happen per expiry, whatever the instances do, also when one dies holding the lock or Redis goes away.
 */
import { createPinterestAuth, fingerprint, type PinterestAuth } from '@kit/auth-core';
import { type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStores, type RedisStores } from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/testing.js';
import type { CallOutcome, InstanceConfig } from './fixtures/instance.js';
import { Instance, type StormResult } from './fixtures/instances.js';

const INSTANCES = 4;
const CALLS_PER_INSTANCE = 25;
const DAY_SECONDS = 86_400;
const KEY_PREFIX = 'multi:';
const ENCRYPTION_KEY = Buffer.alloc(32, 42).toString('base64');
// A short token timeout and lock TTL keep the takeover wait after the SIGKILL near 4 s (auth-core's default
// TTL, 2 × timeoutMs + 10 s, would wait 11 s). The TTL still exceeds the token timeout by 3.5 s, more than the
// 2 s auth-core requires for the store work around the request, so a live holder never loses the lock.
const TIMEOUT_MS = 500;
const LOCK_TTL_MS = 4_000;

let redis: RedisServer;
let mock: PinterestMock;
let stores: RedisStores;
let auth: PinterestAuth;
let account: string;
let instances: Instance[] = [];
let config: InstanceConfig;
let offsetMs = 0;
let stormId = 0;

beforeAll(async () => {
  [redis, mock] = await Promise.all([
    startRedisServer(),
    startPinterestMock({ autoApprove: '1000000000000000001', rateLimits: false }),
  ]);
  stores = createRedisStores({ url: redis.url, keyPrefix: KEY_PREFIX, encryptionKey: ENCRYPTION_KEY });
  auth = createPinterestAuth({
    appId: '1000001',
    appSecret: 'mock-app-secret',
    redirectUri: 'http://localhost:3000/auth/callback',
    scopes: ['user_accounts:read', 'boards:read'],
    oauthUrl: mock.url,
    apiUrl: mock.url,
    store: stores.store,
    transactionStore: stores.transactionStore,
    lock: stores.lock,
    now: () => Date.now() + offsetMs,
  });
  // A real login through the mock's consent page (auto-approved as alice); the tokens land in Redis.
  const { url, state } = await auth.createAuthorizationURL();
  const consent = await fetch(url, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (!callback) throw new Error(`the mock's consent page did not redirect (${consent.status})`);
  account = (await auth.handleCallback(callback, { state })).key;

  config = {
    redisUrl: redis.url,
    mockUrl: mock.url,
    keyPrefix: KEY_PREFIX,
    account,
    encryptionKey: ENCRYPTION_KEY,
    timeoutMs: TIMEOUT_MS,
    lockTtlMs: LOCK_TTL_MS,
  };
  instances = await Promise.all(Array.from({ length: INSTANCES }, () => Instance.start(config)));
}, 60_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await stores?.close();
  await mock?.close();
  await redis?.close();
});

/** Move the mock's clock and the instances' clocks past the access token's 30-day lifetime. */
function expireAccessToken(): void {
  mock.control.advanceClock(31 * DAY_SECONDS);
  offsetMs += 31 * DAY_SECONDS * 1000;
}

function refreshRequests() {
  return mock.control.tokenRequests().filter((entry) => entry.grantType === 'refresh_token');
}

/** Fingerprints of the record in Redis, read by this (parent) process. */
async function storedFingerprints() {
  const record = (await stores.store.get(account))?.record;
  if (!record?.refreshToken) throw new Error('no record with a refresh token in Redis');
  return { access: fingerprint(record.accessToken), refresh: fingerprint(record.refreshToken) };
}

const failuresOf = (results: StormResult[]) =>
  results.flatMap((result) => result.outcomes.filter((o): o is Extract<CallOutcome, { ok: false }> => !o.ok));
const tokensOf = (results: StormResult[]) =>
  new Set(results.flatMap((result) => result.outcomes.flatMap((o) => (o.ok ? [o.token] : []))));

/** Every instance ended with the record now in Redis, and that token works against the mock. */
async function expectEveryoneOnNewestTokens(results: StormResult[]) {
  const newest = await storedFingerprints();
  expect(tokensOf(results)).toEqual(new Set([newest.access]));
  for (const result of results) {
    expect(result.stored).toEqual(newest);
    expect(result.apiOk).toBe(true);
  }
  return newest;
}

describe('four instances sharing Redis', () => {
  it('C13: an expired token hammered by 4 processes is refreshed exactly once per expiry; all end on the newest tokens', async () => {
    let previous = await storedFingerprints();
    for (let round = 0; round < 3; round++) {
      const before = refreshRequests().length;
      expireAccessToken();
      const results = await Promise.all(
        instances.map((instance) => instance.storm(++stormId, offsetMs, CALLS_PER_INSTANCE)),
      );

      expect(failuresOf(results)).toEqual([]);
      expect(results.flatMap((r) => r.outcomes)).toHaveLength(INSTANCES * CALLS_PER_INSTANCE);
      const refreshes = refreshRequests().slice(before);
      expect(refreshes).toHaveLength(1);
      // The one refresh used the refresh token that was current in Redis, and its result is what everyone has.
      expect(refreshes[0]?.form?.refresh_token).toBe(`fp:${previous.refresh}`);
      const newest = await expectEveryoneOnNewestTokens(results);
      expect(newest.access).not.toBe(previous.access);
      expect(newest.refresh).not.toBe(previous.refresh);
      previous = newest;
    }
  }, 60_000);

  it('a process SIGKILLed while holding the refresh lock: another takes over after the TTL, nothing is lost', async () => {
    const previous = await storedFingerprints();
    await Promise.all(instances.map((instance) => instance.hold(true)));
    const before = refreshRequests().length;
    expireAccessToken();

    const storms = instances.map((instance) => instance.storm(++stormId, offsetMs, CALLS_PER_INSTANCE));
    const victim = await Promise.race(instances.map((instance) => instance.locked().then(() => instance)));
    const survivors = instances.filter((instance) => instance !== victim);
    await Promise.all(survivors.map((instance) => instance.hold(false)));
    await victim.kill();

    // The victim died holding the lock, before sending its refresh request.
    expect(await redis.command('EXISTS', `${KEY_PREFIX}lock:${account}`)).toBe(':1');
    expect(refreshRequests().length).toBe(before);

    const results = await Promise.all(storms.filter((_, i) => instances[i] !== victim));
    expect(failuresOf(results)).toEqual([]);
    expect(results.flatMap((r) => r.outcomes)).toHaveLength((INSTANCES - 1) * CALLS_PER_INSTANCE);
    const refreshes = refreshRequests().slice(before);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.form?.refresh_token).toBe(`fp:${previous.refresh}`);
    const newest = await expectEveryoneOnNewestTokens(results);
    expect(newest.access).not.toBe(previous.access);

    // A replacement instance joins; the next expiry is again refreshed once, for all four.
    instances = survivors;
    instances.push(await Instance.start(config));
    const beforeNext = refreshRequests().length;
    expireAccessToken();
    const next = await Promise.all(
      instances.map((instance) => instance.storm(++stormId, offsetMs, CALLS_PER_INSTANCE)),
    );
    expect(failuresOf(next)).toEqual([]);
    expect(refreshRequests().length - beforeNext).toBe(1);
    await expectEveryoneOnNewestTokens(next);
  }, 60_000);

  it('Redis stopped: every request fails fast with REDIS_UNAVAILABLE; after a restart on the same port all recover', async () => {
    const previous = await storedFingerprints();
    const before = refreshRequests().length;
    await redis.stop({ save: true });

    // Down while the token is fresh, and while it has expired: never a fallback, never a refresh.
    const down = await Promise.all(instances.map((instance) => instance.storm(++stormId, offsetMs, 5)));
    expireAccessToken();
    down.push(...(await Promise.all(instances.map((instance) => instance.storm(++stormId, offsetMs, 5)))));
    const downFailures = failuresOf(down);
    expect(downFailures).toHaveLength(down.length * 5);
    for (const failure of downFailures) {
      expect(failure.code).toBe('REDIS_UNAVAILABLE');
      expect(failure.message).toContain(`Redis at 127.0.0.1:${redis.port} is unavailable`);
    }
    expect(refreshRequests().length).toBe(before);

    await redis.start();
    // Until each instance's client has reconnected (back-off ≤ 1 s) its calls may still fail, but only with a
    // clear connection error; bounded at 50 attempts.
    let results: StormResult[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      results = await Promise.all(instances.map((instance) => instance.storm(++stormId, offsetMs, 5)));
      const failures = failuresOf(results);
      for (const failure of failures) expect(['REDIS_UNAVAILABLE', 'REDIS_TIMEOUT']).toContain(failure.code);
      if (failures.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(failuresOf(results)).toEqual([]);
    // The data survived the restart (SAVE before SIGTERM), and the pending expiry was refreshed exactly once.
    expect(refreshRequests().length - before).toBe(1);
    expect(refreshRequests()[before]?.form?.refresh_token).toBe(`fp:${previous.refresh}`);
    await expectEveryoneOnNewestTokens(results);
  }, 60_000);
});
