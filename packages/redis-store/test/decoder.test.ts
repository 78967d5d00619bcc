/**
 * H7: whatever sits in Redis where a token record should be, reading it is a typed error (`CORRUPT_RECORD`),
 * never a `TypeError` deep inside auth-core, and the value stays as it was: JSON of every wrong shape, every
 * truncation of a real record, byte-order marks, a huge value.
 */
import { createPinterestAuth } from '@kit/auth-core';
import { malformedTokenRecords, sampleTokenRecord } from '@kit/auth-core/testing';
import { describe, expect, it } from 'vitest';
import { RedisStoreError } from '../src/index.js';
import { useRedisServer } from './fixtures/redis.js';

const fixture = useRedisServer('dec');

/** Puts `stored` as the record of account `1`, reads it through the store, and checks the typed error. */
async function expectCorrupt(prefix: string, stored: string, label: string): Promise<void> {
  const { store } = fixture.stores({ keyPrefix: prefix, encryptionKey: false });
  await fixture.redis.command('HSET', `${prefix}token:1`, 'version', 'v1', 'record', stored);
  const error = await store.get('1').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, label).toBeInstanceOf(RedisStoreError);
  expect((error as RedisStoreError).code, label).toBe('CORRUPT_RECORD');
  expect(await store.compareAndSet('1', null, sampleTokenRecord(2)), label).toBe(false);
  const kept = await fixture.redis.command('HGET', `${prefix}token:1`, 'record');
  expect(kept.split('\r\n')[1] ?? '', label).toBe(stored);
}

describe('H7: the Redis token store decodes any broken record as CORRUPT_RECORD and overwrites nothing', () => {
  it('a record that is null: getAccessToken answers CORRUPT_RECORD, not a TypeError', async () => {
    const prefix = fixture.uniquePrefix();
    const { store } = fixture.stores({ keyPrefix: prefix, encryptionKey: false });
    await fixture.redis.command('HSET', `${prefix}token:1`, 'version', 'v1', 'record', 'null');
    const auth = createPinterestAuth({
      appId: '1000001',
      appSecret: 'secret',
      redirectUri: 'http://localhost:3000/auth/callback',
      scopes: ['user_accounts:read'],
      store,
    });
    await expect(auth.getAccessToken('1')).rejects.toMatchObject({ code: 'CORRUPT_RECORD' });
  });

  it('valid JSON of every wrong shape', async () => {
    const prefix = fixture.uniquePrefix();
    const cases = malformedTokenRecords();
    expect(cases.length).toBeGreaterThan(100);
    for (const { name, value } of cases) await expectCorrupt(prefix, JSON.stringify(value), name);
  });

  it('every truncation of a real record, BOMs, other encodings, a huge value', async () => {
    const prefix = fixture.uniquePrefix();
    const whole = JSON.stringify(sampleTokenRecord(1));
    for (let length = 0; length < whole.length; length++) {
      await expectCorrupt(prefix, whole.slice(0, length), `first ${length} chars`);
    }
    await expectCorrupt(prefix, `\ufeff${whole}`, 'BOM');
    await expectCorrupt(prefix, `${whole}garbage`, 'trailing garbage');
    await expectCorrupt(prefix, `[${whole}]`, 'wrapped in a list');
    await expectCorrupt(prefix, `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`, 'huge');
  });
});
