import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RedisSessionStore, RedisStoreError, sessionDigest } from '../src/index.js';
import { useRedisServer } from './fixtures/redis.js';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const HOUR_MS = 3_600_000;

/** What the templates keep in a session: an account key and a CSRF token, never a Pinterest token. */
interface SampleSession {
  accountKey: string;
  csrfToken: string;
  expiresAt: number;
  missingScopes?: string[];
}

const fixture = useRedisServer('s', { commandTimeoutMs: 300, connectTimeoutMs: 300 });
const stores = fixture.stores;

const newSessionId = () => randomBytes(32).toString('base64url');
const sample = (n = 1): SampleSession => ({
  accountKey: `100000000000000000${n}`,
  csrfToken: `csrf-canary-${n}-7f3a9c01d2e4b5a6`,
  expiresAt: 1_900_000_000_000 + n,
});

/** Retry `check` until it passes (bounded: 100 attempts, 50 ms apart). */
async function eventually(check: () => Promise<void>): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw lastError;
}

/** Reply lines of a raw command (bulk strings, arrays of them), e.g. KEYS → the key names. */
async function lines(...args: string[]): Promise<string[]> {
  const reply = await fixture.redis.command(...args);
  return reply.split('\r\n').filter((line, i) => i > 0 && line !== '' && !line.startsWith('$'));
}

/** The value of a string key, as Redis holds it. */
async function rawValue(key: string): Promise<string> {
  const [value = ''] = await lines('GET', key);
  return value;
}

/** An integer reply (PTTL, EXISTS). */
async function integer(...args: string[]): Promise<number> {
  return Number((await fixture.redis.command(...args)).slice(1));
}

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('RedisSessionStore: get / set with TTL / delete', () => {
  it('round-trips a JSON session; absent ids read as undefined', async () => {
    const sessions = stores().createSessionStore<SampleSession>();
    const id = newSessionId();
    expect(await sessions.get(id)).toBeUndefined();
    const value = { ...sample(1), missingScopes: ['pins:write'] };
    await sessions.set(id, value, HOUR_MS);
    expect(await sessions.get(id)).toEqual(value);
    expect(await sessions.get(newSessionId())).toBeUndefined();
  });

  it('stores <prefix>session:<sha256(id)> with a PX expiry of the TTL; the id itself is nowhere in Redis', async () => {
    const made = stores({ keyPrefix: 'app-one:' });
    const sessions = made.createSessionStore<SampleSession>();
    const id = newSessionId();
    await sessions.set(id, sample(1), HOUR_MS);
    const digest = createHash('sha256').update(id).digest('hex');
    expect(sessionDigest(id)).toBe(digest);
    const keys = await lines('KEYS', 'app-one:*');
    expect(keys).toEqual([`app-one:session:${digest}`]);
    const pttl = await integer('PTTL', `app-one:session:${digest}`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(HOUR_MS);
    const dump = await rawValue(`app-one:session:${digest}`);
    expect(JSON.parse(dump)).toEqual(sample(1));
    expect(`${keys.join(' ')} ${dump}`).not.toContain(id);
  });

  it('honours the TTL: Redis drops the session when it runs out', async () => {
    const prefix = fixture.uniquePrefix();
    const sessions = stores({ keyPrefix: prefix }).createSessionStore<SampleSession>();
    const id = newSessionId();
    await sessions.set(id, sample(1), 200);
    const digest = sessionDigest(id);
    const keyName = `${prefix}session:${digest}`;
    expect(await integer('PTTL', keyName)).toBeLessThanOrEqual(200);
    await eventually(async () => {
      expect(await sessions.get(id)).toBeUndefined();
    });
    expect(await integer('EXISTS', keyName)).toBe(0);
  });

  it('set() replaces the value and its expiry (saving a changed session keeps what time it is given)', async () => {
    const prefix = fixture.uniquePrefix();
    const sessions = stores({ keyPrefix: prefix }).createSessionStore<SampleSession>();
    const id = newSessionId();
    await sessions.set(id, sample(1), 200);
    await sessions.set(id, sample(2), HOUR_MS);
    const pttl = await integer('PTTL', `${prefix}session:${sessionDigest(id)}`);
    expect(pttl).toBeGreaterThan(200);
    expect(await sessions.get(id)).toEqual(sample(2));
  });

  it('delete() ends the session for every instance; deleting an unknown id is not an error', async () => {
    const prefix = fixture.uniquePrefix('shared');
    const onA = stores({ keyPrefix: prefix }).createSessionStore<SampleSession>();
    const onB = stores({ keyPrefix: prefix }).createSessionStore<SampleSession>();
    const id = newSessionId();
    await onA.set(id, sample(1), HOUR_MS);
    expect(await onB.get(id)).toEqual(sample(1));
    await onB.delete(id);
    expect(await onA.get(id)).toBeUndefined();
    await expect(onA.delete(id)).resolves.toBeUndefined();
    await expect(onA.delete(newSessionId())).resolves.toBeUndefined();
  });

  it('keeps apps with different prefixes apart', async () => {
    const one = stores({ keyPrefix: 'p-one:' }).createSessionStore<SampleSession>();
    const two = stores({ keyPrefix: 'p-two:' }).createSessionStore<SampleSession>();
    const id = newSessionId();
    await one.set(id, sample(1), HOUR_MS);
    expect(await two.get(id)).toBeUndefined();
  });

  it('refuses a TTL that is not positive, an undefined value and an empty id with INVALID_OPTIONS', async () => {
    const sessions = stores().createSessionStore<SampleSession | undefined>();
    for (const ttl of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(sessions.set(newSessionId(), sample(1), ttl)).rejects.toMatchObject({
        code: 'INVALID_OPTIONS',
      });
    }
    await expect(sessions.set(newSessionId(), undefined, HOUR_MS)).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    await expect(sessions.get('')).rejects.toBeInstanceOf(RedisStoreError);
    await expect(sessions.delete('')).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('works on its own, with its own connection from a URL', async () => {
    const sessions = new RedisSessionStore<SampleSession>({
      url: fixture.redis.url,
      keyPrefix: fixture.uniquePrefix('own'),
      env: {},
    });
    fixture.track(sessions);
    const id = newSessionId();
    await sessions.set(id, sample(3), HOUR_MS);
    expect(await sessions.get(id)).toEqual(sample(3));
  });
});

describe('RedisSessionStore: encryption at rest', () => {
  it('seals sessions with the stores’ key: no CSRF token in Redis; another instance with the key reads it', async () => {
    const prefix = fixture.uniquePrefix('enc');
    const writer = stores({ keyPrefix: prefix, encryptionKey: KEY_A }).createSessionStore<SampleSession>();
    const reader = stores({ keyPrefix: prefix, encryptionKey: KEY_A }).createSessionStore<SampleSession>();
    const id = newSessionId();
    const value = sample(1);
    await writer.set(id, value, HOUR_MS);
    const stored = await rawValue(`${prefix}session:${sessionDigest(id)}`);
    expect(stored).toMatch(/^enc1\./);
    expect(stored).not.toContain(value.csrfToken);
    expect(stored).not.toContain(value.accountKey);
    expect(await reader.get(id)).toEqual(value);
  });

  it('a wrong key fails with DECRYPT_FAILED; a sealed session copied to another id does not decrypt', async () => {
    const prefix = fixture.uniquePrefix('enc');
    const writer = stores({ keyPrefix: prefix, encryptionKey: KEY_A }).createSessionStore<SampleSession>();
    const wrong = stores({ keyPrefix: prefix, encryptionKey: KEY_B }).createSessionStore<SampleSession>();
    const id = newSessionId();
    await writer.set(id, sample(1), HOUR_MS);
    const failure = await wrong.get(id).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RedisStoreError);
    expect(failure).toMatchObject({ code: 'DECRYPT_FAILED' });
    expect(inspect(failure, { depth: 10 })).not.toContain(KEY_A);

    const other = newSessionId();
    const sealed = await rawValue(`${prefix}session:${sessionDigest(id)}`);
    await fixture.redis.command('SET', `${prefix}session:${sessionDigest(other)}`, sealed);
    await expect(writer.get(other)).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
  });

  it('a value that is not what the store writes fails with CORRUPT_RECORD', async () => {
    const prefix = fixture.uniquePrefix('bad');
    const sessions = stores({ keyPrefix: prefix }).createSessionStore<SampleSession>();
    const id = newSessionId();
    await fixture.redis.command('SET', `${prefix}session:${sessionDigest(id)}`, '{not-json');
    await expect(sessions.get(id)).rejects.toMatchObject({ code: 'CORRUPT_RECORD' });
  });
});

describe('RedisSessionStore: fails fast, never falls back to memory', () => {
  it('unreachable Redis: get, set and delete fail with REDIS_UNAVAILABLE naming host:port, never the password', async () => {
    const port = await deadPort();
    const sessions = stores({
      url: `redis://app:canary-password-123@127.0.0.1:${port}`,
    }).createSessionStore();
    const id = newSessionId();
    const failures = await Promise.all([
      sessions.get(id).catch((e: unknown) => e),
      sessions.set(id, sample(1), HOUR_MS).catch((e: unknown) => e),
      sessions.delete(id).catch((e: unknown) => e),
    ]);
    for (const error of failures) {
      expect(error).toBeInstanceOf(RedisStoreError);
      expect(error).toMatchObject({ code: 'REDIS_UNAVAILABLE', hint: expect.stringContaining('REDIS_URL') });
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      const text = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
      expect(text).not.toContain('canary-password-123');
      expect(text).not.toContain(id);
    }
  });

  it('Redis stopped: the session is not served from anywhere else; it is back when Redis returns', async () => {
    const sessions = stores().createSessionStore<SampleSession>();
    const id = newSessionId();
    await sessions.set(id, sample(1), HOUR_MS);
    await fixture.redis.stop({ save: true });
    await expect(sessions.get(id)).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE' });
    await expect(sessions.set(newSessionId(), sample(2), HOUR_MS)).rejects.toMatchObject({
      code: 'REDIS_UNAVAILABLE',
    });
    await fixture.redis.start();
    await eventually(async () => {
      expect(await sessions.get(id)).toEqual(sample(1));
    });
  });

  it('Redis hung (SIGSTOP): REDIS_TIMEOUT after commandTimeoutMs, then works after SIGCONT', async () => {
    const sessions = stores().createSessionStore<SampleSession>();
    const id = newSessionId();
    await sessions.set(id, sample(1), HOUR_MS);
    fixture.redis.pause();
    await expect(sessions.get(id)).rejects.toMatchObject({ code: 'REDIS_TIMEOUT' });
    fixture.redis.resume();
    await eventually(async () => {
      expect(await sessions.get(id)).toEqual(sample(1));
    });
  });

  it('after close(): STORE_CLOSED', async () => {
    const made = stores();
    const sessions = made.createSessionStore();
    await made.close();
    await expect(sessions.get(newSessionId())).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });
});
