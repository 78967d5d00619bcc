import { describe, expect, it } from 'vitest';
import { fingerprint, inspectTokenResponse, relativeTime } from './token-inspect.ts';

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

describe('advice that matches the response', () => {
  it('never advises a refresh when there is no refresh token (a 24-hour test token)', () => {
    const body = { access_token: 'pina_test', token_type: 'bearer', expires_in: 86400, scope: 'pins:read' };
    const result = inspectTokenResponse(JSON.stringify(body), RECEIVED);
    if (result.kind !== 'tokens') throw new Error('expected tokens');
    const steps = result.nextSteps.join('\n');
    expect(steps).not.toMatch(/grant_type=refresh_token/);
    expect(steps).toMatch(/cannot be refreshed/);
    expect(steps).toMatch(/2026-01-02T00:00:00.000Z/);
    expect(result.store.join('\n')).not.toMatch(/refresh_token/);
  });

  it('advises a refresh when there is a refresh token', () => {
    const result = inspectTokenResponse(CODE_EXCHANGE, RECEIVED);
    if (result.kind !== 'tokens') throw new Error('expected tokens');
    expect(result.nextSteps.join('\n')).toMatch(/grant_type=refresh_token/);
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['2026-01-02T00:00:00Z', 'in 1 day'],
    ['2026-01-31T00:00:00Z', 'in 30 days'],
    ['2026-01-01T01:00:00Z', 'in 1 hour'],
    ['2026-01-01T05:00:00Z', 'in 5 hours'],
    ['2026-01-01T00:20:00Z', 'in less than an hour'],
    ['2025-12-30T00:00:00Z', '2 days ago'],
    ['2025-12-31T23:00:00Z', '1 hour ago'],
  ])('%s → %s', (date, words) => {
    expect(relativeTime(new Date(date), now)).toBe(words);
  });
});

describe('a bare token', () => {
  it.each([
    ['pina_AbC123', 'access', /user access token/],
    ['pinr_AbC123', 'refresh', /refresh token/],
    ['pinc_AbC123', 'client_credentials', /client-credentials token/],
  ])('%s is recognised by its prefix as %s', (token, kind, words) => {
    const result = inspectTokenResponse(`  ${token}\n`, RECEIVED);
    if (result.kind !== 'bare') throw new Error(`expected bare, got ${result.kind}`);
    expect(result.tokenKind).toBe(kind);
    expect(result.known.join('\n')).toMatch(words);
    // What cannot be known from the token itself is said, with how to find out.
    expect(result.unknown.join('\n')).toMatch(/carries no date/);
    expect(result.unknown.join('\n')).toMatch(/GET \/v5\/user_account/);
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('says when a prefix is not Pinterest’s', () => {
    const result = inspectTokenResponse('ghp_0123456789', RECEIVED);
    if (result.kind !== 'bare') throw new Error('expected bare');
    expect(result.tokenKind).toBeUndefined();
    expect(result.known.join('\n')).toMatch(/not one of Pinterest’s token prefixes/);
  });

  it('still reads JSON, and still rejects broken JSON', () => {
    expect(inspectTokenResponse(CODE_EXCHANGE, RECEIVED).kind).toBe('tokens');
    expect(inspectTokenResponse('{"access_token": ', RECEIVED).kind).toBe('invalid');
    expect(inspectTokenResponse('', RECEIVED).kind).toBe('invalid');
  });
});
