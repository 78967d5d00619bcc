/**
 * W4 (tokens never leave the server) and W5 (no code/state/secret/token in logs), with canary values
 * collected from a real login against the mock.
 */
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import {
  buildTestApp,
  decideOnConsentPage,
  freePort,
  LogCapture,
  loginWithInject,
  startMock,
} from './helpers.js';

// inject() needs no listening socket; the URI still names a free port, never a fixed one.
const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
const ALICE = '1000000000000000001';
const CANARY_SECRET = 'canary-secret-9f3b1c7d';
const APP = { appId: '1000777', appSecret: CANARY_SECRET, redirectUris: [REDIRECT_URI] };

let mock: PinterestMock;
let built: BuiltApp;
const logs = new LogCapture();

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
  await mock.control.registerApp(APP);
  built = await buildTestApp(mock, REDIRECT_URI, {
    env: { PINTEREST_APP_ID: APP.appId, PINTEREST_APP_SECRET: APP.appSecret, LOG_LEVEL: 'trace' },
    logStream: logs,
  });
});
afterAll(async () => {
  await built.app.close();
  await mock.close();
});

describe('W4: tokens stay on the server', () => {
  it('no route returns a token, in its body or headers', async () => {
    const { jar, callback } = await loginWithInject(built);
    const record = await built.auth.getTokens(ALICE);
    const secrets = [record?.accessToken, record?.refreshToken].filter((s): s is string => Boolean(s));
    expect(secrets).toHaveLength(2);

    const boards = await built.app.inject({
      method: 'GET',
      url: '/boards',
      headers: { cookie: jar.header() },
    });
    const boardId = /href="\/boards\/(\d+)"/.exec(boards.body)?.[1];
    expect(boardId).toMatch(/^\d+$/);
    // Every GET route of the app (and a 404), signed in.
    const urls = [
      '/',
      '/profile',
      '/boards',
      `/boards/${boardId}`,
      '/auth/login',
      '/auth/problem?reason=denied',
      '/auth/problem?reason=expired',
      '/auth/problem?reason=failed',
      '/assets/style.css',
      '/no-such-page',
    ];
    const responses = [callback, boards];
    for (const url of urls) {
      responses.push(await built.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } }));
    }
    const profile = responses.find((r) => r.body.includes('name="csrf"'));
    const csrf = /name="csrf" value="([^"]+)"/.exec(profile?.body ?? '')?.[1];
    responses.push(
      await built.app.inject({
        method: 'POST',
        url: '/auth/logout',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: `csrf=${csrf}`,
      }),
    );
    expect(responses.map((r) => r.statusCode)).not.toContain(500);
    // Each signed-in page really rendered (a /boards/undefined 404 would prove nothing).
    for (const [i, url] of ['/', '/profile', '/boards', `/boards/${boardId}`].entries()) {
      expect(responses[2 + i]?.statusCode, url).toBe(200);
    }
    for (const response of responses) {
      const everything = `${JSON.stringify(response.headers)}\n${response.body}`;
      for (const secret of secrets) expect(everything).not.toContain(secret);
      expect(everything).not.toMatch(/pin[arc]_[A-Za-z0-9_-]{10,}/);
      expect(everything).not.toContain(CANARY_SECRET);
    }
  });

  it('the session cookie is an opaque random id, not a token', async () => {
    const { jar } = await loginWithInject(built);
    const sid = jar.cookies.get('sid') as string;
    const record = await built.auth.getTokens(ALICE);
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sid).not.toBe(record?.accessToken);
    expect(sid).not.toContain('pin');
  });
});

describe('W5: nothing secret in the logs', () => {
  it('code, state, tokens and the app secret never appear; the callback is logged with [redacted] values', async () => {
    const canaries: string[] = [CANARY_SECRET];
    // A successful login, a denied one, a replay and a foreign callback.
    const ok = await loginWithInject(built);
    canaries.push(
      ok.callbackUrl.searchParams.get('code') as string,
      ok.callbackUrl.searchParams.get('state') as string,
      ok.jar.cookies.get('sid') as string,
    );
    const record = await built.auth.getTokens(ALICE);
    canaries.push(record?.accessToken as string, record?.refreshToken as string);
    await built.app.inject({ method: 'GET', url: `${ok.callbackUrl.pathname}${ok.callbackUrl.search}` });
    const denied = await loginWithInject(built, { decision: 'deny' });
    canaries.push(denied.callbackUrl.searchParams.get('state') as string);
    const start = await built.app.inject({ method: 'GET', url: '/auth/login' });
    const foreign = await decideOnConsentPage(String(start.headers.location), 'allow');
    canaries.push(foreign.searchParams.get('code') as string, foreign.searchParams.get('state') as string);
    await built.app.inject({
      method: 'GET',
      url: `${foreign.pathname}${foreign.search}`,
      headers: { cookie: 'pinterest-login-state=zzz' },
    });
    // Errors are logged too: make one.
    await built.app.inject({
      method: 'GET',
      url: `/profile?code=${canaries[1]}`,
      headers: { cookie: ok.jar.header() },
    });

    const text = logs.text;
    expect(text).toContain('/auth/callback?code=[redacted]&state=[redacted]');
    expect(text).toContain('incoming request');
    for (const canary of canaries) {
      expect(canary.length).toBeGreaterThan(8);
      expect(text).not.toContain(canary);
    }
    expect(text).not.toMatch(/pin[arc]_[A-Za-z0-9_-]{10,}/);
  });
});
