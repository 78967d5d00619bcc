import { inspect } from 'node:util';
import { LockTimeoutError } from '@kit/auth-core';
import { sampleLoginTransaction, sampleTokenRecord } from '@kit/auth-core/testing';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisStores, parseEncryptionKey, RedisStoreError, RedisTokenStore } from '../src/index.js';
import { useRedisServer } from './fixtures/redis.js';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');

const fixture = useRedisServer('t');
const stores = fixture.stores;

/** Raw reply lines of a command, e.g. HGETALL → ['version', '…', 'record', '…']. */
async function raw(...args: string[]): Promise<string[]> {
  const reply = await fixture.redis.command(...args);
  return reply.split('\r\n').filter((line, i) => i > 0 && !line.startsWith('$'));
}

describe('key layout', () => {
  it('keeps each account in one hash <prefix>token:<key> with a version and the JSON record', async () => {
    const { store } = stores({ keyPrefix: 'layout:' });
    await store.compareAndSet('1000000000000000001', null, sampleTokenRecord(1));
    const fields = await raw('HGETALL', 'layout:token:1000000000000000001');
    // A hash's field order is not guaranteed: compare as a map.
    const hash = Object.fromEntries(
      Array.from({ length: fields.length / 2 }, (_, i) => [fields[2 * i], fields[2 * i + 1]]),
    );
    expect(Object.keys(hash).sort()).toEqual(['record', 'version']);
    expect(hash.version).toBe((await store.get('1000000000000000001'))?.version);
    expect(JSON.parse(hash.record ?? '')).toEqual(sampleTokenRecord(1));
  });

  it('uses the default prefix pinterest: when none is given', async () => {
    const { store } = stores({ keyPrefix: undefined });
    await store.compareAndSet('default-prefix-account', null, sampleTokenRecord(1));
    expect(await fixture.redis.command('EXISTS', 'pinterest:token:default-prefix-account')).toBe(':1');
    await store.delete('default-prefix-account');
    expect(await fixture.redis.command('EXISTS', 'pinterest:token:default-prefix-account')).toBe(':0');
  });

  it('stores a login transaction as <prefix>tx:<id> with a PX expiry', async () => {
    const { transactionStore } = stores({ keyPrefix: 'txl:' });
    await transactionStore.put('digest-of-state', sampleLoginTransaction(1), 600_000);
    const pttl = Number((await fixture.redis.command('PTTL', 'txl:tx:digest-of-state')).slice(1));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(600_000);
    await transactionStore.take('digest-of-state');
    expect(await fixture.redis.command('EXISTS', 'txl:tx:digest-of-state')).toBe(':0');
  });

  it('holds the lock as <prefix>lock:<key> = random owner with a PX expiry, and deletes it on release', async () => {
    const { lock } = stores({ keyPrefix: 'lockl:' });
    const release = await lock.acquire('acct', { ttlMs: 45_000, waitMs: 0 });
    const owner = await raw('GET', 'lockl:lock:acct');
    expect(owner[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const pttl = Number((await fixture.redis.command('PTTL', 'lockl:lock:acct')).slice(1));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(45_000);
    await release();
    expect(await fixture.redis.command('EXISTS', 'lockl:lock:acct')).toBe(':0');
  });

  it('gives keys that are not well-formed UTF-16 (or start with ~) a Redis key of their own', async () => {
    const { store } = stores();
    const keys = ['\uD800', '\uDC00', '\uFFFD', '~', '~d800'];
    for (const [i, key] of keys.entries())
      expect(await store.compareAndSet(key, null, sampleTokenRecord(i))).toBe(true);
    for (const [i, key] of keys.entries())
      expect((await store.get(key))?.record).toEqual(sampleTokenRecord(i));
  });

  it('keeps apps with different prefixes apart on one Redis', async () => {
    const one = stores({ keyPrefix: 'app-one:' });
    const two = stores({ keyPrefix: 'app-two:' });
    await one.store.compareAndSet('acct', null, sampleTokenRecord(1));
    expect(await two.store.get('acct')).toBeUndefined();
    const held = await one.lock.acquire('acct', { ttlMs: 30_000, waitMs: 0 });
    const other = await two.lock.acquire('acct', { ttlMs: 30_000, waitMs: 0 });
    await other();
    await held();
  });

  it('throws auth-core LockTimeoutError (LOCK_TIMEOUT) when the lock stays held', async () => {
    const { lock } = stores();
    const release = await lock.acquire('acct', { ttlMs: 30_000, waitMs: 0 });
    const error = await lock.acquire('acct', { ttlMs: 30_000, waitMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    await release();
  });
});

describe('encryption at rest (AES-256-GCM)', () => {
  it('writes token records and transactions sealed: no token, refresh token or returnTo in Redis', async () => {
    const made = stores({ keyPrefix: 'enc:', encryptionKey: KEY_A });
    expect(made.encrypted).toBe(true);
    expect(made.keyFingerprint).toMatch(/^[0-9a-f]{8}$/);
    const record = sampleTokenRecord(1);
    await made.store.compareAndSet('acct', null, record);
    await made.transactionStore.put('tx1', sampleLoginTransaction(7), 60_000);
    const dump =
      (await fixture.redis.command('HGET', 'enc:token:acct')) +
      (await fixture.redis.command('GET', 'enc:tx:tx1'));
    expect(dump).toContain(`enc1.${made.keyFingerprint}.`);
    expect(dump).not.toContain(record.accessToken);
    expect(dump).not.toContain(record.refreshToken);
    expect(dump).not.toContain('/after-login/7');
    expect((await made.store.get('acct'))?.record).toEqual(record);
    expect(await made.transactionStore.take('tx1')).toEqual(sampleLoginTransaction(7));
  });

  it('reads the key from PINTEREST_TOKEN_ENCRYPTION_KEY; encryptionKey: false turns it off', async () => {
    const fromEnv = stores({ keyPrefix: 'envkey:', env: { PINTEREST_TOKEN_ENCRYPTION_KEY: KEY_A } });
    const explicit = stores({ keyPrefix: 'envkey:', encryptionKey: KEY_A });
    const off = stores({
      keyPrefix: 'envkey:',
      encryptionKey: false,
      env: { PINTEREST_TOKEN_ENCRYPTION_KEY: KEY_A },
    });
    expect(fromEnv.keyFingerprint).toBe(explicit.keyFingerprint);
    expect(off.encrypted).toBe(false);
    await fromEnv.store.compareAndSet('acct', null, sampleTokenRecord(1));
    expect((await explicit.store.get('acct'))?.record).toEqual(sampleTokenRecord(1));
  });

  it('a wrong key fails with DECRYPT_FAILED naming both key fingerprints, never a key', async () => {
    const writer = stores({ keyPrefix: 'wrong:', encryptionKey: KEY_A });
    const reader = stores({ keyPrefix: 'wrong:', encryptionKey: KEY_B });
    await writer.store.compareAndSet('acct', null, sampleTokenRecord(1));
    const error = await reader.store.get('acct').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisStoreError);
    expect(error).toMatchObject({ code: 'DECRYPT_FAILED' });
    const text = `${(error as Error).message} ${inspect(error)} ${JSON.stringify(error)}`;
    expect(text).toContain(writer.keyFingerprint);
    expect(text).toContain(reader.keyFingerprint);
    expect(text).toContain('PINTEREST_TOKEN_ENCRYPTION_KEY');
    for (const secret of [KEY_A, KEY_B, sampleTokenRecord(1).accessToken]) expect(text).not.toContain(secret);
  });

  it('an encrypted record read without a key, or a plain record read with one, fails with DECRYPT_FAILED', async () => {
    const sealed = stores({ keyPrefix: 'mix:', encryptionKey: KEY_A });
    const plain = stores({ keyPrefix: 'mix:', encryptionKey: false });
    await sealed.store.compareAndSet('sealed', null, sampleTokenRecord(1));
    await plain.store.compareAndSet('plain', null, sampleTokenRecord(2));
    await expect(plain.store.get('sealed')).rejects.toMatchObject({
      code: 'DECRYPT_FAILED',
      message: expect.stringContaining('no encryption key is configured'),
    });
    await expect(sealed.store.get('plain')).rejects.toMatchObject({
      code: 'DECRYPT_FAILED',
      message: expect.stringContaining('not encrypted'),
    });
  });

  it('binds a sealed record to its account: copied to another account key it does not decrypt', async () => {
    const { store } = stores({ keyPrefix: 'bind:', encryptionKey: KEY_A });
    await store.compareAndSet('victim', null, sampleTokenRecord(1));
    await store.compareAndSet('attacker', null, sampleTokenRecord(2));
    const victimRecord = (await raw('HGET', 'bind:token:victim'))[0] ?? '';
    await fixture.redis.command('HSET', 'bind:token:attacker', 'record', victimRecord);
    await expect(store.get('attacker')).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
  });

  it('a tampered ciphertext fails authentication', async () => {
    const { store } = stores({ keyPrefix: 'tamper:', encryptionKey: KEY_A });
    await store.compareAndSet('acct', null, sampleTokenRecord(1));
    const sealed = (await raw('HGET', 'tamper:token:acct'))[0] ?? '';
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    await fixture.redis.command('HSET', 'tamper:token:acct', 'record', flipped);
    await expect(store.get('acct')).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
  });

  it('refuses malformed keys at creation with INVALID_ENCRYPTION_KEY, without echoing them', () => {
    const cases: Array<string | Uint8Array> = [
      'c2hvcnQ=',
      'not base64 at all!!',
      Buffer.alloc(48, 3).toString('base64'),
      new Uint8Array(16),
    ];
    for (const bad of cases) {
      let error: unknown;
      try {
        createRedisStores({ url: fixture.redis.url, encryptionKey: bad, env: {} });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'INVALID_ENCRYPTION_KEY',
        hint: expect.stringContaining('openssl'),
      });
      if (typeof bad === 'string') expect(inspect(error)).not.toContain(bad);
    }
    expect(() =>
      createRedisStores({ url: fixture.redis.url, env: { PINTEREST_TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' } }),
    ).toThrow(/PINTEREST_TOKEN_ENCRYPTION_KEY decodes to 5 bytes/);
    expect(parseEncryptionKey(Buffer.alloc(32, 9).toString('base64url'), 'k')).toHaveLength(32);
  });
});

describe('connections', () => {
  it('uses a client passed in and leaves it open on close()', async () => {
    const client = new Redis(fixture.redis.url, { lazyConnect: true });
    try {
      const made = createRedisStores({ client, keyPrefix: 'own:', env: {} });
      await made.store.compareAndSet('acct', null, sampleTokenRecord(1));
      await made.close();
      expect(await client.hget('own:token:acct', 'record')).toContain('pina_conformance_access_1');
      await expect(made.store.get('acct')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    } finally {
      client.disconnect();
    }
  });

  it('shares one connection between the three stores of createRedisStores()', async () => {
    const made = stores();
    await made.ping();
    const before = Number(
      /connected_clients:(\d+)/.exec(await fixture.redis.command('INFO', 'clients'))?.[1],
    );
    await made.store.get('a');
    await made.transactionStore.take('b');
    await (await made.lock.acquire('c', { ttlMs: 1000, waitMs: 0 }))();
    const after = Number(/connected_clients:(\d+)/.exec(await fixture.redis.command('INFO', 'clients'))?.[1]);
    expect(after).toBe(before);
  });

  it('reloads its Lua scripts when Redis has forgotten them (SCRIPT FLUSH, restart)', async () => {
    const { store, lock } = stores();
    await store.compareAndSet('acct', null, sampleTokenRecord(1));
    await fixture.redis.command('SCRIPT', 'FLUSH');
    const version = (await store.get('acct'))?.version ?? null;
    expect(await store.compareAndSet('acct', version, sampleTokenRecord(2))).toBe(true);
    await fixture.redis.command('SCRIPT', 'FLUSH');
    const release = await lock.acquire('acct', { ttlMs: 10_000, waitMs: 0 });
    await release();
    await expect(
      lock.acquire('acct', { ttlMs: 10_000, waitMs: 0 }).then((r) => r()),
    ).resolves.toBeUndefined();
  });

  it('maps a Redis error reply to REDIS_ERROR without the command arguments (tokens) in the error', async () => {
    const { store } = stores({ keyPrefix: 'wrongtype:' });
    await fixture.redis.command('SET', 'wrongtype:token:acct', 'not a hash');
    const error = await store.compareAndSet('acct', null, sampleTokenRecord(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisStoreError);
    expect(error).toMatchObject({ code: 'REDIS_ERROR', message: expect.stringContaining('WRONGTYPE') });
    const text = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
    expect(text).not.toContain(sampleTokenRecord(1).accessToken);
    expect(text).not.toContain(sampleTokenRecord(1).refreshToken);
  });

  it('refuses a URL that is not redis:// or rediss:// at creation', () => {
    expect(() => createRedisStores({ url: 'http://127.0.0.1:6379' })).toThrow(RedisStoreError);
    expect(() => createRedisStores({ url: 'not a url' })).toThrow(/not a URL/);
    expect(() => createRedisStores({ url: fixture.redis.url, commandTimeoutMs: 0 })).toThrow(
      /commandTimeoutMs/,
    );
  });

  it('reads REDIS_URL from the environment when no url is given', async () => {
    const made = stores({ url: undefined, env: { REDIS_URL: fixture.redis.url } });
    await expect(made.ping()).resolves.toBeUndefined();
  });

  it('the classes work on their own, each with its own connection', async () => {
    const store = new RedisTokenStore({ url: fixture.redis.url, keyPrefix: 'solo:', env: {} });
    try {
      expect(await store.compareAndSet('acct', null, sampleTokenRecord(1))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
