import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NetworkError, ProtocolError, TimeoutError } from '../src/index.js';
import { authFor, consent, login, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();

async function callbackFor(overrides: Parameters<typeof authFor>[1] = {}) {
  const auth = authFor(ctx.mock, overrides);
  const { url, state } = await auth.createAuthorizationURL();
  return { auth, state, callback: await consent(url) };
}

describe('token requests (C9)', () => {
  it('a slow token endpoint → TimeoutError after timeoutMs', async () => {
    const { auth, state, callback } = await callbackFor({ timeoutMs: 200 });
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', delayMs: 1_500 });
    const error = await rejectionOf(auth.handleCallback(callback, { state }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('200 ms');
  });

  it('a 302 from the token endpoint → ProtocolError, the redirect is not followed', async () => {
    const { auth, state, callback } = await callbackFor();
    ctx.mock.control.injectFault({
      method: 'POST',
      path: '/v5/oauth/token',
      redirectTo: `${ctx.mock.apiUrl}/v5/elsewhere`,
    });
    const error = await rejectionOf(auth.handleCallback(callback, { state }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.status).toBe(302);
    expect(ctx.mock.control.requests().some((r) => r.path === '/v5/elsewhere')).toBe(false);
  });

  it('a 200 without access_token → ProtocolError', async () => {
    const { auth, state, callback } = await callbackFor();
    ctx.mock.control.injectFault({
      method: 'POST',
      path: '/v5/oauth/token',
      status: 200,
      body: { token_type: 'bearer', expires_in: 10 },
    });
    const error = await rejectionOf(auth.handleCallback(callback, { state }));
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toContain('access_token');
  });

  it('a 200 with a wrong token_type or without expires_in → ProtocolError', async () => {
    for (const body of [
      { access_token: 'pina_a', token_type: 'mac', expires_in: 10 },
      { access_token: 'pina_b', token_type: 'bearer' },
      { access_token: 'pina_c', token_type: 'bearer', expires_in: 'soon' },
    ]) {
      const { auth, state, callback } = await callbackFor();
      ctx.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', status: 200, body });
      const error = await rejectionOf(auth.handleCallback(callback, { state }));
      expect(error.code, JSON.stringify(body)).toBe('PROTOCOL_ERROR');
    }
  });

  it('a truncated JSON body → ProtocolError', async () => {
    const { auth, state, callback } = await callbackFor();
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', malformedJson: true });
    const error = await rejectionOf(auth.handleCallback(callback, { state }));
    expect(error).toBeInstanceOf(ProtocolError);
  });

  it('a dropped connection → NetworkError', async () => {
    const { auth, state, callback } = await callbackFor();
    ctx.mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', reset: true });
    const error = await rejectionOf(auth.handleCallback(callback, { state }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('NETWORK_ERROR');
  });

  it('a host that refuses connections → NetworkError naming the reason', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const auth = authFor(ctx.mock, { apiUrl: `http://127.0.0.1:${port}` });
    const error = await rejectionOf(auth.clientCredentials(['boards:read']));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a wrong app secret → TOKEN_REQUEST_FAILED 401 code 2 with a hint about the credentials', async () => {
    const auth = authFor(ctx.mock, { appSecret: 'wrong-secret' });
    const error = await rejectionOf(auth.clientCredentials(['boards:read']));
    expect(error.code).toBe('TOKEN_REQUEST_FAILED');
    expect(error.status).toBe(401);
    expect(error.pinterestCode).toBe(2);
    expect(String(error.hint)).toContain('PINTEREST_APP_SECRET');
  });

  it('refuses plain http to a non-loopback token endpoint (no request is made)', async () => {
    let called = false;
    const auth = authFor(ctx.mock, {
      apiUrl: 'https://api.example.test',
      fetch: async () => {
        called = true;
        return new Response('{}', { status: 500 });
      },
    });
    // https → allowed to be attempted (through our fetch); http on a real host is refused by config validation.
    await rejectionOf(auth.clientCredentials(['boards:read']));
    expect(called).toBe(true);
    expect(() => authFor(ctx.mock, { apiUrl: 'http://api.example.test' })).toThrow(/PINTEREST|apiUrl/);
  });
});

describe('client credentials', () => {
  it('returns a pinc… token acting as the app owner, without refresh token, not stored', async () => {
    const auth = authFor(ctx.mock);
    const record = await auth.clientCredentials(['boards:read', 'user_accounts:read']);
    expect(record.accessToken).toMatch(/^pinc/);
    expect(record.refreshToken).toBeUndefined();
    expect(record.grantType).toBe('client_credentials');
    expect(record.scopes).toEqual(['boards:read', 'user_accounts:read']);
    const [request] = ctx.mock.control.tokenRequests();
    expect(request?.grantType).toBe('client_credentials');
    expect(request?.form?.scope).toBe('boards:read,user_accounts:read');
    expect(request?.headers.authorization).toMatch(/^Basic fp:/);
  });

  it('refuses unknown or empty scopes before any request', async () => {
    const auth = authFor(ctx.mock);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    await expect(auth.clientCredentials(['pin:read' as any])).rejects.toThrow(/did you mean "pins:read"/);
    await expect(auth.clientCredentials([])).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    expect(ctx.mock.control.tokenRequests()).toHaveLength(0);
  });
});

describe('logout (C15)', () => {
  it('deletes local tokens even though Pinterest refuses the revocation (403 code 29)', async () => {
    const auth = authFor(ctx.mock);
    const { key } = await login(auth);
    const result = await auth.logout(key);
    expect(result).toEqual({ revoked: false });
    expect(await auth.getTokens(key)).toBeUndefined();
    const revokes = ctx.mock.control.requests().filter((r) => r.path === '/v5/oauth/token/revoke');
    expect(revokes.length).toBeGreaterThan(0);
    expect(revokes.every((r) => r.status === 403)).toBe(true);
  });

  it('deletes local tokens first, even when the revocation endpoint is unreachable', async () => {
    const auth = authFor(ctx.mock);
    const { key } = await login(auth);
    ctx.mock.control.injectFault({ path: '/v5/oauth/token/revoke', reset: true, times: 5 });
    await expect(auth.logout(key)).resolves.toEqual({ revoked: false });
    expect(await auth.getTokens(key)).toBeUndefined();
  });

  it('reports revoked: true for a system user whose tokens Pinterest does revoke', async () => {
    ctx.mock.control.seedUser({ id: '1000000000000000009', username: 'mock_system', systemUser: true });
    ctx.mock.control.setAutoApprove('1000000000000000009');
    const auth = authFor(ctx.mock);
    const { key, record } = await login(auth);
    await expect(auth.logout(key)).resolves.toEqual({ revoked: true });
    const client = authFor(ctx.mock, { accessToken: record.accessToken }).client();
    await expect(client.get('/user_account')).rejects.toMatchObject({ kind: 'auth_failed' });
  });

  it('logging out an unknown account is harmless', async () => {
    const auth = authFor(ctx.mock);
    await expect(auth.logout('nobody')).resolves.toEqual({ revoked: false });
  });
});
