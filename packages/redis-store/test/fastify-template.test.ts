/**
 * The "the Fastify template switches to Redis with one setting", black-box: two separate processes of
 * the template's real `npm start` entry (templates/fastify/src/server.ts, run the way its start script runs
 * it: tsx), configured only through the environment, with the same REDIS_URL and encryption key, behind one
 * public redirect URI as if a load balancer sat in front. The test plays the browser and the load balancer,
 * choosing which instance gets each request. No template code is imported. Tokens, login transactions AND
 * browser sessions are shared through Redis: any instance serves any request, no sticky sessions.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint } from '@kit/auth-core';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStores, type RedisStores, sessionDigest } from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/testing.js';
import {
  cookiesOf,
  freePort,
  startTemplateProcess,
  type TemplateInstance,
} from './fixtures/template-process.js';

const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/fastify/', import.meta.url));
const ALICE = '1000000000000000001';
/** The template's own key prefix (templates/fastify/src/stores.ts). */
const KEY_PREFIX = 'pinterest-fastify-app:';
const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/** One `npm start` process of the Fastify template (its start script is `tsx src/server.ts`). */
function startInstance(name: string, env: Record<string, string>): Promise<TemplateInstance> {
  return startTemplateProcess(TEMPLATE_DIR, join('src', 'server.ts'), name, env);
}

/** A request to one instance, as the load balancer would forward it; redirects are returned, not followed. */
function request(instance: TemplateInstance, path: string, cookies: Record<string, string> = {}) {
  const cookie = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  return fetch(new URL(path, instance.origin), {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
}

let redis: RedisServer;
let mock: PinterestMock;
let raw: Redis;
let stores: RedisStores;
let publicOrigin: string;
let a: TemplateInstance;
let b: TemplateInstance;
/** The session cookie of the first login (its digest is looked for in the dump). */
let firstSid: string | undefined;

beforeAll(async () => {
  [redis, mock] = await Promise.all([
    startRedisServer(),
    startPinterestMock({ autoApprove: ALICE, rateLimits: false }),
  ]);
  // The one public address both instances are reached through (nothing listens there: the test routes).
  publicOrigin = `http://localhost:${await freePort()}`;
  const redirectUri = `${publicOrigin}/auth/callback`;
  await mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  const env = {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: redirectUri,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    REDIS_URL: redis.url,
    PINTEREST_TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
  };
  [a, b] = await Promise.all([startInstance('a', env), startInstance('b', env)]);
  raw = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await raw.connect();
  // The test's own reader of the template's records: same Redis, prefix and key.
  stores = createRedisStores({ url: redis.url, keyPrefix: KEY_PREFIX, encryptionKey: ENCRYPTION_KEY });
}, 30_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  raw?.disconnect();
  await stores?.close();
  await mock?.close();
  await redis?.close();
});

/**
 * A login as the browser does it, the first request on `start`, the callback (after the mock's auto-approved
 * consent page) on `finish`. Returns the session cookie `finish` set, and what the callback answered.
 */
async function login(start: TemplateInstance, finish: TemplateInstance) {
  const begin = await request(start, '/auth/login');
  expect(begin.status).toBe(302);
  const stateCookies = Object.fromEntries(cookiesOf(begin));
  expect(Object.keys(stateCookies)).toEqual(['pinterest-login-state']);
  const consent = await fetch(String(begin.headers.get('location')), { redirect: 'manual' });
  const callback = new URL(String(consent.headers.get('location')));
  expect(callback.origin + callback.pathname).toBe(`${publicOrigin}/auth/callback`);
  const path = `${callback.pathname}${callback.search}`;
  const done = await request(finish, path, stateCookies);
  return { done, sid: cookiesOf(done).get('sid'), path, stateCookies };
}

/** Every key in Redis with its value(s), as a dump or a replica would show them. */
async function dumpRedis(): Promise<Record<string, unknown>> {
  const dump: Record<string, unknown> = {};
  for (const key of await raw.keys('*')) {
    const type = await raw.type(key);
    dump[key] = type === 'hash' ? await raw.hgetall(key) : type === 'string' ? await raw.get(key) : type;
  }
  return dump;
}

async function profile(instance: TemplateInstance, sid: string | undefined) {
  const response = await request(instance, '/profile', sid ? { sid } : {});
  return { status: response.status, text: await response.text() };
}

describe('two processes of the Fastify template with one REDIS_URL', () => {
  it('a login started on instance A completes on instance B; the transaction is consumed once, across instances', async () => {
    const first = await login(a, b);
    expect(first.done.status, `${a.output()}\n${b.output()}`).toBe(303);
    expect(first.done.headers.get('location')).toBe('/profile');
    expect(first.sid).toMatch(/^[\w-]{20,}$/);
    firstSid = first.sid;
    const onB = await profile(b, first.sid);
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('mock_alice');

    // The same callback again, on the other instance: the login transaction is gone from Redis for everyone.
    const replay = await request(a, first.path, first.stateCookies);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/auth/problem?reason=expired');
    expect(cookiesOf(replay).has('sid')).toBe(false);
  });

  it('tokens and sessions written by B are in Redis, encrypted: the raw dump holds no token and no session id', async () => {
    const dump = await dumpRedis();
    // Transactions consumed, no lock left behind: the account's token record and the first test's session.
    const sessionKey = `${KEY_PREFIX}session:${sessionDigest(String(firstSid))}`;
    expect(Object.keys(dump).sort()).toEqual([sessionKey, `${KEY_PREFIX}token:${ALICE}`].sort());
    const entry = dump[`${KEY_PREFIX}token:${ALICE}`] as Record<string, string>;
    expect(Object.keys(entry).sort()).toEqual(['record', 'version']);
    expect(entry.record).toMatch(/^enc1\./);
    expect(dump[sessionKey]).toMatch(/^enc1\./);
    const text = JSON.stringify(dump);
    expect(text).not.toContain('pina_');
    expect(text).not.toContain('pinr_');
    // Only the digest of the session id is in Redis: the dump cannot be replayed as a cookie.
    expect(text).not.toContain(String(firstSid));
    // With the key, the record is a real token pair for alice (the dump check above is not vacuous)…
    const stored = (await stores.store.get(ALICE))?.record;
    expect(stored?.accessToken).toMatch(/^pina_/);
    expect(stored?.refreshToken).toMatch(/^pinr_/);
    // …and the session is alice's, with no token in it.
    const session = await stores.createSessionStore<Record<string, unknown>>().get(String(firstSid));
    expect(session).toMatchObject({ accountKey: ALICE, username: 'mock_alice' });
    expect(JSON.stringify(session)).not.toMatch(/pin[ar]_/);
  });

  it('sessions are shared: a session created on A works on B, and logging out on B ends it on A (no sticky sessions)', async () => {
    const { done, sid } = await login(b, a);
    expect(done.status).toBe(303);
    expect(sid).toMatch(/^[\w-]{43}$/);
    const onA = await profile(a, sid);
    expect(onA.status).toBe(200);
    const onB = await profile(b, sid);
    expect(onB.status, b.output()).toBe(200);
    expect(onB.text).toContain('mock_alice');

    // Log out on B, with the CSRF token of the page A rendered (the session, CSRF token included, is shared).
    const csrf = /name="csrf" value="([^"]+)"/.exec(onA.text)?.[1];
    expect(csrf).toBeTruthy();
    const logout = await fetch(new URL('/auth/logout', b.origin), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `sid=${sid}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: String(csrf) }).toString(),
    });
    expect(logout.status, b.output()).toBe(303);
    expect(logout.headers.get('location')).toBe('/');
    expect(logout.headers.getSetCookie().join('\n')).toMatch(/^sid=;/m);

    // The old cookie is dead everywhere: the session was deleted from Redis, not just from B.
    const afterOnA = await profile(a, sid);
    expect(afterOnA.status).toBe(401);
    expect(afterOnA.text).not.toContain('mock_alice');
    expect((await profile(b, sid)).status).toBe(401);
    expect(await stores.createSessionStore().get(String(sid))).toBeUndefined();
  });

  it('A serves its signed-in page with the tokens B wrote: its own are revoked, it reads the record from Redis', async () => {
    // A session on A (login started on B this time, to show the transaction is shared both ways).
    const onA = await login(b, a);
    expect(onA.done.status).toBe(303);
    expect((await profile(a, onA.sid)).status).toBe(200);

    // Every token issued so far dies at Pinterest; then a new login, completed on B, stores fresh ones.
    mock.control.revokeAllTokensOf(ALICE);
    const onB = await login(a, b);
    expect(onB.done.status).toBe(303);
    const written = (await stores.store.get(ALICE))?.record;
    if (!written) throw new Error('no token record in Redis after the login on B');

    const before = mock.control.requests().length;
    const page = await profile(a, onA.sid);
    expect(page.status, a.output()).toBe(200);
    expect(page.text).toContain('mock_alice');
    // The call A made to Pinterest carried exactly the access token B wrote.
    const calls = mock.control
      .requests()
      .slice(before)
      .filter((entry) => entry.path === '/v5/user_account');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.authorization).toBe(`Bearer fp:${fingerprint(written.accessToken)}`);
    expect(calls[0]?.status).toBe(200);
  });
  it('Redis stopped: a signed-in page fails fast with 503 (no fallback to a local session); it works again when Redis is back', async () => {
    const { sid } = await login(a, b);
    expect((await profile(a, sid)).status).toBe(200);
    await redis.stop({ save: true });
    try {
      for (const instance of [a, b]) {
        const down = await profile(instance, sid);
        expect(down.status, instance.output()).toBe(503);
        expect(down.text).toContain('session storage');
        expect(down.text).not.toContain('mock_alice');
      }
    } finally {
      await redis.start();
    }
    // Both instances reconnect on their own; the session (and the tokens) survived the restart.
    for (const instance of [a, b]) {
      let status = 0;
      for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await profile(instance, sid)).status;
      }
      expect(status).toBe(200);
    }
  });
});
