/**
 * H8: every HTTP surface of the mock — the consent page, the token endpoint, the API and the control plane —
 * answers generated malformed requests (repeated, missing, over-long and wrongly encoded parameters, wrong
 * content types, broken bodies) with a client error, never a 5xx, and keeps serving. Seeded: the seed is
 * printed, and `FUZZ_SEED=<seed>` replays a run; `FUZZ_COUNT` sends more (at least 1,000 per surface).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FuzzRoute, fuzzSeed, malformedRequests } from '../src/fuzz.js';
import { buildMockServer } from '../src/server.js';
import { MockWorld } from '../src/world.js';

const SEED = fuzzSeed();
const COUNT = Math.max(1000, Number(process.env.FUZZ_COUNT ?? 1000));
console.log(`mock fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${COUNT} requests per surface`);

const APP_ID = '1000001';
const BASIC = `Basic ${Buffer.from(`${APP_ID}:mock-app-secret`).toString('base64')}`;
const CONSENT_QUERY = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state'];

let app: FastifyInstance;
let bearer: string;

// A fresh mock for each surface: what one surface's requests leave behind (a request log of over-long URLs
// that GET /_mock/requests then serialises) must not slow down the next.
beforeEach(async () => {
  const state = new MockWorld({ autoApprove: 'alice' });
  ({ app } = await buildMockServer(state, {}));
  await app.ready();
  const consent = await app.inject({
    method: 'GET',
    url: `/oauth/?client_id=${APP_ID}&redirect_uri=${encodeURIComponent('http://localhost:8085/')}&response_type=code&scope=user_accounts:read,boards:read,boards:write,pins:read,pins:write&state=s`,
  });
  const code = new URL(String(consent.headers.location)).searchParams.get('code') ?? '';
  const token = await app.inject({
    method: 'POST',
    url: '/v5/oauth/token',
    headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent('http://localhost:8085/')}`,
  });
  bearer = `Bearer ${token.json().access_token}`;
});
afterEach(async () => {
  await app?.close();
});

/** Sends the requests; returns the ones answered ≥ 500 (with what made them) and how long it took. */
async function fuzz(seed: number, routes: FuzzRoute[]) {
  const failures: string[] = [];
  const started = performance.now();
  let sent = 0;
  for (const request of malformedRequests(seed, COUNT, routes)) {
    const { mutations, body, ...rest } = request;
    const response = await app.inject({ ...rest, ...(body === undefined ? {} : { payload: body }) });
    sent++;
    if (response.statusCode >= 500) {
      failures.push(
        `${response.statusCode} ${request.method} ${request.url.slice(0, 200)} [${mutations.join(', ')}]`,
      );
    }
  }
  if (failures.length > 0)
    console.log(`first answers ≥ 500 (seed ${seed}):\n${failures.slice(0, 20).join('\n')}`);
  // Still serving after all that.
  expect((await app.inject({ method: 'GET', url: '/oauth?x=1' })).statusCode).toBe(301);
  const ms = Math.round(performance.now() - started);
  return { failures, sent, ms };
}

const surfaces: [string, number, () => FuzzRoute[]][] = [
  [
    'consent page',
    1,
    () => [
      { method: 'GET', path: '/oauth/', query: CONSENT_QUERY },
      { method: 'GET', path: '/oauth', query: CONSENT_QUERY },
      { method: 'POST', path: '/oauth/', form: [...CONSENT_QUERY, 'user_id', 'decision'] },
    ],
  ],
  [
    'token endpoint',
    2,
    () => [
      {
        method: 'POST',
        path: '/v5/oauth/token',
        form: ['grant_type', 'code', 'redirect_uri', 'refresh_token', 'scope', 'continuous_refresh'],
        headers: { authorization: BASIC },
      },
      {
        method: 'POST',
        path: '/sandbox/v5/oauth/token',
        form: ['grant_type', 'scope'],
        headers: { authorization: BASIC },
      },
      {
        method: 'POST',
        path: '/v5/oauth/token/revoke',
        form: ['token', 'token_type_hint'],
        headers: { authorization: BASIC },
      },
    ],
  ],
  [
    'API',
    3,
    () => {
      const headers = { authorization: bearer };
      return [
        { method: 'GET', path: '/v5/user_account', query: ['ad_account_id'], headers },
        { method: 'GET', path: '/v5/boards', query: ['bookmark', 'page_size', 'privacy'], headers },
        { method: 'GET', path: '/v5/boards/:board_id', headers },
        { method: 'GET', path: '/v5/boards/:board_id/pins', query: ['bookmark', 'page_size'], headers },
        { method: 'GET', path: '/v5/pins', query: ['bookmark', 'page_size'], headers },
        { method: 'GET', path: '/v5/pins/:pin_id', headers },
        { method: 'POST', path: '/v5/boards', json: ['name', 'description', 'privacy'], headers },
        { method: 'PATCH', path: '/v5/boards/:board_id', json: ['name', 'description', 'privacy'], headers },
        { method: 'DELETE', path: '/v5/boards/:board_id', headers },
        { method: 'POST', path: '/v5/pins', json: ['board_id', 'title', 'link', 'media_source'], headers },
        { method: 'PATCH', path: '/v5/pins/:pin_id', json: ['title', 'board_id'], headers },
        { method: 'GET', path: '/sandbox/v5/boards', query: ['page_size'], headers },
      ];
    },
  ],
  [
    'control plane',
    4,
    () => {
      const headers = { 'content-type': 'application/json' };
      return [
        { method: 'GET', path: '/_mock/', headers },
        { method: 'POST', path: '/_mock/apps', json: ['appId', 'appSecret', 'redirectUris'], headers },
        { method: 'POST', path: '/_mock/apps/:appId/redirect-uris', json: ['uri'], headers },
        { method: 'POST', path: '/_mock/users', json: ['id', 'username', 'boards'], headers },
        { method: 'PUT', path: '/_mock/auto-approve', json: ['user'], headers },
        { method: 'POST', path: '/_mock/clock/advance', json: ['seconds'], headers },
        { method: 'POST', path: '/_mock/faults', json: ['path', 'status', 'times'], headers },
        { method: 'POST', path: '/_mock/users/:userId/revoke-tokens', headers },
        { method: 'GET', path: '/_mock/requests', headers },
      ];
    },
  ],
];

describe('H8: malformed requests never get a 5xx from the mock', () => {
  for (const [name, offset, routes] of surfaces) {
    it(`${name}: ${COUNT} generated requests, 0 answers ≥ 500`, { timeout: 180_000 }, async () => {
      const { failures, sent, ms } = await fuzz((SEED + offset) >>> 0, routes());
      console.log(`mock fuzz ${name}: ${sent} requests in ${ms} ms, ${failures.length} answered ≥ 500`);
      expect(sent).toBe(COUNT);
      expect(failures, `seed ${SEED}`).toEqual([]);
    });
  }
});
