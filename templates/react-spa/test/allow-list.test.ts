/**
 * B4: the generic proxy reaches only allow-listed operations of the configured v5 base. Every refused request
 * is checked against the mock's request log: Pinterest must never see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_OPERATIONS, resolveAllowedCall } from '../server/allow-list.js';
import type { CookieClient } from './helpers/http.js';
import { loggedInClient, type Stack, startStack } from './helpers/stack.js';

describe('resolveAllowedCall', () => {
  it.each([
    ['GET', '/user_account', '', '/user_account', {}, {}],
    [
      'GET',
      '/boards',
      'bookmark=abc%3D%3D&page_size=25',
      '/boards',
      {},
      { bookmark: 'abc==', page_size: '25' },
    ],
    [
      'GET',
      '/boards/5000001000000001/pins',
      '',
      '/boards/{board_id}/pins',
      { board_id: '5000001000000001' },
      {},
    ],
    ['GET', '/pins/123', '', '/pins/{pin_id}', { pin_id: '123' }, {}],
  ])('allows %s %s?%s', (method, path, query, operation, params, expectedQuery) => {
    expect(resolveAllowedCall(method, path, query)).toEqual({
      ok: true,
      operation,
      params,
      query: expectedQuery,
    });
  });

  it.each([
    ['GET', '/../oauth/token', '', 'path_not_allowed'],
    ['GET', '/boards/..', '', 'path_not_allowed'],
    ['GET', '/%2e%2e/oauth/token', '', 'path_not_allowed'],
    ['GET', '/boards%2F..%2F..%2Foauth', '', 'path_not_allowed'],
    ['GET', '//evil.example/v5/boards', '', 'path_not_allowed'],
    ['GET', '/https://evil.example/v5', '', 'path_not_allowed'],
    ['GET', '/boards\\..\\oauth', '', 'path_not_allowed'],
    ['GET', '/oauth/token', '', 'path_not_allowed'],
    ['GET', '/ad_accounts', '', 'path_not_allowed'],
    ['GET', '/boards/abc', '', 'path_not_allowed'],
    ['GET', '/boards/', '', 'path_not_allowed'],
    ['GET', '', '', 'path_not_allowed'],
    ['POST', '/boards', '', 'method_not_allowed'],
    ['DELETE', '/boards/123', '', 'method_not_allowed'],
    ['GET', '/boards', 'url=http://evil.example', 'query_not_allowed'],
    ['GET', '/boards', 'bookmark=a&bookmark=b', 'query_not_allowed'],
    ['GET', '/boards', 'page_size=251', 'query_not_allowed'],
    ['GET', '/user_account', 'ad_account_id=1', 'query_not_allowed'],
  ])('refuses %s %s?%s', (method, path, query, code) => {
    expect(resolveAllowedCall(method, path, query)).toMatchObject({ ok: false, code });
  });

  it('allows only GET operations with numeric ids', () => {
    expect(ALLOWED_OPERATIONS.every((op) => op.method === 'GET')).toBe(true);
  });
});

describe('the proxy over HTTP', () => {
  let stack: Stack;
  let client: CookieClient;
  let csrf: string;

  beforeAll(async () => {
    stack = await startStack();
    ({ client, csrf } = await loggedInClient(stack));
  });
  afterAll(async () => {
    await stack.close();
  });

  it('forwards an allow-listed call to the configured v5 base (the hit counter works)', async () => {
    const before = stack.upstreamHits();
    const response = await client.request('/api/pinterest/boards?page_size=2', {
      headers: { 'x-csrf-token': csrf },
    });
    expect(response.status).toBe(200);
    expect(response.json<{ items: unknown[] }>().items).toHaveLength(2);
    expect(stack.upstreamHits()).toBe(before + 1);
    const last = stack.mock.control.requests().at(-1);
    expect(last?.path).toBe('/v5/boards');
    expect(last?.query).toEqual({ page_size: '2' });
  });

  const refused: Array<[string, string]> = [
    ['GET', '/api/../x'],
    ['GET', '/api/pinterest/../oauth/token'],
    ['GET', '/api/pinterest/../../v5/oauth/token'],
    ['GET', '/api/pinterest/boards/../user_account'],
    ['GET', '/api/pinterest/%2e%2e/oauth/token'],
    ['GET', '/api/pinterest/%2E%2E%2Foauth%2Ftoken'],
    ['GET', '/api/pinterest/boards/%2e%2e%2f%2e%2e%2foauth%2ftoken'],
    ['GET', '/api/pinterest/boards/.%2e/user_account'],
    ['GET', '/api/pinterest/%252e%252e/oauth/token'],
    ['GET', '/api/pinterest/boards\\..\\user_account'],
    ['GET', '/api/pinterest/https://evil.example/v5/boards'],
    ['GET', '/api/pinterest/http:%2F%2Fevil.example%2Fv5%2Fboards'],
    ['GET', '/api/pinterest//evil.example/v5/boards'],
    ['GET', '/api/pinterest///evil.example/boards'],
    ['GET', '/api/pinterest/@evil.example/boards'],
    ['GET', '/api/pinterest/oauth/token'],
    ['GET', '/api/pinterest/ad_accounts'],
    ['GET', '/api/pinterest/boards/abc/pins'],
    ['GET', '/api/pinterest/boards;evil'],
    ['GET', '/api/pinterest/boards%00'],
    ['GET', '/api/pinterest/boards?page_size=1000'],
    ['GET', '/api/pinterest/boards?redirect=https://evil.example'],
    ['GET', '/api/pinterest/boards?bookmark=a&bookmark=b'],
    ['GET', 'http://evil.example/api/pinterest/boards'],
    ['GET', '/api/pinterest/'],
    ['POST', '/api/pinterest/boards'],
    ['PUT', '/api/pinterest/boards/5000001000000001'],
    ['PATCH', '/api/pinterest/boards/5000001000000001'],
    ['DELETE', '/api/pinterest/boards/5000001000000001'],
    ['POST', '/api/pinterest/pins'],
  ];

  it('refuses traversal, encoded traversal, absolute URLs, //host, other paths and methods: upstream never hit', async () => {
    const before = stack.upstreamHits();
    const statuses: Record<string, number> = {};
    for (const [method, path] of refused) {
      const response = await client.request(path, {
        method,
        headers: {
          'x-csrf-token': csrf,
          ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        },
        ...(method === 'GET' ? {} : { body: '{"name":"x"}' }),
      });
      statuses[`${method} ${path}`] = response.status;
    }
    for (const [request, status] of Object.entries(statuses)) {
      expect({ request, refused: status >= 400 && status < 500 }).toEqual({ request, refused: true });
    }
    expect(statuses['POST /api/pinterest/boards']).toBe(405);
    expect(statuses['GET /api/pinterest/oauth/token']).toBe(404);
    expect(stack.upstreamHits()).toBe(before);
  });
});
