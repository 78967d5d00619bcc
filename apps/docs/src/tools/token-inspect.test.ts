import { describe, expect, it } from 'vitest';
import { fingerprint, inspectTokenResponse } from './token-inspect.ts';

const RECEIVED = new Date('2026-01-01T00:00:00Z');

const CODE_EXCHANGE = JSON.stringify({
  access_token: 'pina_test_access',
  refresh_token: 'pinr_test_refresh',
  response_type: 'authorization_code',
  token_type: 'bearer',
  expires_in: 2592000,
  refresh_token_expires_in: 5184000,
  scope: 'boards:read pins:read user_accounts:read',
});

describe('inspectTokenResponse', () => {
  it('dates a code exchange: 30-day access, 60-day refresh', () => {
    const result = inspectTokenResponse(CODE_EXCHANGE, RECEIVED);
    if (result.kind !== 'tokens') throw new Error(`expected tokens, got ${result.kind}`);
    expect(result.grant).toBe('authorization_code');
    expect(result.accessToken.expiresAt?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(result.refreshToken?.expiresAt?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(result.accessToken.prefix).toBe('pina');
    expect(result.scopes).toEqual(['boards:read', 'pins:read', 'user_accounts:read']);
    expect(result.problems).toEqual([]);
    expect(result.store.join('\n')).toMatch(/refresh_token, replacing the previous one/);
    expect(result.nextSteps.join('\n')).toMatch(/GET \/v5\/user_account/);
  });

  it('never repeats a token in what it returns', () => {
    const serialized = JSON.stringify(inspectTokenResponse(CODE_EXCHANGE, RECEIVED));
    expect(serialized).not.toContain('pina_test_access');
    expect(serialized).not.toContain('pinr_test_refresh');
  });

  it('prefers refresh_token_expires_at (Unix seconds) on a refresh response', () => {
    const body = {
      access_token: 'pina_x',
      refresh_token: 'pinr_y',
      response_type: 'refresh_token',
      token_type: 'bearer',
      expires_in: 2592000,
      refresh_token_expires_in: 5184000,
      refresh_token_expires_at: 1_780_000_000,
      scope: 'boards:read',
    };
    const result = inspectTokenResponse(JSON.stringify(body), RECEIVED);
    if (result.kind !== 'tokens') throw new Error('expected tokens');
    expect(result.grant).toBe('refresh_token');
    expect(result.refreshToken?.expiresAt?.getTime()).toBe(1_780_000_000_000);
  });

  it('reports scopes asked for but not granted, and tolerates a superset', () => {
    const result = inspectTokenResponse(CODE_EXCHANGE, RECEIVED, ['boards:read', 'boards:write']);
    if (result.kind !== 'tokens') throw new Error('expected tokens');
    expect(result.missingScopes).toEqual(['boards:write']);
    expect(result.extraScopes).toEqual(['pins:read', 'user_accounts:read']);
    expect(result.nextSteps.join('\n')).toMatch(/Not granted: boards:write.*401 code 3/);
  });

  it('recognises client credentials: pinc prefix, no refresh token, nothing to refresh', () => {
    const body = {
      access_token: 'pinc_abc',
      token_type: 'bearer',
      expires_in: 2592000,
      scope: 'boards:read',
    };
    const result = inspectTokenResponse(JSON.stringify(body), RECEIVED);
    if (result.kind !== 'tokens') throw new Error('expected tokens');
    expect(result.grant).toBe('client_credentials');
    expect(result.refreshToken).toBeUndefined();
    expect(result.problems).toEqual([]);
    expect(result.nextSteps[0]).toMatch(/app owner/);
  });

  it('flags a code exchange without refresh token and the legacy 365-day refresh token', () => {
    const noRefresh = {
      access_token: 'pina_a',
      response_type: 'authorization_code',
      expires_in: 2592000,
      scope: 'pins:read',
    };
    const a = inspectTokenResponse(JSON.stringify(noRefresh), RECEIVED);
    if (a.kind !== 'tokens') throw new Error('expected tokens');
    expect(a.problems.join('\n')).toMatch(/continuous_refresh=true/);

    const legacy = { ...noRefresh, refresh_token: 'pinr_b', refresh_token_expires_in: 31_536_000 };
    const b = inspectTokenResponse(JSON.stringify(legacy), RECEIVED);
    if (b.kind !== 'tokens') throw new Error('expected tokens');
    expect(b.problems.join('\n')).toMatch(/legacy refresh token/);
  });

  it('explains Pinterest error bodies', () => {
    const expired = inspectTokenResponse('{"code": 2, "message": "Authentication failed."}', RECEIVED);
    expect(expired).toMatchObject({ kind: 'error', status: '401', code: 2 });
    const scope = inspectTokenResponse('{"code": 3, "message": "…"}', RECEIVED);
    expect(scope.kind === 'error' && scope.fix).toMatch(/log in again/);
    const trial = inspectTokenResponse('{"code": 29, "message": "…"}', RECEIVED);
    expect(trial.kind === 'error' && trial.fix).toMatch(/sandbox/);
  });

  it('rejects what is not a Pinterest token response, saying why', () => {
    expect(inspectTokenResponse('{not json', RECEIVED)).toMatchObject({ kind: 'invalid' });
    expect(inspectTokenResponse('[1]', RECEIVED)).toMatchObject({ kind: 'invalid' });
    const rfc = inspectTokenResponse('{"error": "invalid_grant"}', RECEIVED);
    expect(rfc.kind === 'invalid' && rfc.problems[0]).toMatch(/Pinterest does not send/);
  });
});

describe('fingerprint', () => {
  it('is the first 8 hex characters of SHA-256', async () => {
    // SHA-256("abc") = ba7816bf8f01cfea…
    expect(await fingerprint('abc')).toBe('ba7816bf');
  });
});
