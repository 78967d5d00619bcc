/**
 * "The React-SPA template switches to Redis with one setting", black-box: two processes of the template's real
 * `npm start` entry (templates/react-spa/server/server.ts, production mode, run with tsx as its start script
 * does), configured only through the environment, with one REDIS_URL, behind one public origin as if a load
 * balancer sat in front. Tokens, login transactions and browser sessions are all shared through Redis, so the
 * test (playing the browser and the load balancer) may send any request to either instance: no sticky sessions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStores, type RedisStores, sessionDigest } from '../src/index.js';
import { type RedisServer, startRedisServer } from '../src/testing.js';
import {
  cookiesOf,
  freePort,
  startTemplateProcess,
  type TemplateInstance,
} from './fixtures/template-process.js';

const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/react-spa/', import.meta.url));
const ALICE = '1000000000000000001';
/** The template's default key prefix (templates/react-spa/server/stores.ts). */
const KEY_PREFIX = 'pinterest-react-spa:';
/** Cookie names over plain http (templates/react-spa/server/cookies.ts). */
const SESSION_COOKIE = 'spa_session';
const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');

let redis: RedisServer;
let mock: PinterestMock;
let stores: RedisStores;
let publicOrigin: string;
let staticDir: string;
let a: TemplateInstance;
let b: TemplateInstance;

beforeAll(async () => {
  [redis, mock] = await Promise.all([
    startRedisServer(),
    startPinterestMock({ autoApprove: ALICE, rateLimits: false }),
  ]);
  publicOrigin = `http://localhost:${await freePort()}`;
  const redirectUri = `${publicOrigin}/auth/callback`;
  await mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  // The built SPA is not the point here: a minimal dist/ stands in for `npm run build`'s output.
  staticDir = mkdtempSync(join(tmpdir(), 'spa-dist-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>spa</title>');
  const env = {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: redirectUri,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    REDIS_URL: redis.url,
    PINTEREST_TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
    STATIC_DIR: staticDir,
    NODE_ENV: 'production',
  };
  const entry = join('server', 'server.ts');
  [a, b] = await Promise.all([
    startTemplateProcess(TEMPLATE_DIR, entry, 'spa-a', env),
    startTemplateProcess(TEMPLATE_DIR, entry, 'spa-b', env),
  ]);
  stores = createRedisStores({ url: redis.url, keyPrefix: KEY_PREFIX, encryptionKey: ENCRYPTION_KEY });
}, 30_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await stores?.close();
  await mock?.close();
  await redis?.close();
  if (staticDir) rmSync(staticDir, { recursive: true, force: true });
});

/** A same-origin request from the SPA, as the load balancer forwards it to `instance`. */
function request(
  instance: TemplateInstance,
  path: string,
  options: { cookies?: Record<string, string>; csrf?: string; method?: string } = {},
) {
  const headers: Record<string, string> = {};
  const cookie = Object.entries(options.cookies ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  if (cookie) headers.cookie = cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (options.method === 'POST') headers.origin = publicOrigin;
  return fetch(new URL(path, instance.origin), {
    method: options.method ?? 'GET',
    redirect: 'manual',
    headers,
  });
}

/** A login started on `start` and completed (callback) on `finish`; returns the session cookie. */
async function login(start: TemplateInstance, finish: TemplateInstance): Promise<string> {
  const begin = await request(start, '/auth/login');
  expect(begin.status).toBe(302);
  const stateCookies = Object.fromEntries(cookiesOf(begin));
  const consent = await fetch(String(begin.headers.get('location')), { redirect: 'manual' });
  const callback = new URL(String(consent.headers.get('location')));
  const done = await request(finish, `${callback.pathname}${callback.search}`, { cookies: stateCookies });
  expect(done.status, finish.output()).toBe(303);
  const sid = cookiesOf(done).get(SESSION_COOKIE);
  expect(sid).toMatch(/^[\w-]{43}$/);
  return String(sid);
}

async function sessionOn(instance: TemplateInstance, sid: string) {
  const response = await request(instance, '/api/session', { cookies: { [SESSION_COOKIE]: sid } });
  expect(response.status, instance.output()).toBe(200);
  return (await response.json()) as { authenticated: boolean; csrfToken?: string };
}

describe('two processes of the React-SPA template with one REDIS_URL', () => {
  it('a session created on A works on B (same CSRF token); the profile loads there', async () => {
    const sid = await login(b, a);
    const onA = await sessionOn(a, sid);
    const onB = await sessionOn(b, sid);
    expect(onA.authenticated).toBe(true);
    expect(onB).toEqual(onA);
    const me = await request(b, '/api/me', { cookies: { [SESSION_COOKIE]: sid }, csrf: onB.csrfToken });
    expect(me.status, b.output()).toBe(200);
    expect(await me.text()).toContain('mock_alice');

    // In Redis: the session under the digest of its id, sealed; the id itself is nowhere.
    const keys = await redis.command('KEYS', `${KEY_PREFIX}session:*`);
    expect(keys).toContain(`${KEY_PREFIX}session:${sessionDigest(sid)}`);
    expect(keys).not.toContain(sid);
    const stored = await stores.createSessionStore<Record<string, unknown>>().get(sid);
    expect(stored).toMatchObject({ accountKey: ALICE, csrfToken: onA.csrfToken });
    expect(stored).not.toHaveProperty('id');
  });

  it('logging out on B ends the session on A', async () => {
    const sid = await login(a, a);
    const { csrfToken } = await sessionOn(a, sid);
    const logout = await request(b, '/auth/logout', {
      method: 'POST',
      cookies: { [SESSION_COOKIE]: sid },
      csrf: String(csrfToken),
    });
    expect(logout.status, b.output()).toBe(204);
    expect((await sessionOn(a, sid)).authenticated).toBe(false);
    expect((await sessionOn(b, sid)).authenticated).toBe(false);
    expect(await stores.createSessionStore().get(sid)).toBeUndefined();
  });

  it('a dead Pinterest login (reauth_required) seen on B ends the session on A too (B5)', async () => {
    const sid = await login(a, b);
    const { csrfToken } = await sessionOn(a, sid);
    mock.control.revokeAllTokensOf(ALICE);
    const me = await request(b, '/api/me', { cookies: { [SESSION_COOKIE]: sid }, csrf: String(csrfToken) });
    expect(me.status, b.output()).toBe(401);
    expect(await me.json()).toMatchObject({ reauth_required: true });
    expect((await sessionOn(a, sid)).authenticated).toBe(false);
  });
  it('Redis stopped: calls fail fast with 503 storage_unavailable (no local fallback); the session is back with Redis', async () => {
    const sid = await login(a, b);
    await redis.stop({ save: true });
    try {
      for (const instance of [a, b]) {
        const down = await request(instance, '/api/session', { cookies: { [SESSION_COOKIE]: sid } });
        expect(down.status, instance.output()).toBe(503);
        expect(await down.json()).toMatchObject({ error: 'storage_unavailable' });
      }
    } finally {
      await redis.start();
    }
    for (const instance of [a, b]) {
      let authenticated = false;
      for (let attempt = 0; attempt < 100 && !authenticated; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        const response = await request(instance, '/api/session', { cookies: { [SESSION_COOKIE]: sid } });
        if (response.status === 200)
          authenticated = ((await response.json()) as { authenticated: boolean }).authenticated;
      }
      expect(authenticated).toBe(true);
    }
  });
});
