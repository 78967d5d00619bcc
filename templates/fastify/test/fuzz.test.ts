/**
 * H8: the app's HTTP surfaces — the login callback (and the rest of /auth) and the signed-in pages — answer
 * generated malformed requests (repeated, missing, over-long and wrongly encoded parameters, wrong content
 * types, broken bodies and cookies) without a 5xx and keep serving. Seeded: the seed is printed, and
 * `FUZZ_SEED=<seed>` replays a run; `FUZZ_COUNT` sends more (at least 1,000 per surface).
 */
import { type PinterestMock, SEED_USERS } from '@kit/pinterest-mock';
import { type FuzzRoute, fuzzSeed, malformedRequests } from '@kit/pinterest-mock/fuzz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { buildTestApp, CookieJar, freePort, loginWithInject, startMock } from './helpers.js';

const SEED = fuzzSeed();
const COUNT = Math.max(1000, Number(process.env.FUZZ_COUNT ?? 1000));
console.log(
  `fastify template fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${COUNT} requests per surface`,
);

const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
const STATE_COOKIE = 'pinterest-login-state';

let mock: PinterestMock;
let built: BuiltApp;
let sessionCookie: string;

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI, { rateLimits: false });
  built = await buildTestApp(mock, REDIRECT_URI);
  const { jar } = await loginWithInject(built);
  sessionCookie = `sid=${jar.cookies.get('sid')}`;
});
afterAll(async () => {
  await built?.app.close();
  await mock?.close();
});

/** A login in progress: its state cookie and state, so callbacks can match and reach the code exchange. */
async function pendingLogin(): Promise<{ cookie: string; state: string }> {
  const jar = new CookieJar();
  jar.store(await built.app.inject({ method: 'GET', url: '/auth/login' }));
  const state = jar.cookies.get(STATE_COOKIE) ?? '';
  return { cookie: `${STATE_COOKIE}=${state}`, state };
}

async function fuzz(seed: number, routes: FuzzRoute[]) {
  const failures: string[] = [];
  const started = performance.now();
  let sent = 0;
  for (const request of malformedRequests(seed, COUNT, routes)) {
    const { mutations, body, ...rest } = request;
    const response = await built.app.inject({ ...rest, ...(body === undefined ? {} : { payload: body }) });
    sent++;
    if (response.statusCode >= 500) {
      failures.push(
        `${response.statusCode} ${request.method} ${request.url.slice(0, 200)} [${mutations.join(', ')}]`,
      );
    }
  }
  if (failures.length > 0)
    console.log(`first answers ≥ 500 (seed ${seed}):\n${failures.slice(0, 20).join('\n')}`);
  // Still serving, and the session still works.
  const home = await built.app.inject({ method: 'GET', url: '/profile', headers: { cookie: sessionCookie } });
  expect(home.statusCode).toBe(200);
  return { failures, sent, ms: Math.round(performance.now() - started) };
}

describe('H8: malformed requests never get a 5xx from the fastify template', () => {
  it(`login callback and /auth: ${COUNT} generated requests, 0 answers ≥ 500`, {
    timeout: 180_000,
  }, async () => {
    const logins = await Promise.all([pendingLogin(), pendingLogin(), pendingLogin()]);
    const routes: FuzzRoute[] = logins.map(({ cookie, state }) => ({
      method: 'GET',
      path: '/auth/callback',
      query: ['code', 'state', 'error', 'error_description'],
      headers: { cookie: `${cookie}; ${sessionCookie}` },
      values: { state: [state], error: ['access_denied'] },
    }));
    routes.push(
      {
        method: 'GET',
        path: '/auth/login',
        query: ['returnTo'],
        values: { returnTo: ['/boards', '/\u0100'] },
      },
      { method: 'POST', path: '/auth/logout', form: ['csrf'], headers: { cookie: sessionCookie } },
      { method: 'GET', path: '/auth/problem', query: ['reason'], values: { reason: ['denied', 'expired'] } },
    );
    const { failures, sent, ms } = await fuzz(SEED, routes);
    console.log(
      `fastify template fuzz /auth: ${sent} requests in ${ms} ms, ${failures.length} answered ≥ 500`,
    );
    expect(sent).toBe(COUNT);
    expect(failures, `seed ${SEED}`).toEqual([]);
  });

  it(`signed-in pages: ${COUNT} generated requests, 0 answers ≥ 500`, { timeout: 180_000 }, async () => {
    const boardId = SEED_USERS[0]?.boards?.[0]?.id ?? '1';
    const headers = { cookie: sessionCookie };
    const routes: FuzzRoute[] = [
      { method: 'GET', path: '/', headers },
      { method: 'GET', path: '/profile', headers },
      { method: 'GET', path: '/boards', query: ['bookmark'], headers },
      {
        method: 'GET',
        path: '/boards/:boardId',
        query: ['bookmark'],
        headers,
        values: { boardId: [boardId] },
      },
    ];
    const { failures, sent, ms } = await fuzz((SEED + 1) >>> 0, routes);
    console.log(
      `fastify template fuzz pages: ${sent} requests in ${ms} ms, ${failures.length} answered ≥ 500`,
    );
    expect(sent).toBe(COUNT);
    expect(failures, `seed ${SEED}`).toEqual([]);
  });
});
