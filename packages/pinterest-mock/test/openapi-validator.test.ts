import { describe, expect, it } from 'vitest';
import { assertMatchesSpec, findOperation } from './support/openapi.js';

// The spec check guards every other suite; these prove it can fail.
const check = (method: string, path: string, status: number, body: unknown) =>
  assertMatchesSpec(method, path, status, body, body === undefined ? '' : JSON.stringify(body));

const board = {
  id: '123',
  name: 'Trips',
  description: null,
  privacy: 'PUBLIC',
  created_at: '2024-01-01T10:00:00',
};

describe('openapi-v5.json response check', () => {
  it('accepts a board page and rejects a board without a name or with a non-numeric id', () => {
    expect(() => check('GET', '/v5/boards', 200, { items: [board], bookmark: null })).not.toThrow();
    const { name: _name, ...nameless } = board;
    expect(() => check('GET', '/v5/boards', 200, { items: [nameless], bookmark: null })).toThrow(/name/);
    expect(() => check('GET', '/v5/boards', 200, { items: [{ ...board, id: 'b-1' }] })).toThrow(/pattern/);
    expect(() => check('GET', '/v5/boards', 200, { bookmark: null })).toThrow(/items/);
  });

  it('applies nullable: null is fine where the spec allows it, not elsewhere', () => {
    expect(() => check('GET', '/v5/boards/123', 200, { ...board, description: null })).not.toThrow();
    expect(() => check('GET', '/v5/boards/123', 200, { ...board, name: null })).toThrow();
  });

  it('checks formats: a date-time must be one', () => {
    expect(() => check('GET', '/v5/boards/123', 200, { ...board, created_at: 'yesterday' })).toThrow(
      /date-time/,
    );
  });

  it('follows the token response discriminator: a refresh response needs refresh_token_expires_at', () => {
    const base = { access_token: 'pina_x', token_type: 'bearer', expires_in: 1, scope: 'boards:read' };
    const refresh = {
      ...base,
      response_type: 'refresh_token',
      refresh_token: 'pinr_x',
      refresh_token_expires_in: 2,
    };
    expect(() => check('POST', '/v5/oauth/token', 200, refresh)).toThrow(/refresh_token_expires_at/);
    expect(() =>
      check('POST', '/v5/oauth/token', 200, { ...refresh, refresh_token_expires_at: 1_900_000_000 }),
    ).not.toThrow();
  });

  it('requires {code, message} on errors and an empty body where the spec has none', () => {
    expect(() =>
      check('GET', '/v5/user_account', 401, { code: 2, message: 'Authentication failed.' }),
    ).not.toThrow();
    expect(() => check('GET', '/v5/user_account', 401, { error: 'invalid_token' })).toThrow(/code/);
    expect(() => check('POST', '/v5/oauth/token/revoke', 200, { ok: true })).toThrow(/no body/);
  });

  it('refuses to check a path that is not in the spec', () => {
    expect(() => check('GET', '/v5/not_a_thing', 200, {})).toThrow(/not an operation/);
    expect(findOperation('GET', '/pins/123')?.operationId).toBe('pins/get');
  });
});
