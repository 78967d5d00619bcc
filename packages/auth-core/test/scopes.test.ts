import { describe, expect, it } from 'vitest';
import {
  closestScope,
  fingerprint,
  PINTEREST_SCOPES,
  parseScopeList,
  requiredScopesFor,
  SCOPE_DESCRIPTIONS,
} from '../src/index.js';

describe('scopes', () => {
  it('lists the 19 scopes, each with a description', () => {
    expect(PINTEREST_SCOPES).toHaveLength(19);
    expect(Object.keys(SCOPE_DESCRIPTIONS).sort()).toEqual([...PINTEREST_SCOPES].sort());
    expect(SCOPE_DESCRIPTIONS['boards:read_secret']).toBe('See your secret boards');
  });

  it('parses comma- and space-separated lists and suggests the closest scope', () => {
    expect(parseScopeList(' boards:read,pins:read  user_accounts:read ')).toEqual([
      'boards:read',
      'pins:read',
      'user_accounts:read',
    ]);
    expect(closestScope('board:read')).toBe('boards:read');
    expect(closestScope('USER_ACCOUNT:READ')).toBe('user_accounts:read');
    expect(closestScope('pins:writesecret')).toBe('pins:write_secret');
  });

  it('knows the scopes each v5 operation requires (from openapi-v5.json)', () => {
    expect(requiredScopesFor('GET', '/boards')).toEqual(['boards:read']);
    expect(requiredScopesFor('GET', '/boards/123/pins?page_size=2')).toEqual(['boards:read', 'pins:read']);
    expect(requiredScopesFor('POST', '/pins')).toEqual(expect.arrayContaining(['pins:write']));
    expect(requiredScopesFor('GET', '/user_account')).toEqual(['user_accounts:read']);
    expect(requiredScopesFor('GET', '/no/such/endpoint')).toBeUndefined();
  });
});

describe('fingerprint', () => {
  it('is the first 8 hex chars of SHA-256', () => {
    // sha256("abc") = ba7816bf…
    expect(fingerprint('abc')).toBe('ba7816bf');
    expect(fingerprint('pina_x')).toMatch(/^[0-9a-f]{8}$/);
  });
});
