/**
 * H8: the backend's HTTP surfaces — the login callback (and the rest of /auth) and `/api` (views and the
 * Pinterest proxy) — answer generated malformed requests (repeated, missing, over-long and wrongly encoded
 * parameters, wrong content types, broken bodies, cookies and CSRF headers) without a 5xx and keep serving.
 * Seeded: the seed is printed, and `FUZZ_SEED=<seed>` replays a run; `FUZZ_COUNT` sends more (at least 1,000
 * per surface).
 */
import { SEED_USERS } from '@kit/pinterest-mock';
import { type FuzzRoute, fuzzSeed, malformedRequests } from '@kit/pinterest-mock/fuzz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedInClient, type Stack, startStack } from './helpers/stack.js';

const SEED = fuzzSeed();
const COUNT = Math.max(1000, Number(process.env.FUZZ_COUNT ?? 1000));
console.log(
  `react-spa template fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${COUNT} requests per surface`,
);

let stack: Stack;
let session: string;
let csrf: string;

beforeAll(async () => {
  stack = await startStack();
  stack.mock.control.clearFaults();
  const client = await loggedInClient(stack);
  session = `spa_session=${client.client.jar.get('spa_session')}`;
  csrf = client.csrf;
});
afterAll(async () => {
  await stack?.close();
});

async function fuzz(seed: number, routes: FuzzRoute[]) {
  const failures: string[] = [];
  const started = performance.now();
  let sent = 0;
  for (const request of malformedRequests(seed, COUNT, routes)) {
    const { mutations, body, ...rest } = request;
    const response = await stack.app.inject({ ...rest, ...(body === undefined ? {} : { payload: body }) });
    sent++;
    if (response.statusCode >= 500) {
      failures.push(
        `${response.statusCode} ${request.method} ${request.url.slice(0, 200)} [${mutations.join(', ')}] ${response.body.slice(0, 200)}`,
      );
    }
  }
  if (failures.length > 0)
    console.log(`first answers ≥ 500 (seed ${seed}):\n${failures.slice(0, 20).join('\n')}`);
  // Still serving, and the session still works.
  const me = await stack.app.inject({
    method: 'GET',
    url: '/api/session',
    headers: { cookie: session },
  });
  expect(me.json()).toMatchObject({ authenticated: true });
  return { failures, sent, ms: Math.round(performance.now() - started) };
}

describe('H8: malformed requests never get a 5xx from the react-spa backend', () => {
  it(`login callback and /auth: ${COUNT} generated requests, 0 answers ≥ 500`, {
    timeout: 180_000,
  }, async () => {
    const pending: { cookie: string; state: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const login = await stack.app.inject({ method: 'GET', url: '/auth/login' });
      const state = new URL(String(login.headers.location)).searchParams.get('state') ?? '';
      pending.push({ cookie: `spa_oauth_state=${state}`, state });
    }
    const routes: FuzzRoute[] = pending.map(({ cookie, state }) => ({
      method: 'GET',
      path: '/auth/callback',
      query: ['code', 'state', 'error', 'error_description'],
      headers: { cookie },
      values: { state: [state], error: ['access_denied'] },
    }));
    routes.push(
      {
        method: 'GET',
        path: '/auth/login',
        query: ['returnTo'],
        values: { returnTo: ['/boards', '/\u0100'] },
      },
      // A wrong CSRF token: a fuzzed logout must not end the session the next test uses.
      {
        method: 'POST',
        path: '/auth/logout',
        headers: { cookie: session, 'x-csrf-token': `${csrf}x` },
      },
    );
    const { failures, sent, ms } = await fuzz(SEED, routes);
    console.log(
      `react-spa template fuzz /auth: ${sent} requests in ${ms} ms, ${failures.length} answered ≥ 500`,
    );
    expect(sent).toBe(COUNT);
    expect(failures, `seed ${SEED}`).toEqual([]);
  });

  it(`/api: ${COUNT} generated requests, 0 answers ≥ 500`, { timeout: 180_000 }, async () => {
    const boardId = SEED_USERS[0]?.boards?.[0]?.id ?? '1';
    const headers = { cookie: session, 'x-csrf-token': csrf };
    const values = { boardId: [boardId], board_id: [boardId], page_size: ['25', '250'] };
    const routes: FuzzRoute[] = [
      { method: 'GET', path: '/api/session', headers },
      { method: 'GET', path: '/api/me', headers },
      { method: 'GET', path: '/api/boards', query: ['bookmark'], headers },
      { method: 'GET', path: '/api/boards/:boardId/pins', query: ['bookmark'], headers, values },
      {
        method: 'GET',
        path: '/api/pinterest/boards',
        query: ['bookmark', 'page_size', 'privacy'],
        headers,
        values,
      },
      { method: 'GET', path: '/api/pinterest/boards/:board_id', headers, values },
      {
        method: 'GET',
        path: '/api/pinterest/boards/:board_id/pins',
        query: ['bookmark', 'page_size'],
        headers,
        values,
      },
      { method: 'GET', path: '/api/pinterest/user_account', headers },
      { method: 'POST', path: '/api/pinterest/boards', json: ['name', 'description'], headers },
      { method: 'GET', path: '/%61pi/me', headers },
    ];
    const { failures, sent, ms } = await fuzz((SEED + 1) >>> 0, routes);
    console.log(
      `react-spa template fuzz /api: ${sent} requests in ${ms} ms, ${failures.length} answered ≥ 500`,
    );
    expect(sent).toBe(COUNT);
    expect(failures, `seed ${SEED}`).toEqual([]);
  });
});
