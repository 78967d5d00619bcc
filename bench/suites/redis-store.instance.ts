/**
 * Child process of redis-store.bench.ts: one app instance (createPinterestAuth + Redis stores) that answers
 * `{ id, offsetMs, calls }` over IPC by firing `calls` concurrent getAccessToken with its clock at real time +
 * `offsetMs`, and replying with each call's latency in ms (and the number of failures).
 */
import { createPinterestAuth } from '@kit/auth-core';
import { createRedisStores } from '@kit/redis-store';

const { redisUrl, mockUrl, account } = JSON.parse(process.env.BENCH_INSTANCE ?? '{}') as {
  redisUrl: string;
  mockUrl: string;
  account: string;
};
let offsetMs = 0;
const redis = createRedisStores({ url: redisUrl, keyPrefix: 'bench-storm:', encryptionKey: false });
const auth = createPinterestAuth({
  appId: '1000001',
  appSecret: 'mock-app-secret',
  redirectUri: 'http://localhost:3000/auth/callback',
  scopes: ['user_accounts:read'],
  oauthUrl: mockUrl,
  apiUrl: mockUrl,
  store: redis.store,
  transactionStore: redis.transactionStore,
  lock: redis.lock,
  now: () => Date.now() + offsetMs,
});

process.on('message', async (request: { id: number; offsetMs: number; calls: number } | 'exit') => {
  if (request === 'exit') {
    await redis.close();
    process.exit(0);
  }
  offsetMs = request.offsetMs;
  let failures = 0;
  const latencies = await Promise.all(
    Array.from({ length: request.calls }, async () => {
      const started = performance.now();
      await auth.getAccessToken(account).catch(() => {
        failures++;
      });
      return performance.now() - started;
    }),
  );
  process.send?.({ id: request.id, latencies, failures });
});
process.on('disconnect', () => process.exit(0));
await redis.ping();
process.send?.('ready');
