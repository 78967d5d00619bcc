import { describe, expect, it } from 'vitest';
import { buildConsentUrl, randomState } from './consent-url.ts';

const KNOWN = ['boards:read', 'pins:read', 'user_accounts:read'];

describe('buildConsentUrl', () => {
  it('builds the consent URL with every parameter Pinterest expects', () => {
    const result = buildConsentUrl(
      {
        appId: '1000001',
        redirectUri: 'http://localhost:3000/auth/callback',
        scopes: ['user_accounts:read', 'boards:read'],
        state: 'abc',
      },
      KNOWN,
    );
    expect(result.problems).toEqual([]);
    const url = new URL(result.url ?? '');
    expect(url.origin + url.pathname).toBe('https://www.pinterest.com/oauth/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '1000001',
      redirect_uri: 'http://localhost:3000/auth/callback',
      response_type: 'code',
      scope: 'user_accounts:read,boards:read',
      state: 'abc',
    });
    expect(result.url).toContain('redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fauth%2Fcallback');
  });

  it('uses PINTEREST_OAUTH_URI when given (e.g. the mock)', () => {
    const result = buildConsentUrl(
      {
        appId: '1',
        redirectUri: 'http://localhost:8085/',
        scopes: ['pins:read'],
        state: 's',
        oauthUri: 'http://127.0.0.1:8765/',
      },
      KNOWN,
    );
    expect(result.url?.startsWith('http://127.0.0.1:8765/oauth/?client_id=1&')).toBe(true);
  });

  it('explains each problem instead of building a wrong URL', () => {
    const result = buildConsentUrl(
      { appId: 'my-app', redirectUri: '/callback', scopes: [], state: '' },
      KNOWN,
    );
    expect(result.url).toBeUndefined();
    expect(result.problems).toHaveLength(4);
    expect(result.problems.join('\n')).toMatch(/App ID is a number/);
    expect(result.problems.join('\n')).toMatch(/absolute URL/);
    expect(result.problems.join('\n')).toMatch(/at least one scope/);
    expect(result.problems.join('\n')).toMatch(/state/);
  });

  it('refuses unknown scopes, fragments and padded URIs', () => {
    const base = { appId: '1', state: 's' };
    expect(
      buildConsentUrl({ ...base, redirectUri: 'https://a.example/cb', scopes: ['boards:reed'] }, KNOWN)
        .problems[0],
    ).toMatch(/Unknown scope\(s\): boards:reed/);
    expect(
      buildConsentUrl({ ...base, redirectUri: 'https://a.example/cb#x', scopes: ['pins:read'] }, KNOWN)
        .problems[0],
    ).toMatch(/fragment/);
    expect(
      buildConsentUrl({ ...base, redirectUri: ' https://a.example/cb', scopes: ['pins:read'] }, KNOWN)
        .problems[0],
    ).toMatch(/spaces/);
  });

  it('warns about http outside localhost', () => {
    const result = buildConsentUrl(
      { appId: '1', state: 's', redirectUri: 'http://a.example/cb', scopes: ['pins:read'] },
      KNOWN,
    );
    expect(result.url).toBeDefined();
    expect(result.warnings[0]).toMatch(/https/);
  });
});

describe('randomState', () => {
  it('is 43 base64url characters from 32 bytes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const state = randomState();
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(state);
    }
    expect(seen.size).toBe(200);
    expect(randomState(new Uint8Array(32).fill(255))).toBe(`${'_'.repeat(42)}8`);
  });
});
