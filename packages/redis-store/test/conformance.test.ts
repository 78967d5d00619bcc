import {
  describeRefreshLockConformance,
  describeTokenStoreConformance,
  describeTransactionStoreConformance,
} from '@kit/auth-core/testing';
import { afterAll, beforeAll } from 'vitest';
import {
  RedisRefreshLock,
  type RedisStoresOptions,
  RedisTokenStore,
  RedisTransactionStore,
} from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/testing.js';

// One real redis-server for the file; every test gets fresh stores under a prefix of its own, so tests never
// see each other's keys.
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.close();
});

let counter = 0;
const options = (encrypted: boolean): RedisStoresOptions => ({
  url: redis.url,
  keyPrefix: `conformance-${process.pid}-${++counter}:`,
  encryptionKey: encrypted ? Buffer.alloc(32, 7).toString('base64') : false,
});
const close = (store: unknown) => (store as { close(): Promise<void> }).close();

for (const encrypted of [false, true]) {
  const label = encrypted ? ' (AES-256-GCM at rest)' : '';
  describeTokenStoreConformance(`RedisTokenStore${label}`, () => new RedisTokenStore(options(encrypted)), {
    teardown: close,
  });
  describeTransactionStoreConformance(
    `RedisTransactionStore${label}`,
    () => new RedisTransactionStore(options(encrypted)),
    { teardown: close },
  );
}
describeRefreshLockConformance('RedisRefreshLock', () => new RedisRefreshLock(options(false)), {
  teardown: close,
});
