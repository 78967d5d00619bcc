import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisStores, RedisRefreshLock } from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/testing.js';

const started: RedisServer[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) await server.close();
});

describe('startRedisServer (@kit/redis-store/testing)', () => {
  it('runs a throw-away redis-server on a loopback port, without persistence, in a temp dir', async () => {
    const server = await startRedisServer();
    started.push(server);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.dir.startsWith(tmpdir())).toBe(true);
    expect(await server.command('PING')).toBe('+PONG');
    expect(await server.command('CONFIG', 'GET', 'save')).toContain('\r\nsave\r\n$0');
    expect(await server.command('CONFIG', 'GET', 'appendonly')).toContain('\r\nno');
    expect(await server.command('CONFIG', 'GET', 'bind')).toContain('127.0.0.1');
  });

  it('two servers get different ports; close() stops the process and removes its directory', async () => {
    const one = await startRedisServer();
    const two = await startRedisServer();
    started.push(two);
    expect(one.port).not.toBe(two.port);
    await one.close();
    expect(one.running).toBe(false);
    expect(existsSync(one.dir)).toBe(false);
    await expect(one.command('PING')).rejects.toThrow();
  });

  it('restarts on the same port; data survives only a stop({ save: true })', async () => {
    const server = await startRedisServer();
    started.push(server);
    const port = server.port;
    await server.command('SET', 'kept', 'yes');
    await server.stop({ save: true });
    expect(server.running).toBe(false);
    await server.start();
    expect(server.port).toBe(port);
    expect(await server.command('GET', 'kept')).toBe('$3\r\nyes');
    await server.command('FLUSHALL');
    await server.command('SET', 'lost', 'yes');
    await server.kill();
    await server.start();
    expect(await server.command('GET', 'lost')).toBe('$-1');
  });

  it('names the fix when the binary is missing', async () => {
    await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
      /not found.*scripts\/setup\.mjs.*REDIS_SERVER_PATH/,
    );
  });
});

describe('RedisTokenStore.lock', () => {
  it('is the Redis lock on the same connection, so createPinterestAuth({ store }) alone is cross-instance safe', async () => {
    const server = await startRedisServer();
    started.push(server);
    const stores = createRedisStores({ url: server.url, env: {} });
    try {
      expect(stores.store.lock).toBeInstanceOf(RedisRefreshLock);
      expect(stores.lock).toBe(stores.store.lock);
      const release = await stores.store.lock.acquire('acct', { ttlMs: 10_000, waitMs: 0 });
      expect(await server.command('EXISTS', 'pinterest:lock:acct')).toBe(':1');
      await release();
    } finally {
      await stores.close();
    }
  });
});
