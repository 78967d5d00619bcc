/**
 * @kit/redis-store: what sharing tokens through Redis costs.
 * 1. getAccessToken on a fresh token (a store read, no network to Pinterest) with the memory store (baseline),
 *    the Redis store, and the Redis store with AES-256-GCM at rest — one loopback redis-server.
 * 2. Refresh storm: the access token expires and 4 processes × 25 concurrent callers ask for it at once; one
 *    refreshes through the Pinterest mock under the Redis lock, the others wait and read its result. Latency
 *    per call, p50/p99 over several expiries, against the same storm in one process with the memory store.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  createPinterestAuth,
  MemoryTokenStore,
  type PinterestAuth,
  type PinterestAuthConfig,
} from '@kit/auth-core';
import { startPinterestMock } from '@kit/pinterest-mock';
import { createRedisStores, type RedisStores } from '@kit/redis-store';
import { startRedisServer } from '@kit/redis-store/testing';
import { opsPerSecond, percentile, printTable, type Row } from '../lib/report.js';

const PROCESSES = 4;
const CALLS_PER_PROCESS = 25;
const ROUNDS = 8;
const DAY_MS = 86_400_000;

export async function run(): Promise<void> {
  const redis = await startRedisServer();
  const mock = await startPinterestMock({ autoApprove: '1000000000000000001', rateLimits: false });
  const opened: RedisStores[] = [];
  let offsetMs = 0;
  const base: PinterestAuthConfig = {
    appId: '1000001',
    appSecret: 'mock-app-secret',
    redirectUri: 'http://localhost:3000/auth/callback',
    scopes: ['user_accounts:read'],
    oauthUrl: mock.url,
    apiUrl: mock.url,
    now: () => Date.now() + offsetMs,
  };
  const withRedis = (keyPrefix: string, encryptionKey: string | false): PinterestAuthConfig => {
    const stores = createRedisStores({ url: redis.url, keyPrefix, encryptionKey });
    opened.push(stores);
    return { ...base, store: stores.store, transactionStore: stores.transactionStore, lock: stores.lock };
  };
  const login = async (auth: PinterestAuth) => {
    const { url, state } = await auth.createAuthorizationURL();
    const location = (await fetch(url, { redirect: 'manual' })).headers.get('location');
    if (!location) throw new Error('the mock did not redirect back from its consent page');
    return (await auth.handleCallback(location, { state })).key;
  };
  const children: ChildProcess[] = [];

  try {
    // 1. Fresh-token throughput.
    const variants: Array<[string, PinterestAuth]> = [
      ['getAccessToken, memory store', createPinterestAuth({ ...base, store: new MemoryTokenStore() })],
      ['getAccessToken, Redis store', createPinterestAuth(withRedis('bench-plain:', false))],
      [
        'getAccessToken, Redis store + AES-256-GCM',
        createPinterestAuth(withRedis('bench-enc:', Buffer.alloc(32, 5).toString('base64'))),
      ],
    ];
    const throughput: Row[] = [];
    for (const [name, auth] of variants) {
      const key = await login(auth);
      const value = await opsPerSecond(() => auth.getAccessToken(key), 2_000);
      throughput.push({
        name,
        value,
        unit: 'ops/s',
        ...(throughput[0] ? { baseline: throughput[0].name } : {}),
      });
    }
    // Ten callers at once: Redis round trips overlap (ioredis pipelines them on one connection).
    for (const [name, auth] of variants.slice(0, 2)) {
      const key = await login(auth);
      const value =
        10 *
        (await opsPerSecond(
          () => Promise.all(Array.from({ length: 10 }, () => auth.getAccessToken(key))),
          2_000,
        ));
      const baseline = 'getAccessToken, memory store, 10 concurrent';
      const row = `${name}, 10 concurrent`;
      throughput.push({ name: row, value, unit: 'ops/s', ...(row === baseline ? {} : { baseline }) });
    }
    printTable('getAccessToken on a fresh token (no refresh)', throughput);

    // 2. Refresh storm. Baseline: the same 100 callers in one process with the memory store.
    const memoryAuth = createPinterestAuth({ ...base, store: new MemoryTokenStore() });
    const memoryKey = await login(memoryAuth);
    const single: number[] = [];
    let singleFailures = 0;
    // Round 0 warms up (JIT, connections, script cache) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      mock.control.advanceClock(31 * 86_400);
      offsetMs += 31 * DAY_MS;
      const latencies = await Promise.all(
        Array.from({ length: PROCESSES * CALLS_PER_PROCESS }, async () => {
          const started = performance.now();
          await memoryAuth.getAccessToken(memoryKey).catch(() => singleFailures++);
          return performance.now() - started;
        }),
      );
      if (round > 0) single.push(...latencies);
    }

    const stormAuth = createPinterestAuth(withRedis('bench-storm:', false));
    const account = await login(stormAuth);
    const script = fileURLToPath(new URL('./redis-store.instance.ts', import.meta.url));
    for (let i = 0; i < PROCESSES; i++) {
      const child = fork(script, [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          BENCH_INSTANCE: JSON.stringify({ redisUrl: redis.url, mockUrl: mock.url, account }),
        },
      });
      children.push(child);
    }
    await Promise.all(children.map((child) => once(child, 'message')));
    let refreshesBefore = 0;
    const storm: number[] = [];
    let stormFailures = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      mock.control.advanceClock(31 * 86_400);
      offsetMs += 31 * DAY_MS;
      const replies = await Promise.all(
        children.map(async (child) => {
          const reply = once(child, 'message');
          child.send({ id: round, offsetMs, calls: CALLS_PER_PROCESS });
          return (await reply)[0] as { latencies: number[]; failures: number };
        }),
      );
      if (round === 0) refreshesBefore = mock.control.tokenRequests().length;
      for (const reply of replies) {
        if (round === 0) continue;
        storm.push(...reply.latencies);
        stormFailures += reply.failures;
      }
    }
    const refreshes = mock.control.tokenRequests().length - refreshesBefore;
    const note = `${ROUNDS} expiries × ${PROCESSES * CALLS_PER_PROCESS} callers`;
    printTable('Refresh storm: latency of getAccessToken when the token has just expired', [
      {
        name: 'p50, 1 process, memory store',
        value: percentile(single, 50),
        unit: 'ms',
        higherIsBetter: false,
        note,
      },
      {
        name: 'p99, 1 process, memory store',
        value: percentile(single, 99),
        unit: 'ms',
        higherIsBetter: false,
      },
      {
        name: `p50, ${PROCESSES} processes, Redis store + lock`,
        value: percentile(storm, 50),
        unit: 'ms',
        higherIsBetter: false,
        baseline: 'p50, 1 process, memory store',
        note: `${refreshes} refreshes for ${ROUNDS} expiries, ${stormFailures + singleFailures} failed calls`,
      },
      {
        name: `p99, ${PROCESSES} processes, Redis store + lock`,
        value: percentile(storm, 99),
        unit: 'ms',
        higherIsBetter: false,
        baseline: 'p99, 1 process, memory store',
      },
    ]);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    for (const stores of opened) await stores.close();
    await mock.close();
    await redis.close();
  }
}
