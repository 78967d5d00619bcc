import { inspect } from 'node:util';
import { startPinterestMock } from '@kit/pinterest-mock';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  fingerprint,
  MissingScopeError,
  PinterestApiError,
  PinterestAuthError,
  PinterestConfigError,
} from '../src/index.js';
import { authFor, login, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();
const ALICE = '1000000000000000001';
const WRITER: ['user_accounts:read', 'boards:read', 'boards:write'] = [
  'user_accounts:read',
  'boards:read',
  'boards:write',
];
const refreshRequests = () => ctx.mock.control.tokenRequests().filter((r) => r.grantType === 'refresh_token');
const hits = (path: string) => ctx.mock.control.requests().filter((r) => r.path === path);

async function loggedIn(overrides: Parameters<typeof authFor>[1] = {}) {
  const auth = authFor(ctx.mock, overrides);
  const { key } = await login(auth);
  return { auth, key, client: auth.client(key) };
}

describe('PinterestClient', () => {
  it('GETs typed resources on the v5 base with the bearer token', async () => {
    const { client } = await loggedIn();
    const account = await client.get('/user_account');
    expect(account).toMatchObject({ id: ALICE, username: 'mock_alice' });
    const [request] = hits('/v5/user_account');
    expect(request?.headers.authorization).toMatch(/^Bearer fp:[0-9a-f]{8}$/);
  });

  it('pages with bookmarks and paginates over every item (60 boards at page_size 25 → 3 pages)', async () => {
    const { client } = await loggedIn();
    const first = await client.get('/boards', { query: { page_size: 25 } });
    expect(first.items).toHaveLength(25);
    expect(first.bookmark).toEqual(expect.any(String));
    const ids: string[] = [];
    for await (const board of client.paginate('/boards', { query: { page_size: 25 } })) ids.push(board.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const listCalls = hits('/v5/boards');
    expect(listCalls.at(-1)?.query.page_size).toBe('25');
    const last = await client.get('/boards', {
      query: { page_size: 25, bookmark: listCalls.at(-1)?.query.bookmark ?? '' },
    });
    expect(last.bookmark).toBeNull();
  });

  it('paginate asks for the largest page (250) unless told otherwise', async () => {
    const { client } = await loggedIn();
    const ids: string[] = [];
    for await (const board of client.paginate('/boards')) ids.push(board.id);
    expect(ids).toHaveLength(60);
    expect(hits('/v5/boards').map((r) => r.query.page_size)).toEqual(['250']);
  });

  it('paginates the pins of a board', async () => {
    const { client } = await loggedIn();
    const [board] = (await client.get('/boards', { query: { page_size: 1 } })).items;
    const board_id = String(board?.id);
    let count = 0;
    for await (const pin of client.paginate('/boards/{board_id}/pins', { path: { board_id } })) {
      expect(pin.board_id).toBe(board_id);
      count++;
    }
    expect(count).toBe(60);
    expect(hits(`/v5/boards/${board_id}/pins`)).toHaveLength(1);
  });

  it('POSTs, PATCHes and DELETEs JSON on the real routes (sandbox) and maps their errors', async () => {
    const auth = authFor(ctx.mock, {
      environment: 'sandbox',
      apiUrl: ctx.mock.sandboxApiUrl,
      scopes: ['user_accounts:read', 'boards:read', 'boards:write'],
    });
    const { key } = await login(auth);
    const client = auth.client(key);
    const created = await client.post('/boards', { body: { name: 'Kit test board' } });
    expect(created.name).toBe('Kit test board');
    const board = { path: { board_id: created.id } };
    await expect(client.get('/boards/{board_id}', board)).resolves.toMatchObject({ name: 'Kit test board' });
    const post = hits('/sandbox/v5/boards').find((r) => r.method === 'POST');
    expect(post?.headers['content-type']).toMatch(/^application\/json/);
    const boardPath = `/sandbox/v5/boards/${created.id}`;

    // PATCH answers 200 with the updated board.
    const updated = await client.patch('/boards/{board_id}', {
      path: { board_id: created.id },
      body: { name: 'Renamed', description: 'Edited by the kit' },
    });
    expect(updated).toEqual(
      expect.objectContaining({ id: created.id, name: 'Renamed', description: 'Edited by the kit' }),
    );
    await expect(client.get('/boards/{board_id}', board)).resolves.toMatchObject({ name: 'Renamed' });
    const patchRequest = hits(boardPath).find((r) => r.method === 'PATCH');
    expect(patchRequest?.status).toBe(200);
    expect(patchRequest?.headers['content-type']).toMatch(/^application\/json/);

    // DELETE answers 204: no body, so the client resolves to undefined.
    await expect(client.delete('/boards/{board_id}', board)).resolves.toBeUndefined();
    expect(hits(boardPath).find((r) => r.method === 'DELETE')?.status).toBe(204);

    // The board is gone: the same calls now map the real 404 code 40.
    const patch = await rejectionOf(
      client.patch('/boards/{board_id}', { ...board, body: { name: 'Renamed' } }),
    );
    expect(patch).toMatchObject({ kind: 'not_found', method: 'PATCH', path: `/boards/${created.id}` });
    expect(patch).toMatchObject({ status: 404, pinterestCode: 40 });
    const del = await rejectionOf(client.delete('/boards/{board_id}', board));
    expect(del).toMatchObject({ kind: 'not_found', method: 'DELETE', status: 404, pinterestCode: 40 });
    const gone = await rejectionOf(client.get('/boards/{board_id}', board));
    expect(gone).toMatchObject({ kind: 'not_found', pinterestCode: 40 });
  });

  it('5xx: a PATCH (not idempotent) is not retried and changes nothing; a DELETE (idempotent) is', async () => {
    const auth = authFor(ctx.mock, {
      environment: 'sandbox',
      apiUrl: ctx.mock.sandboxApiUrl,
      scopes: ['user_accounts:read', 'boards:read', 'boards:write'],
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const { key } = await login(auth);
    const client = auth.client(key);
    const created = await client.post('/boards', { body: { name: 'Kit retry board' } });
    const boardPath = `/sandbox/v5/boards/${created.id}`;
    const board = { path: { board_id: created.id } };
    const calls = (method: string) => hits(boardPath).filter((r) => r.method === method);

    ctx.mock.control.injectFault({ method: 'PATCH', path: boardPath, status: 503, times: 10 });
    const patch = await rejectionOf(
      client.patch('/boards/{board_id}', { ...board, body: { name: 'Never' } }),
    );
    expect(patch).toBeInstanceOf(PinterestApiError);
    expect(patch).toMatchObject({ kind: 'server', status: 503, method: 'PATCH' });
    expect(calls('PATCH').map((r) => r.status)).toEqual([503]);
    ctx.mock.control.clearFaults();
    await expect(client.get('/boards/{board_id}', board)).resolves.toMatchObject({ name: 'Kit retry board' });

    // Once the fault is spent, the same PATCH goes through on the real route.
    ctx.mock.control.injectFault({ method: 'PATCH', path: boardPath, status: 502 });
    await expect(
      rejectionOf(client.patch('/boards/{board_id}', { ...board, body: { name: 'Later' } })),
    ).resolves.toMatchObject({
      kind: 'server',
      status: 502,
    });
    await expect(
      client.patch('/boards/{board_id}', { ...board, body: { name: 'Later' } }),
    ).resolves.toMatchObject({
      name: 'Later',
    });
    expect(calls('PATCH').map((r) => r.status)).toEqual([503, 502, 200]);

    ctx.mock.control.injectFault({ method: 'DELETE', path: boardPath, status: 503 });
    await expect(client.delete('/boards/{board_id}', board)).resolves.toBeUndefined();
    expect(calls('DELETE').map((r) => r.status)).toEqual([503, 204]);
  });

  it('refuses paths that are not v5 operations, and missing or extra path parameters, before any request', async () => {
    const { client } = await loggedIn();
    const before = ctx.mock.control.requests().length;
    for (const path of [
      'boards',
      '//evil.example/x',
      '/../oauth/token',
      '/boards/../../x',
      'https://evil.example',
      '/boards/123',
      '/boardz',
    ]) {
      await expect(client.get(path as '/boards'), path).rejects.toMatchObject({
        code: ERROR_CODES.INVALID_PATH,
      });
    }
    const missing = rejectionOf(client.get('/boards/{board_id}', { path: { board_id: '' } }));
    await expect(missing).resolves.toMatchObject({
      code: 'INVALID_PATH',
      message: expect.stringContaining('board_id'),
    });
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    const extra = rejectionOf(client.get('/user_account', { path: { user: '1' } } as any));
    await expect(extra).resolves.toMatchObject({
      code: 'INVALID_PATH',
      message: expect.stringContaining('user'),
    });
    expect(ctx.mock.control.requests()).toHaveLength(before);
  });

  it('encodes path parameters, so a parameter can never leave its segment', async () => {
    const { client } = await loggedIn();
    const error = await rejectionOf(
      client.get('/boards/{board_id}', { path: { board_id: '../oauth/token' } }),
    );
    expect(error).toBeInstanceOf(PinterestApiError);
    expect(ctx.mock.control.requests().at(-1)?.path).toBe('/v5/boards/..%2Foauth%2Ftoken');
    expect(ctx.mock.control.tokenRequests().map((r) => r.grantType)).toEqual(['authorization_code']);
  });

  it('401 code 2 → one refresh and one retry, then success', async () => {
    const { client } = await loggedIn();
    ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', status: 401 });
    await expect(client.get('/user_account')).resolves.toMatchObject({ id: ALICE });
    expect(refreshRequests()).toHaveLength(1);
    expect(hits('/v5/user_account').map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('401 code 2 twice → auth_failed after exactly one refresh (no loop)', async () => {
    const { client } = await loggedIn();
    ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', status: 401, times: 5 });
    const error = await rejectionOf(client.get('/user_account'));
    expect(error).toBeInstanceOf(PinterestApiError);
    expect(error.kind).toBe('auth_failed');
    expect(refreshRequests()).toHaveLength(1);
    expect(hits('/v5/user_account').filter((r) => r.status === 401)).toHaveLength(2);
  });

  it('concurrent 401s share one refresh', async () => {
    let lagMs = 0; // our clock falls behind after the login: we think the token is fresh, Pinterest does not
    const { client } = await loggedIn({ now: () => ctx.mock.control.now() - lagMs });
    lagMs = 2 * 86_400_000;
    ctx.mock.control.advanceClock(30 * 86_400 + 60);
    const results = await Promise.all(Array.from({ length: 10 }, () => client.get('/user_account')));
    expect(results).toHaveLength(10);
    expect(refreshRequests()).toHaveLength(1);
    expect(hits('/v5/user_account').filter((r) => r.status === 401)).toHaveLength(10);
  });

  it('revoked tokens → the refresh fails → ReauthorizationRequiredError, record deleted', async () => {
    const { client, auth, key } = await loggedIn();
    ctx.mock.control.revokeAllTokensOf(ALICE);
    const error = await rejectionOf(client.get('/user_account'));
    expect(error.code).toBe('REAUTHORIZATION_REQUIRED');
    expect(await auth.getTokens(key)).toBeUndefined();
  });

  it('a scope the token was not granted → MISSING_SCOPE before any request, naming it and how to get it', async () => {
    const { client } = await loggedIn({ scopes: ['user_accounts:read'] });
    const before = hits('/v5/boards').length;
    const error = await rejectionOf(client.get('/boards'));
    expect(error).toBeInstanceOf(MissingScopeError);
    expect(error.code).toBe(ERROR_CODES.MISSING_SCOPE);
    expect(error.operation).toBe('GET /boards');
    expect(error.missingScopes).toEqual(['boards:read']);
    expect(String(error.hint)).toContain('PINTEREST_SCOPES');
    expect(String(error.hint)).toMatch(/log in again/);
    expect(hits('/v5/boards')).toHaveLength(before);
    expect(refreshRequests()).toHaveLength(0);
  });

  it('Pinterest answering 401 code 3 anyway → missing_scope naming the scopes to add', async () => {
    const { client } = await loggedIn();
    ctx.mock.control.injectFault({
      method: 'GET',
      path: '/v5/boards',
      status: 401,
      body: { code: 3, message: 'Missing scope.' },
    });
    const error = await rejectionOf(client.get('/boards'));
    expect(error).toMatchObject({ kind: 'missing_scope', status: 401, pinterestCode: 3 });
    expect(error.missingScopes).toEqual(['boards:read']);
    expect(refreshRequests()).toHaveLength(0);
  });

  it('trial app writing to production → trial_in_production with a sandbox hint', async () => {
    const trial = await startPinterestMock({ autoApprove: 'alice', trial: true });
    try {
      const auth = authFor(trial, { scopes: ['user_accounts:read', 'boards:read', 'boards:write'] });
      const { key } = await login(auth);
      const error = await rejectionOf(auth.client(key).post('/boards', { body: { name: 'x' } }));
      expect(error.kind).toBe('trial_in_production');
      expect(error.status).toBe(403);
      expect(error.pinterestCode).toBe(29);
      expect(String(error.hint)).toContain('PINTEREST_ENV=sandbox');
    } finally {
      await trial.close();
    }
  });

  it('403 on a read → not_permitted; 404 → not_found; 400 → invalid_request; each with request id', async () => {
    const { client } = await loggedIn({ scopes: WRITER });
    ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', status: 403 });
    const forbidden = await rejectionOf(client.get('/user_account'));
    expect(forbidden.kind).toBe('not_permitted');
    const missing = await rejectionOf(client.get('/boards/{board_id}', { path: { board_id: '999999' } }));
    expect(missing.kind).toBe('not_found');
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/boards', status: 400 });
    const invalid = await rejectionOf(client.post('/boards', { body: { name: 'x' } }));
    expect(invalid.kind).toBe('invalid_request');
    expect(invalid.status).toBe(400);
    const logged = ctx.mock.control.requests().map((r) => r.requestId);
    for (const error of [forbidden, missing, invalid]) {
      expect(error.requestId, String(error.kind)).toMatch(/^\d{16}$/);
      // The id of the very response that failed (the mock's log), and it is in the message for support.
      expect(logged, String(error.kind)).toContain(error.requestId);
      expect(error.message, String(error.kind)).toContain(String(error.requestId));
    }
    expect(new Set([forbidden.requestId, missing.requestId, invalid.requestId]).size).toBe(3);
  });

  it('never follows a redirect with the bearer token', async () => {
    const { client } = await loggedIn();
    ctx.mock.control.injectFault({
      method: 'GET',
      path: '/v5/user_account',
      redirectTo: `${ctx.mock.url}/v5/pins`,
    });
    const error = await rejectionOf(client.get('/user_account'));
    expect(error).toMatchObject({ kind: 'invalid_request', status: 302 });
    expect(hits('/v5/pins')).toHaveLength(0);
  });

  it('401 code 7 → not_permitted, without a refresh', async () => {
    const { client } = await loggedIn();
    ctx.mock.control.injectFault({
      method: 'GET',
      path: '/v5/user_account',
      status: 401,
      body: { code: 7, message: 'Not authorized to access board or Pin.' },
    });
    const error = await rejectionOf(client.get('/user_account'));
    expect(error.kind).toBe('not_permitted');
    expect(refreshRequests()).toHaveLength(0);
  });

  it('5xx is retried for GET (bounded) and not for POST', async () => {
    const { client } = await loggedIn({
      scopes: WRITER,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', status: 503, times: 2 });
    await expect(client.get('/user_account')).resolves.toMatchObject({ id: ALICE });
    ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', status: 500, times: 10 });
    const error = await rejectionOf(client.get('/user_account'));
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(hits('/v5/user_account').filter((r) => r.status === 500)).toHaveLength(3);
    ctx.mock.control.clearFaults();
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/boards', status: 502, times: 10 });
    const post = await rejectionOf(client.post('/boards', { body: { name: 'x' } }));
    expect(post.kind).toBe('server');
    expect(hits('/v5/boards').filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('network errors are retried for GET and surface as kind network for POST', async () => {
    const { client } = await loggedIn({ scopes: WRITER });
    ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', reset: true, times: 2 });
    await expect(client.get('/user_account')).resolves.toMatchObject({ id: ALICE });
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/boards', reset: true });
    const error = await rejectionOf(client.post('/boards', { body: { name: 'x' } }));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
  });

  it('times out every request (kind timeout), retrying idempotent ones within the bound', async () => {
    const { auth: normal, key } = await loggedIn(); // log in with the normal timeout, then a short one
    const auth = authFor(ctx.mock, {
      store: normal.store,
      timeoutMs: 150,
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const client = auth.client(key);
    ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', delayMs: 1_500, times: 2 });
    const error = await rejectionOf(client.get('/user_account'));
    expect(error.kind).toBe('timeout');
    expect(String(error.hint)).toContain('150 ms');
  });

  it('429 without X-RateLimit-Reset → exponential back-off with jitter, bounded, then rate_limited', async () => {
    const waits: number[] = [];
    const { client } = await loggedIn({
      retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
      sleep: async (ms) => void waits.push(ms),
    });
    ctx.mock.control.injectFault({ method: 'GET', path: '/v5/user_account', status: 429, times: 10 });
    const error = await rejectionOf(client.get('/user_account'));
    expect(error.kind).toBe('rate_limited');
    expect(waits).toHaveLength(3);
    waits.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual((100 * 2 ** i) / 2);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });

  it('paces by X-RateLimit-Remaining/-Reset: waits for the reset instead of drawing a 429', async () => {
    const limited = await startPinterestMock({
      autoApprove: 'alice',
      rateLimits: { limits: { org_read: 2 } },
    });
    try {
      const waits: number[] = [];
      const auth = authFor(limited, {
        sleep: async (ms) => {
          waits.push(ms);
          limited.control.advanceClock(ms / 1000); // the wait happens on the mock's clock
        },
      });
      const { key } = await login(auth);
      limited.control.advanceClock(61); // a fresh window for the client
      const client = auth.client(key);
      await client.get('/user_account'); // 1 of 2: the answer says 1 left, reset in 60 s
      limited.control.advanceClock(7);
      await client.get('/user_account'); // 2 of 2: 0 left, reset in 53 s
      await expect(client.get('/user_account')).resolves.toMatchObject({ id: ALICE });
      const calls = limited.control.requests().filter((r) => r.path === '/v5/user_account');
      expect(calls.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(waits).toHaveLength(1); // 53 s, less the real milliseconds the two calls took
      expect(waits[0]).toBeGreaterThan(52_000);
      expect(waits[0]).toBeLessThanOrEqual(53_000);
    } finally {
      await limited.close();
    }
  });

  it('429 with X-RateLimit-Reset (limit spent elsewhere) waits exactly those seconds, then succeeds', async () => {
    const limited = await startPinterestMock({
      autoApprove: 'alice',
      rateLimits: { limits: { org_read: 2 } },
    });
    try {
      const waits: number[] = [];
      const sleep = async (ms: number) => {
        waits.push(ms);
        limited.control.advanceClock(ms / 1000);
      };
      const other = authFor(limited, { sleep });
      const { key } = await login(other); // 1 of 2 org_read requests (GET /user_account)
      limited.control.advanceClock(7); // 7 s into the 60 s window
      await other.client(key).get('/user_account'); // 2 of 2, spent by another process
      // This instance has not seen those answers: it learns of the limit from the 429.
      const auth = authFor(limited, { store: other.store, sleep });
      await expect(auth.client(key).get('/user_account')).resolves.toMatchObject({ id: ALICE });
      const calls = limited.control.requests().filter((r) => r.path === '/v5/user_account');
      expect(calls.map((r) => r.status)).toEqual([200, 200, 429, 200]);
      // X-RateLimit-Reset = seconds left in the window that started with the first call.
      const [first, , limitedCall] = calls.map((r) => r.time);
      const expectedSeconds = Math.ceil(((first ?? 0) + 60_000 - (limitedCall ?? 0)) / 1000);
      expect(expectedSeconds).toBe(53);
      expect(waits).toEqual([expectedSeconds * 1000]);
    } finally {
      await limited.close();
    }
  });

  it('a rate-limit reset longer than maxRateLimitWaitMs is not waited for', async () => {
    const limited = await startPinterestMock({
      autoApprove: 'alice',
      rateLimits: { limits: { org_read: 1 } },
    });
    try {
      const waits: number[] = [];
      const auth = authFor(limited, {
        retry: { maxRateLimitWaitMs: 1_000 },
        sleep: async (ms) => void waits.push(ms),
      });
      const { key } = await login(auth);
      const error = await rejectionOf(auth.client(key).get('/user_account'));
      expect(error.kind).toBe('rate_limited');
      expect(waits).toEqual([]);
      expect(String(error.hint)).toMatch(/resets in \d+ s/);
    } finally {
      await limited.close();
    }
  });
});

describe('client credentials: auth.client(record)', () => {
  const clientCredentialRequests = () =>
    ctx.mock.control.tokenRequests().filter((r) => r.grantType === 'client_credentials');

  it("calls the API as the app owner with the record's token, stores nothing, never refreshes", async () => {
    const auth = authFor(ctx.mock);
    const record = await auth.clientCredentials(['user_accounts:read', 'boards:read']);
    const owner = auth.client(record);
    // The mock's default app is owned by its first seeded user, alice.
    await expect(owner.get('/user_account')).resolves.toMatchObject({ id: ALICE, username: 'mock_alice' });
    const first = await owner.get('/boards', { query: { page_size: 25 } });
    expect(first.items).toHaveLength(25);
    const [request] = hits('/v5/user_account');
    expect(request?.headers.authorization).toBe(`Bearer fp:${fingerprint(record.accessToken)}`);
    expect(await auth.getTokens(ALICE)).toBeUndefined();
    expect(clientCredentialRequests()).toHaveLength(1);
    expect(refreshRequests()).toHaveLength(0);
  });

  it('an expired client-credentials token → auth_failed saying to ask for a new one; no refresh attempted', async () => {
    const auth = authFor(ctx.mock);
    const record = await auth.clientCredentials(['user_accounts:read']);
    const owner = auth.client(record);
    ctx.mock.control.advanceClock(31 * 86_400);
    const error = await rejectionOf(owner.get('/user_account'));
    expect(error).toBeInstanceOf(PinterestApiError);
    expect(error.kind).toBe('auth_failed');
    expect(String(error.hint)).toMatch(/clientCredentials/);
    expect(String(error.hint)).not.toMatch(/PINTEREST_ACCESS_TOKEN/);
    expect(`${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`).not.toContain(record.accessToken);
    expect(ctx.mock.control.tokenRequests().map((r) => r.grantType)).toEqual(['client_credentials']);
  });

  it('names the scope a client-credentials token lacks', async () => {
    const auth = authFor(ctx.mock);
    const owner = auth.client(await auth.clientCredentials(['user_accounts:read']));
    const error = await rejectionOf(owner.get('/boards'));
    expect(error.code).toBe('MISSING_SCOPE');
    expect(error.missingScopes).toEqual(['boards:read']);
  });

  it('refuses a record of the other environment, and anything that is not a record', async () => {
    const sandbox = authFor(ctx.mock, { environment: 'sandbox', apiUrl: ctx.mock.sandboxApiUrl });
    const record = await sandbox.clientCredentials(['user_accounts:read']);
    await expect(sandbox.client(record).get('/user_account')).resolves.toMatchObject({ id: ALICE });
    const production = authFor(ctx.mock);
    expect(() => production.client(record)).toThrow(PinterestConfigError);
    expect(() => production.client(record)).toThrow(/sandbox/);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    expect(() => production.client({ accessToken: '' } as any)).toThrow(PinterestConfigError);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    expect(() => production.client(42 as any)).toThrow(PinterestAuthError);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    expect(() => production.client(42 as any)).toThrow(/client\(\) must be an account key/);
  });
});

describe('PINTEREST_ACCESS_TOKEN mode', () => {
  it('uses the token as-is and never refreshes; a rejection says it probably expired', async () => {
    const { record } = await login(authFor(ctx.mock));
    const auth = authFor(ctx.mock, { accessToken: record.accessToken });
    const client = auth.client();
    await expect(client.get('/user_account')).resolves.toMatchObject({ id: ALICE });
    ctx.mock.control.advanceClock(31 * 86_400);
    const error = await rejectionOf(client.get('/user_account'));
    expect(error.kind).toBe('auth_failed');
    expect(String(error.hint)).toMatch(/probably expired/);
    expect(String(error.hint)).toMatch(/Generate access token/);
    expect(String(error.hint)).toMatch(/log in with OAuth/);
    expect(refreshRequests()).toHaveLength(0);
  });

  it('works with only PINTEREST_ACCESS_TOKEN configured; OAuth calls then explain what is missing', async () => {
    const { record } = await login(authFor(ctx.mock));
    const { createPinterestAuth } = await import('../src/index.js');
    const auth = createPinterestAuth({
      appId: '',
      appSecret: '',
      redirectUri: '',
      scopes: [],
      apiUrl: ctx.mock.apiUrl,
      accessToken: record.accessToken,
    });
    await expect(auth.client().get('/user_account')).resolves.toMatchObject({ id: ALICE });
    await expect(auth.createAuthorizationURL()).rejects.toThrow(/PINTEREST_APP_ID/);
  });

  it('client() without key and without accessToken is a config error', async () => {
    const auth = authFor(ctx.mock);
    expect(() => auth.client()).toThrow(/PINTEREST_ACCESS_TOKEN/);
  });
});
