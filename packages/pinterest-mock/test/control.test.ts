import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint, type PinterestMock, startPinterestMock } from '../src/index.js';
import { api, authorize, http, login, REDIRECT_URI, tokenRequest } from './support/client.js';

let mock: PinterestMock;

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.control.reset();
});

const refreshForm = { grant_type: 'client_credentials', scope: 'boards:read' };

describe('fault injection', () => {
  it('answers with a status and a body, once by default', async () => {
    mock.control.injectFault({
      path: '/v5/oauth/token',
      status: 503,
      body: { code: 0, message: 'Service down' },
    });
    const failed = await tokenRequest(mock, refreshForm);
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ code: 0, message: 'Service down' });
    expect((await tokenRequest(mock, refreshForm)).status).toBe(200);
  });

  it('uses a Pinterest error body for the status when none is given, `times` times', async () => {
    mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', status: 401, times: 2 });
    for (let i = 0; i < 2; i++) {
      const response = await tokenRequest(mock, refreshForm);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 2, message: 'Authentication failed.' });
    }
    expect((await tokenRequest(mock, refreshForm)).status).toBe(200);
  });

  it('matches the method when given', async () => {
    mock.control.injectFault({ method: 'GET', path: '/v5/oauth/token', status: 500 });
    expect((await tokenRequest(mock, refreshForm)).status).toBe(200);
    mock.control.clearFaults();
  });

  it('resets the connection', async () => {
    mock.control.injectFault({ path: '/v5/oauth/token', reset: true });
    await expect(
      fetch(new URL('/v5/oauth/token', mock.url), { method: 'POST', body: new URLSearchParams(refreshForm) }),
    ).rejects.toThrow();
    expect(mock.control.tokenRequests().at(-1)?.status).toBe(0);
  });

  it('sends malformed JSON', async () => {
    mock.control.injectFault({ path: '/v5/user_account', malformedJson: true });
    const response = await fetch(new URL('/v5/user_account', mock.url));
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('redirects with 302', async () => {
    mock.control.injectFault({ path: '/v5/oauth/token', redirectTo: 'http://127.0.0.1:1/elsewhere' });
    const response = await fetch(new URL('/v5/oauth/token', mock.url), {
      method: 'POST',
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://127.0.0.1:1/elsewhere');
  });

  it('delays, then answers normally', async () => {
    mock.control.injectFault({ path: '/v5/oauth/token', delayMs: 50 });
    const response = await tokenRequest(mock, refreshForm);
    expect(response.status).toBe(200);
    expect(mock.control.requests()).toHaveLength(1);
  });

  it('gives up a delay when the client does (its timeout), logging status 0', async () => {
    mock.control.injectFault({ path: '/v5/oauth/token', delayMs: 60_000 });
    const request = fetch(new URL('/v5/oauth/token', mock.url), {
      method: 'POST',
      body: new URLSearchParams(refreshForm),
      signal: AbortSignal.timeout(100),
    });
    await expect(request).rejects.toThrow();
    await expect.poll(() => mock.control.tokenRequests().at(-1)?.status).toBe(0);
  });

  it('matches a path prefix with a trailing *', async () => {
    mock.control.injectFault({ path: '/sandbox/*', status: 500, times: 3 });
    expect((await tokenRequest(mock, refreshForm, { prefix: '/sandbox' })).status).toBe(500);
    expect((await tokenRequest(mock, refreshForm)).status).toBe(200);
  });

  it('explains bad faults', () => {
    expect(() => mock.control.injectFault({ path: 'v5/oauth/token', status: 500 })).toThrow(/path/);
    expect(() => mock.control.injectFault({ path: '/v5/oauth/token', times: 0 })).toThrow(/times/);
  });
});

describe('request log', () => {
  it('fingerprints the Basic header, codes, tokens and state, and never holds them in clear', async () => {
    const code = await authorize(mock, { state: 'my-state-value' });
    const tokens = await tokenRequest<{ access_token: string; refresh_token: string }>(mock, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    await api(mock, 'GET', '/v5/user_account', tokens.body.access_token);
    await tokenRequest(mock, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });

    const log = mock.control.requests();
    const all = JSON.stringify(log);
    for (const secret of [
      code,
      tokens.body.access_token,
      tokens.body.refresh_token,
      'mock-app-secret',
      Buffer.from('1000001:mock-app-secret').toString('base64'),
      'my-state-value',
    ]) {
      expect(all).not.toContain(secret);
    }
    const [consent, exchange, account, refresh] = log;
    expect(consent).toMatchObject({ method: 'GET', path: '/oauth/', status: 302 });
    expect(consent?.query.state).toBe(`fp:${fingerprint('my-state-value')}`);
    expect(exchange?.form?.code).toBe(`fp:${fingerprint(code)}`);
    expect(exchange?.headers.authorization).toBe(
      `Basic fp:${fingerprint(Buffer.from('1000001:mock-app-secret').toString('base64'))}`,
    );
    expect(account?.headers.authorization).toBe(`Bearer fp:${fingerprint(tokens.body.access_token)}`);
    expect(refresh?.form?.refresh_token).toBe(`fp:${fingerprint(tokens.body.refresh_token)}`);
    expect(typeof exchange?.time).toBe('number');
    expect(exchange?.requestId).toMatch(/^\d{16}$/);
  });

  it('lists token requests with grant type and client id, and form fields as sent (no secret in the body)', async () => {
    const tokens = await login(mock);
    await tokenRequest(mock, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    await api(mock, 'GET', '/v5/boards', tokens.access_token);
    const entries = mock.control.tokenRequests();
    expect(entries.map((e) => e.grantType)).toEqual(['authorization_code', 'refresh_token']);
    expect(entries.every((e) => e.clientId === '1000001' && e.status === 200)).toBe(true);
    expect(entries.every((e) => e.form && !('client_secret' in e.form))).toBe(true);
  });

  it('does not log control-plane requests', async () => {
    await http(mock, 'GET', '/_mock/requests');
    expect(mock.control.requests()).toHaveLength(0);
  });
});

describe('control', () => {
  it('registers apps and redirect URIs, and explains bad input', async () => {
    mock.control.registerApp({
      appId: '3000003',
      appSecret: 's3',
      name: 'Third',
      redirectUris: ['http://localhost:1234/cb'],
    });
    mock.control.addRedirectUri('3000003', 'http://localhost:1234/cb2');
    const response = await http(
      mock,
      'GET',
      '/oauth/?client_id=3000003&redirect_uri=http%3A%2F%2Flocalhost%3A1234%2Fcb2&response_type=code&scope=boards:read',
    );
    expect(response.status).toBe(302);
    expect(() => mock.control.addRedirectUri('404', 'http://x/')).toThrow(/registerApp/);
    expect(() => mock.control.registerApp({ appId: 'abc', appSecret: 's', redirectUris: [] })).toThrow(
      /numeric/,
    );
    expect(() => mock.control.addRedirectUri('3000003', 'not a url')).toThrow(/absolute URL/);
    expect(() => mock.control.setAutoApprove('nobody')).toThrow(/nobody/);
    expect(() => mock.control.advanceClock(-1)).toThrow(/non-negative/);
  });

  it('seeds users', async () => {
    mock.control.seedUser({
      id: '1000000000000000003',
      username: 'mock_carol',
      boards: [{ name: 'Only board', pins: [{ title: 'Only pin' }] }],
    });
    mock.control.setAutoApprove('carol');
    const tokens = await login(mock);
    const me = await api(mock, 'GET', '/v5/user_account', tokens.access_token);
    expect(me.body).toMatchObject({ username: 'mock_carol', board_count: 1, pin_count: 1 });
  });

  it('moves the clock and resets everything', async () => {
    const before = mock.control.now();
    expect(mock.control.advanceClock(3600)).toBeGreaterThanOrEqual(before + 3_600_000);
    const tokens = await login(mock);
    mock.control.reset();
    expect(mock.control.now()).toBeLessThan(before + 3_600_000);
    expect((await api(mock, 'GET', '/v5/user_account', tokens.access_token)).status).toBe(401);
    expect(mock.control.requests()).toHaveLength(1);
  });
});

describe('HTTP control plane /_mock/', () => {
  const send = (method: string, path: string, body?: unknown) =>
    http<Record<string, unknown>>(mock, method, `/_mock${path}`, {
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('serves every control operation', async () => {
    const info = await send('GET', '/');
    expect(info.status).toBe(200);
    expect(JSON.stringify(info.body)).not.toContain('mock-app-secret');

    expect(
      (await send('POST', '/apps', { appId: '4000004', appSecret: 's4', redirectUris: [] })).status,
    ).toBe(200);
    expect(
      (await send('POST', '/apps/4000004/redirect-uris', { uri: 'http://localhost:4444/cb' })).status,
    ).toBe(200);
    expect((await send('POST', '/users', { id: '1000000000000000004', username: 'mock_dave' })).status).toBe(
      200,
    );
    expect((await send('PUT', '/auto-approve', { user: 'dave' })).status).toBe(200);
    const consent = await http(
      mock,
      'GET',
      '/oauth/?client_id=4000004&redirect_uri=http%3A%2F%2Flocalhost%3A4444%2Fcb&response_type=code&scope=boards:read',
    );
    expect(consent.status).toBe(302);

    const now = (await send('GET', '/clock')).body.now as number;
    const advanced = await send('POST', '/clock/advance', { seconds: 60 });
    expect(advanced.body.now as number).toBeGreaterThanOrEqual(now + 60_000);

    expect((await send('POST', '/faults', { path: '/v5/oauth/token', status: 500 })).status).toBe(200);
    expect((await send('DELETE', '/faults')).status).toBe(200);
    expect((await tokenRequest(mock, refreshForm)).status).toBe(200);

    const requests = await send('GET', '/requests');
    expect(Array.isArray(requests.body)).toBe(true);
    const tokenRequests = await http<unknown[]>(mock, 'GET', '/_mock/token-requests');
    expect(tokenRequests.body).toHaveLength(1);

    const revoked = await send('POST', '/users/1000000000000000004/revoke-tokens');
    expect(revoked.body).toEqual({ revoked: 0 });
    expect((await send('POST', '/reset')).status).toBe(200);
    expect((await send('GET', '/')).body.users).toHaveLength(2);
  });

  it('answers 400 {error} naming the problem', async () => {
    const bad = await send('POST', '/clock/advance', { seconds: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/seconds/);
    const badFault = await send('POST', '/faults', { status: 500 });
    expect(badFault.status).toBe(400);
    expect(badFault.body.error).toMatch(/path/);
  });
});

describe('H5: only the developer reaches the control plane', () => {
  /** node:http lets a test set Host and Origin as a browser (or a DNS-rebinding page) would. */
  function raw(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; text: string }> {
    const url = new URL(mock.url);
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        { host: url.hostname, port: url.port, method, path, headers },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
  const host = () => new URL(mock.url).host;

  it('refuses a cross-site form post registering a redirect URI', async () => {
    const appId = '1000001';
    const form = await raw(
      'POST',
      `/_mock/apps/${appId}/redirect-uris`,
      {
        host: host(),
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      'uri=https%3A%2F%2Fevil.example%2Fcb',
    );
    expect(form.status).toBe(403);
    expect(JSON.parse(form.text).error).toMatch(/origin/i);
    // The same form without Origin (an old browser) is still refused: not JSON.
    const plainForm = await raw(
      'POST',
      `/_mock/apps/${appId}/redirect-uris`,
      { host: host(), 'content-type': 'application/x-www-form-urlencoded' },
      'uri=https%3A%2F%2Fevil.example%2Fcb',
    );
    expect(plainForm.status).toBe(415);
    expect(JSON.parse(plainForm.text).error).toMatch(/application\/json/);
    const info = await http<{ apps: { appId: string; redirectUris: string[] }[] }>(mock, 'GET', '/_mock/');
    const app = info.body.apps.find((a) => a.appId === appId);
    expect(app?.redirectUris).not.toContain('https://evil.example/cb');
  });

  it('refuses POST /_mock/reset as text/plain, and from a same-site page', async () => {
    mock.control.advanceClock(3600);
    const advanced = mock.control.now();
    const plain = await raw('POST', '/_mock/reset', { host: host(), 'content-type': 'text/plain' }, 'x');
    expect(plain.status).toBe(415);
    const sameSite = await raw(
      'POST',
      '/_mock/reset',
      {
        host: host(),
        'sec-fetch-site': 'same-site',
        'content-type': 'application/json',
      },
      '{}',
    );
    expect(sameSite.status).toBe(403);
    expect(mock.control.now()).toBeGreaterThanOrEqual(advanced);
  });

  it('answers only to loopback Host names (DNS rebinding)', async () => {
    const port = new URL(mock.url).port;
    for (const evilHost of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`]) {
      const response = await raw('GET', '/_mock/', { host: evilHost });
      expect(response.status, evilHost).toBe(403);
      expect(JSON.parse(response.text).error, evilHost).toMatch(/Host/);
    }
    for (const goodHost of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      `app.localhost:${port}`,
      'LOCALHOST:80',
      'localhost',
    ]) {
      expect((await raw('GET', '/_mock/', { host: goodHost })).status, goodHost).toBe(200);
    }
    // Pinterest's own routes are not the control plane: any Host reaches them.
    expect((await raw('GET', '/v5/user_account', { host: 'api.pinterest.com' })).status).toBe(401);
  });

  it('still serves JSON from its own origin and bodyless calls from scripts', async () => {
    const own = await raw(
      'POST',
      '/_mock/clock/advance',
      { host: host(), origin: mock.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      '{"seconds":1}',
    );
    expect(own.status).toBe(200);
    expect((await raw('POST', '/_mock/reset', { host: host() })).status).toBe(200);
  });
});
