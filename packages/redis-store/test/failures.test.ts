import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { sampleTokenRecord } from '@kit/auth-core/testing';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRedisClient } from '../src/connection.js';
import { createRedisStores, RedisStoreError } from '../src/index.js';
import { startRedisServer } from '../src/testing.js';
import { useRedisServer } from './fixtures/redis.js';

const fixture = useRedisServer('f', { commandTimeoutMs: 300, connectTimeoutMs: 300 });
const stores = fixture.stores;

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Retry `operation` until it resolves (bounded: 100 attempts, 100 ms apart). */
async function eventually<T>(operation: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw lastError;
}

describe('when Redis is unreachable', () => {
  it('every operation fails with REDIS_UNAVAILABLE naming host:port, never the password', async () => {
    const port = await deadPort();
    const made = stores({ url: `redis://app:canary-password-123@127.0.0.1:${port}` });
    const failures = await Promise.all([
      made.store.get('acct').catch((e: unknown) => e),
      made.store.compareAndSet('acct', null, sampleTokenRecord(1)).catch((e: unknown) => e),
      made.store.delete('acct').catch((e: unknown) => e),
      made.transactionStore.take('tx').catch((e: unknown) => e),
      made.lock.acquire('acct', { ttlMs: 1000, waitMs: 1000 }).catch((e: unknown) => e),
      made.ping().catch((e: unknown) => e),
    ]);
    for (const error of failures) {
      expect(error).toBeInstanceOf(RedisStoreError);
      expect(error).toMatchObject({ code: 'REDIS_UNAVAILABLE', hint: expect.stringContaining('REDIS_URL') });
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      expect((error as Error).message).toContain('ECONNREFUSED');
      const text = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
      expect(text).not.toContain('canary-password-123');
      expect(text).not.toContain(sampleTokenRecord(1).accessToken);
    }
    // Later calls (client reconnecting in the background) fail the same way, at once.
    await expect(made.store.get('acct')).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE' });
  });
});

describe('when Redis goes away mid-flight and comes back', () => {
  it('stopped: fails with REDIS_UNAVAILABLE, then recovers on its own after a restart on the same port', async () => {
    const made = stores();
    await made.store.compareAndSet('acct', null, sampleTokenRecord(1));
    await fixture.redis.stop({ save: true });

    for (let i = 0; i < 5; i++) {
      await expect(made.store.get('acct')).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE' });
    }
    await expect(made.lock.acquire('acct', { ttlMs: 1000, waitMs: 5000 })).rejects.toMatchObject({
      code: 'REDIS_UNAVAILABLE',
    });

    await fixture.redis.start();
    const back = await eventually(() => made.store.get('acct'));
    expect(back?.record).toEqual(sampleTokenRecord(1));
    expect(await made.store.compareAndSet('acct', back?.version ?? null, sampleTokenRecord(2))).toBe(true);
  });

  it('killed without persistence: the data is gone and the store says so (undefined), no stale copy', async () => {
    const made = stores();
    await made.store.compareAndSet('acct', null, sampleTokenRecord(1));
    await fixture.redis.stop();
    await expect(made.store.get('acct')).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE' });
    await fixture.redis.start();
    expect(await eventually(() => made.store.get('acct'))).toBeUndefined();
  });

  it('hung (SIGSTOP): commands fail with REDIS_TIMEOUT after commandTimeoutMs, then work after SIGCONT', async () => {
    const made = stores();
    await made.store.compareAndSet('acct', null, sampleTokenRecord(1));
    fixture.redis.pause();
    const error = await made.store.get('acct').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisStoreError);
    expect(error).toMatchObject({ code: 'REDIS_TIMEOUT', message: expect.stringContaining('300 ms') });
    await expect(made.transactionStore.take('tx')).rejects.toMatchObject({ code: 'REDIS_TIMEOUT' });
    fixture.redis.resume();
    const back = await eventually(() => made.store.get('acct'));
    expect(back?.record).toEqual(sampleTokenRecord(1));
  });

  it('a command in flight when the connection drops fails (REDIS_UNAVAILABLE), it is not silently re-sent', async () => {
    // The client the stores would make for this URL, made here so the test can see when a command is sent.
    const client = createRedisClient(fixture.redis.url, { commandTimeoutMs: 5_000 });
    client.on('error', () => {}); // its reconnection attempts after the kill; the store reports the failure
    onTestFinished(() => client.disconnect());
    const made = stores({ client, commandTimeoutMs: 5_000 });
    await made.ping();
    // A frozen Redis holds our command unanswered on an open connection; then it dies.
    fixture.redis.pause();
    const inFlight = made.store.get('acct').catch((e: unknown) => e);
    // Written to the socket and waiting for its reply: in flight (no sleep standing in for that).
    await expect.poll(() => client.commandQueue.length, { timeout: 5_000, interval: 5 }).toBeGreaterThan(0);
    await fixture.redis.kill();
    const error = await inFlight;
    expect(error).toMatchObject({ code: 'REDIS_UNAVAILABLE' });
    expect((error as Error).message).toContain('may or may not have been applied');
  });
});

describe('after close()', () => {
  it('operations fail with STORE_CLOSED', async () => {
    const made = stores();
    await made.ping();
    await made.close();
    await expect(made.store.get('acct')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    await expect(made.lock.acquire('acct', { ttlMs: 1000, waitMs: 0 })).rejects.toMatchObject({
      code: 'STORE_CLOSED',
    });
  });
});

describe('bounded waits', () => {
  it('a server that accepts connections but never answers: REDIS_TIMEOUT, not a hang', async () => {
    const silent = createServer((socket) => socket.on('data', () => {}));
    silent.listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const made = stores({ url: `redis://127.0.0.1:${port}` });
      await expect(made.store.get('acct')).rejects.toMatchObject({ code: 'REDIS_TIMEOUT' });
      await expect(made.ping()).rejects.toBeInstanceOf(RedisStoreError);
    } finally {
      silent.close();
    }
  });
});

describe('Redis without the commands the stores need', () => {
  it('ping() names the missing command; take() fails with REDIS_ERROR and a Redis 6.2 hint', async () => {
    const limited = await startRedisServer({ args: ['--rename-command', 'GETDEL', ''] });
    const made = createRedisStores({ url: limited.url, env: {} });
    try {
      await expect(made.ping()).rejects.toMatchObject({
        code: 'REDIS_ERROR',
        message: expect.stringContaining('lacks GETDEL'),
      });
      await expect(made.transactionStore.take('tx')).rejects.toMatchObject({
        code: 'REDIS_ERROR',
        hint: expect.stringContaining('Redis 6.2 or newer'),
      });
      await expect(made.store.compareAndSet('acct', null, sampleTokenRecord(1))).resolves.toBe(true);
    } finally {
      await made.close();
      await limited.close();
    }
  });

  it('ping() passes on this Redis 7', async () => {
    await expect(stores().ping()).resolves.toBeUndefined();
  });
});
