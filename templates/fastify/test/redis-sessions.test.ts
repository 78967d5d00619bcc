/**
 * With REDIS_URL, @fastify/session keeps its sessions in Redis through @kit/redis-store: a session started on
 * one instance is valid on another (no sticky sessions), `regenerate()` and logout end it everywhere,. Needs `redis-server` (on the PATH or REDIS_SERVER_PATH).
 */
import type { PinterestMock } from '@kit/pinterest-mock';
import { type RedisServer, startRedisServer } from '@kit/redis-store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { buildTestApp, freePort, loginWithInject, startMock } from './helpers.js';

const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
let mock: PinterestMock;
let redis: RedisServer;
let one: BuiltApp;
let two: BuiltApp;

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
  redis = await startRedisServer();
  const env = { REDIS_URL: redis.url };
  one = await buildTestApp(mock, REDIRECT_URI, { env });
  two = await buildTestApp(mock, REDIRECT_URI, { env });
});
afterAll(async () => {
  await one?.app.close();
  await two?.app.close();
  await redis?.close();
  await mock?.close();
});

const profile = (app: BuiltApp, cookie: string) =>
  app.app.inject({ method: 'GET', url: '/profile', headers: { cookie } });

describe('sessions in Redis', () => {
  it('a login on one instance is signed in on the other; logout on the other ends it on both', async () => {
    const { jar } = await loginWithInject(one);
    expect((await profile(two, jar.header())).statusCode).toBe(200);

    const page = await profile(two, jar.header());
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const out = await two.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.statusCode).toBe(303);
    expect((await profile(one, jar.header())).statusCode).toBe(401);
  });

  it('a new login through the other instance replaces the session: the old id is worthless on both', async () => {
    const { jar } = await loginWithInject(one);
    const first = jar.cookies.get('sid') as string;
    await loginWithInject(two, { jar });
    const second = jar.cookies.get('sid') as string;
    expect(second).not.toBe(first);
    expect((await profile(one, `sid=${first}`)).statusCode).toBe(401);
    expect((await profile(two, `sid=${first}`)).statusCode).toBe(401);
    expect((await profile(one, `sid=${second}`)).statusCode).toBe(200);
  });
});
